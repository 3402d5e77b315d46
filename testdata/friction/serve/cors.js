// A mock whose HTTP endpoints a page from another origin (a dev server on another port) calls.
ws.serve({ port: 0, path: '/ws', http: (req) => ({ status: 201, body: { method: req.method, path: req.path } }) });
ws.serve({ port: 0, cors: false, path: '/ws', http: () => ({ body: 'no cors here' }) });
