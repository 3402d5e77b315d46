// Reusable steps for the call-centre protocol. A scenario is a list of these; each takes the
// connection and returns what later steps need. Test files import them:
//   import * as steps from './steps.js';
import { expect } from 'wsrun';

export async function startOutboundCall(conn, number) {
  const result = await conn.request(
    { action: 'newOutInteraction', destination: number },
    { action: 'resultNewOutInteraction' },
  );
  expect(result).toEqual({
    action: 'resultNewOutInteraction',
    interactionID: expect.stringMatching(/^int-\d+$/),
    workitemID: expect.stringMatching(/^wi-\d+$/),
    result: 'success',
  });
  return result;
}

export async function hangUp(conn, interactionID) {
  return conn.request({ action: 'endInteraction', interactionID }, { action: 'resultEndInteraction', interactionID });
}

// The server pings every agent; an agent that does not answer is logged out.
export function answerPings(conn) {
  return conn.on({ action: 'ping' }, (m) => conn.send({ action: 'pong', id: m.id }));
}
