// Steps for the chat protocol, published as an npm package so that every suite (and every
// repository) that tests a chat server shares them. The package is plain JavaScript with
// types beside it; 'wsrun/ws' is wsrun's built-in module, so the package has no dependencies.
import { connect } from 'wsrun/ws';

// join connects as name and waits for the welcome, which lists who is in the room.
export async function join(url, name) {
  const conn = await connect(url, { name });
  const welcome = await conn.request({ type: 'join', name }, { type: 'welcome' });
  return { conn, users: welcome.users };
}

// say sends a line of chat.
export function say(conn, text) {
  conn.send({ type: 'say', text });
}

// heard waits until conn receives text from the user named from.
export function heard(conn, from, text) {
  return conn.expect({ type: 'said', from, text });
}

// saw waits until conn is told that the user named name joined or left.
export function saw(conn, event, name) {
  return conn.expect({ type: event, name });
}
