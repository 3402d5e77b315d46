// A wait on an inbox that the test forgets to await fails the test, named by its label.
import { inbox } from 'wsrun/testinternal';
import { serve, connect } from 'wsrun/ws';

test('control: an awaited inbox wait', async () => {
  const server = await serve();
  const conn = await connect(server.url, { name: 'carol' });
  const box = inbox(conn, { noun: 'event' });
  const p = box.expect('ready');
  box.push('ready', true);
  expect(await p).toBe(true);
});

test('inbox expect not awaited', async () => {
  const server = await serve();
  const conn = await connect(server.url, { name: 'dora' });
  const box = inbox(conn, { noun: 'event' });
  box.expect('late', undefined, { timeout: 60000 }, { label: 'socket.expect("late")' });
});
