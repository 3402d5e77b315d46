// A scripted chat server, so the suites run with no backend: a file library that test files
// import with a relative path. Clients join with a name, say lines that everyone hears, and
// see others join and leave. A moderator can kick.
import { serve, type Connection, type Server } from 'wsrun/ws';

type Incoming =
  | { type: 'join'; name: string }
  | { type: 'say'; text: string }
  | { type: 'kick'; name: string };

export const KICKED = 4003;

export async function startChatServer(): Promise<Server> {
  const members = new Map<string, Connection>();
  const server: Server = await serve({ path: '/chat' }, (conn) => {
    let name = '';
    const everyone = (msg: object) => members.forEach((c) => c.send(msg));
    conn.on('message', (msg: Incoming) => {
      switch (msg.type) {
        case 'join':
          name = msg.name;
          everyone({ type: 'joined', name });
          members.set(name, conn);
          conn.send({ type: 'welcome', users: [...members.keys()] });
          break;
        case 'say':
          everyone({ type: 'said', from: name, text: msg.text });
          break;
        case 'kick':
          if (name !== 'moderator') {
            conn.send({ type: 'error', reason: 'only the moderator kicks' });
            break;
          }
          members.get(msg.name)?.close(KICKED, 'kicked');
          break;
      }
    });
    conn.on('close', () => {
      if (members.get(name) === conn) {
        members.delete(name);
        everyone({ type: 'left', name });
      }
    });
  });
  return server;
}
