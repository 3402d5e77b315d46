// Scenarios for the call-centre protocol, built from the steps in steps.js.
import * as steps from './steps.js';
import { startCallCentre } from './server.js';

let server;
beforeAll(async () => { server = await startCallCentre(); });
afterAll(() => server.close());

test('an agent places an outbound call and hangs up', async () => {
  const agent = await ws.connect(server.url, { name: 'agent' });
  steps.answerPings(agent);
  const call = await steps.startOutboundCall(agent, '+15550100');
  const end = await steps.hangUp(agent, call.interactionID);
  expect(end.result).toBe('success');
});

test('the agent stays logged in while it answers pings', async () => {
  const agent = await ws.connect(server.url, { name: 'agent' });
  steps.answerPings(agent);
  await agent.expect({ action: 'ping', id: 3 });
  await agent.expectNone({ action: 'error' }, { within: 200 });
  expect(agent.closed).toBe(false);
});

test('an agent that ignores pings is logged out with 4008', async () => {
  const agent = await ws.connect(server.url, { name: 'lazy-agent' });
  await agent.expectClose({ code: 4008, reason: 'ping timeout', timeout: 2000 });
});

test('two calls at once get distinct ids', async () => {
  const agent = await ws.connect(server.url, { name: 'agent' });
  steps.answerPings(agent);
  const [a, b] = await Promise.all([
    steps.startOutboundCall(agent, '+15550101'),
    steps.startOutboundCall(agent, '+15550102'),
  ]);
  expect(a.interactionID).not.toBe(b.interactionID);
  const again = await steps.hangUp(agent, a.interactionID);
  expect(again.result).toBe('success');
  expect((await steps.hangUp(agent, a.interactionID)).result).toBe('unknownInteraction');
});
