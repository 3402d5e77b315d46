// The Node peer of the wsrun benchmarks: what a Jest user would write with the `ws` package,
// workload for workload the same as ../scripts (wsrun) and ../rawclient (gorilla). The
// benchmark runs it as a child process through ../launch, like the other two sides.
//
// Usage:
//
//	node client.js noop
//	node client.js connect    BASE_URL
//	node client.js echo       BASE_URL N
//	node client.js push       BASE_URL N SIZE text|auto
//	node client.js concurrent BASE_URL C
//
// push with "text" hands each frame to the handler as a string (wsrun's parse: 'text'), with
// "auto" JSON-parses it as wsrun's default does. A workload that does not see what it
// expects exits with status 1 and says why; every workload is bounded by a 2-minute timer.
'use strict';

const WebSocket = require('ws');

const TIMEOUT_MS = 2 * 60 * 1000;

function open(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

// next resolves with the next message, as a string.
function next(ws) {
  return new Promise((resolve, reject) => {
    const onClose = () => reject(new Error('closed while waiting for a message'));
    ws.once('message', (data) => {
      ws.off('close', onClose);
      resolve(data.toString());
    });
    ws.once('close', onClose);
  });
}

// close performs the closing handshake and resolves when the server's close frame came back.
function close(ws) {
  return new Promise((resolve) => {
    ws.once('close', () => resolve());
    ws.close(1000);
  });
}

async function connect(base) {
  const ws = await open(base + '/echo');
  await close(ws);
}

async function echo(base, n) {
  const ws = await open(base + '/echo');
  for (let i = 0; i < n; i++) {
    const msg = `msg-${i}`;
    ws.send(msg);
    const got = await next(ws);
    if (got !== msg) throw new Error(`round trip ${i}: sent ${msg}, got ${got}`);
  }
  await close(ws);
}

async function push(base, n, size, mode) {
  // The handler is attached before the handshake completes: ws emits the frames that came in
  // with the upgrade response right after 'open', before an await after open() would resume.
  const ws = new WebSocket(`${base}/push?n=${n}&size=${size}`);
  let count = 0;
  await new Promise((resolve, reject) => {
    ws.on('message', (data) => {
      let msg = data.toString();
      if (mode === 'auto') {
        try { msg = JSON.parse(msg); } catch { /* not JSON: the string itself, as wsrun's auto */ }
      }
      count++;
      if (msg === 'done') resolve();
    });
    ws.once('error', reject);
    ws.once('close', () => reject(new Error(`closed after ${count} frames`)));
  });
  if (count !== n + 1) throw new Error(`received ${count - 1} frames, want ${n}`);
  await close(ws);
}

async function concurrent(base, c) {
  const conns = await Promise.all(Array.from({ length: c }, () => open(base + '/echo')));
  await Promise.all(conns.map(async (ws, i) => {
    const msg = `hello-${i}`;
    ws.send(msg);
    const got = await next(ws);
    if (got !== msg) throw new Error(`connection ${i}: echo: got ${got}`);
  }));
  await Promise.all(conns.map(close));
}

async function run(args) {
  const [workload, base] = args;
  const num = (i) => {
    const v = Number(args[i]);
    if (!Number.isInteger(v)) throw new Error(`${workload}: argument ${i} must be an integer, got ${args[i]}`);
    return v;
  };
  switch (workload) {
    case 'noop': return;
    case 'connect': return connect(base);
    case 'echo': return echo(base, num(2));
    case 'push': {
      const mode = args[4] || 'text';
      if (mode !== 'text' && mode !== 'auto') throw new Error(`push: mode must be text or auto, got ${mode}`);
      return push(base, num(2), num(3), mode);
    }
    case 'concurrent': return concurrent(base, num(2));
  }
  throw new Error('usage: node client.js noop|connect|echo|push|concurrent BASE_URL [N [SIZE [MODE]]]');
}

const timer = setTimeout(() => {
  console.error('node client: timed out');
  process.exit(1);
}, TIMEOUT_MS);
run(process.argv.slice(2)).then(() => clearTimeout(timer), (err) => {
  console.error('node client:', err.message);
  process.exit(1);
});
