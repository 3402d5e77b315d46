// wsrun serve has the web globals too: the mock answers with what URL makes of the request.
ws.serve({
  http: (req) => {
    const url = new URL(req.url, 'http://mock.local');
    return { body: { q: url.searchParams.get('q'), id: crypto.randomUUID().length, b64: btoa(url.searchParams.get('q')) } };
  },
});
