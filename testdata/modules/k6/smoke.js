// A k6-style scenario: no test() calls, the default export is the scenario.
import { connect, serve } from 'wsrun/ws';

export default async function () {
  const server = await serve({}, (conn) => conn.send({ hello: 'k6' }));
  const conn = await connect(server.url);
  await conn.expect({ hello: 'k6' });
}
