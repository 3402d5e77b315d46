// An inbox fed from a Connection's 'message' handler, as a protocol module feeds one: each
// frame is a Socket.IO-like JSON array [event, ...args], pushed decoded.
import { inbox } from 'wsrun/testinternal';
import { serve, connect } from 'wsrun/ws';

let server;
beforeAll(async () => {
  server = await serve((conn) => {
    conn.send(JSON.stringify(['chat', 'hello']));
    conn.send(JSON.stringify(['typing']));
    conn.send(JSON.stringify(['chat', 'hi', 'extra']));
  });
});
afterAll(() => server.close());

async function socket(name) {
  const conn = await connect(server.url, { name, parse: 'text' });
  const box = inbox(conn, { noun: 'event', show: (event, args) => event + ' ' + JSON.stringify(args) });
  conn.on('message', (text) => {
    const [event, ...args] = JSON.parse(text);
    box.push(event, args);
  });
  return box;
}

test('control: takes decoded events by name and args', async () => {
  const box = await socket('bob');
  expect(await box.expect('chat', ['hi', expect.anything()])).toEqual(['hi', 'extra']);
  expect(await box.expect('typing', [])).toEqual([]);
  expect(box.size).toBe(1);
});

test('an event that never comes', async () => {
  const box = await socket('alice');
  await box.expect('typing');
  await box.expect('chat', ['hi'], undefined, { method: 'expect', label: 'socket.expect("chat", ["hi"])', what: 'chat ["hi"]' });
});
