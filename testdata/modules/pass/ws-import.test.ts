// The ws module by import: named, default and namespace imports are the same functions as
// the global.
import ws, { connect, serve } from 'wsrun/ws';
import * as wsNS from 'wsrun/ws';
import { expect, test, ws as wsFromWsrun } from 'wsrun';

test('import { connect } from "wsrun/ws"', async () => {
  const server = await serve({ path: '/echo' }, (conn) => {
    conn.on('message', (m: unknown) => conn.send(m));
  });
  const conn = await connect(server.url, { name: 'client' });
  conn.send({ hello: 'world' });
  await conn.expect({ hello: 'world' });
  await conn.close();
  await server.close();
});

test('default, namespace and global are one module', () => {
  expect(ws.connect).toBe(connect);
  expect(wsNS.serve).toBe(serve);
  expect(wsFromWsrun).toBe(globalThis.ws);
  expect(ws.default).toBe(ws);
});
