// wsrun serve prints console output and frames as they happen: redacted too.
console.log('starting with', { token: 'SECRET12serve' });
ws.serve({}, (conn) => conn.send({ hello: 'you', session: 'SECRET13frame' }));
