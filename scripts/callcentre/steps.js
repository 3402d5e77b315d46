// Reusable steps for the call-centre protocol. A scenario is a list of these; each takes the
// connection and returns what later steps need. (ES module imports of this file arrive with
// TypeScript support; until then the steps live on a global so tests can share them.)
globalThis.steps = {
  async startOutboundCall(conn, number) {
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
  },

  async hangUp(conn, interactionID) {
    return conn.request({ action: 'endInteraction', interactionID }, { action: 'resultEndInteraction', interactionID });
  },

  // The server pings every agent; an agent that does not answer is logged out.
  answerPings(conn) {
    return conn.on({ action: 'ping' }, (m) => conn.send({ action: 'pong', id: m.id }));
  },
};
