ws.serve({ port: 0, path: '/feed' }, (conn, req) => {
  console.log('client connected from', req.headers['user-agent'] || '?');
  conn.send({ type: 'hello' });
  conn.on('message', (m) => {
    if (m === 'boom') throw new Error('handler blew up');
    conn.send({ echo: m });
  });
});
