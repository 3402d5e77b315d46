// A scripted call-centre API in the style of an agent desktop protocol: every request carries
// an action, every answer is "result" + action. It pings agents and drops those that stop
// answering.
import { serve } from 'wsrun/ws';

export async function startCallCentre({ pingEvery = 50, pongWithin = 150 } = {}) {
  let next = 1;
  const server = await serve({ path: '/agent' }, (conn) => {
    const active = new Set();
    let lastPong = Date.now();
    let pingID = 0;
    const pinger = setInterval(() => {
      if (Date.now() - lastPong > pongWithin) {
        clearInterval(pinger);
        conn.close(4008, 'ping timeout');
        return;
      }
      conn.send({ action: 'ping', id: ++pingID });
    }, pingEvery);
    conn.on('close', () => clearInterval(pinger));
    conn.on('message', (m) => {
      switch (m.action) {
        case 'pong':
          lastPong = Date.now();
          break;
        case 'newOutInteraction': {
          const n = next++;
          active.add(`int-${n}`);
          conn.send({ action: 'resultNewOutInteraction', interactionID: `int-${n}`, workitemID: `wi-${n}`, result: 'success' });
          break;
        }
        case 'endInteraction':
          conn.send({
            action: 'resultEndInteraction',
            interactionID: m.interactionID,
            result: active.delete(m.interactionID) ? 'success' : 'unknownInteraction',
          });
          break;
        default:
          conn.send({ action: 'error', reason: `unknown action ${m.action}` });
      }
    });
  });
  return server;
}
