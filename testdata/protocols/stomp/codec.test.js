// wsrun/stomp's frame codec and session rules against a broker scripted with ws.serve: what
// RabbitMQ never does on its own (escaped headers, frames split or packed, NULs in bodies,
// heart-beats that stop, an ERROR after CONNECTED). No RabbitMQ needed.
import { stomp } from 'wsrun/stomp'

// broker serves one scripted STOMP connection: connected(frames) is called with the client's
// CONNECT, and onFrame(text, conn) with every later frame's text.
async function broker({ heartbeat = '0,0', version = '1.2', onFrame = () => {} } = {}) {
  const server = await ws.serve({ protocols: ['v12.stomp'], parse: 'text' }, (conn) => {
    conn.on('message', (text) => {
      if (text === '\n') return // the client's heart-beat
      if (text.startsWith('CONNECT\n')) {
        conn.send(`CONNECTED\nversion:${version}\nheart-beat:${heartbeat}\n\n\0`)
        return
      }
      const receipt = /\nreceipt:([^\n]*)\n/.exec(text)
      onFrame(text, conn)
      if (receipt) conn.send(`RECEIPT\nreceipt-id:${receipt[1]}\n\n\0`)
    })
  })
  return server
}

const message = (dest, headers, body) =>
  `MESSAGE\nsubscription:sub-0\ndestination:${dest}\nmessage-id:m${Math.random()}\n${headers}\n${body}\0`

test('escaped headers, packed and split frames, NULs under content-length, EOLs between frames', async () => {
  const server = await broker()
  const client = await stomp.connect(server.url)
  const conn = await server.expectConnection()
  const sub = await client.subscribe('/topic/a')
  // Two frames in one WebSocket message, with heart-beat EOLs (LF and CRLF) around them.
  conn.send('\n' + message('/topic/a', 'x-colon:a\\cb\nx-esc:back\\\\slash\\nnew\\rline\n', 'one') + '\r\n\n' + message('/topic/a', '', '{"n":2}') + '\n')
  // A body with a NUL, whose frame is split across three messages.
  const f = message('/topic/a', 'content-length:7\n', 'a\0b\u00e9\u263a')
  conn.send(f.slice(0, 10)); conn.send(f.slice(10, f.length - 3)); conn.send(f.slice(f.length - 3))
  const one = await sub.expect('one')
  expect(one.headers).toMatchObject({ 'x-colon': 'a:b', 'x-esc': 'back\\slash\nnew\rline' })
  expect(await sub.expect({ n: 2 })).toMatchObject({ json: { n: 2 }, body: '{"n":2}' })
  expect((await sub.expect(/^a\0b/)).body).toBe('a\0b\u00e9\u263a')
})

test('send escapes headers and counts content-length in UTF-8 bytes', async () => {
  const sent = []
  const server = await broker({ onFrame: (text) => sent.push(text) })
  const client = await stomp.connect(server.url)
  await client.send('/queue/q', 'h\u00e9\u263a\0!', { 'x-note': 'a:b\nc\\d\re' })
  await client.send('/queue/q', { ok: true }, { receipt: 'r-7' })
  // h é ☺ NUL ! is 1 + 2 + 3 + 1 + 1 bytes.
  expect(sent[0]).toBe('SEND\ndestination:/queue/q\nx-note:a\\cb\\nc\\\\d\\re\ncontent-length:8\n\nh\u00e9\u263a\0!\0')
  expect(sent[1]).toBe('SEND\ndestination:/queue/q\ncontent-type:application/json\nreceipt:r-7\ncontent-length:11\n\n{"ok":true}\0')
})

test('subscribe resolves only once the broker confirmed the subscription', async () => {
  let receiptSent = 0
  const server = await ws.serve({ protocols: ['v12.stomp'], parse: 'text' }, (conn) => {
    conn.on('message', (text) => {
      if (text.startsWith('CONNECT\n')) conn.send('CONNECTED\nversion:1.2\n\n\0')
      const r = /^SUBSCRIBE\n[^]*\nreceipt:([^\n]*)\n/.exec(text)
      if (r) setTimeout(() => { receiptSent = Date.now(); conn.send(`RECEIPT\nreceipt-id:${r[1]}\n\n\0`) }, 150)
    })
  })
  const client = await stomp.connect(server.url)
  await client.subscribe('/topic/late')
  expect(receiptSent).toBeGreaterThan(0)
})

test('an ERROR after CONNECTED fails the pending wait with its message', async () => {
  const server = await broker()
  const client = await stomp.connect(server.url, { name: 'eve' })
  const conn = await server.expectConnection()
  const sub = await client.subscribe('/queue/secret')
  const waiting = sub.expect('anything', { timeout: 2000 })
  conn.send('ERROR\nmessage:access refused\ncontent-type:text/plain\n\nno read access to /queue/secret\0')
  await expect(waiting).rejects.toThrow('the broker sent ERROR: access refused: no read access to /queue/secret')
  await expect(client.send('/queue/x', 'y')).rejects.toThrow('eve: send: the broker sent ERROR: access refused')
})

test('heart-beats: sent at the agreed interval, and silence fails the wait', async () => {
  let beats = 0
  const server = await ws.serve({ protocols: ['v12.stomp'], parse: 'text' }, (conn) => {
    conn.on('message', (text) => {
      if (text === '\n') beats++
      else if (text.startsWith('CONNECT\n')) {
        conn.send('CONNECTED\nversion:1.2\nheart-beat:100,100\n\n\0')
        // The broker beats for 600ms, then falls silent.
        const timer = setInterval(() => conn.send('\n'), 100)
        setTimeout(() => clearInterval(timer), 600)
      } else {
        const r = /\nreceipt:([^\n]*)\n/.exec(text)
        if (r) conn.send(`RECEIPT\nreceipt-id:${r[1]}\n\n\0`)
      }
    })
  })
  const start = Date.now()
  const client = await stomp.connect(server.url, { heartbeat: [100, 100], name: 'hb' })
  expect(client.heartbeat).toEqual([100, 100])
  const sub = await client.subscribe('/topic/quiet')
  await expect(sub.expect('never', { timeout: 3000 })).rejects.toThrow(/^hb: .*no heart-beat from the broker for \d+ms \(agreed every 100ms\)/)
  expect(Date.now() - start).toBeGreaterThanOrEqual(700) // alive while the broker beat
  expect(beats).toBeGreaterThanOrEqual(5)
})

test('over() runs a session on a Connection opened by hand; a 1.1 broker gets 1.1 frames', async () => {
  const sent = []
  const server = await broker({ version: '1.1', onFrame: (text) => sent.push(text) })
  const conn = await ws.connect(server.url, { protocols: ['v11.stomp'], parse: 'text', headers: { 'x-tenant': 'acme' }, name: 'old' })
  const client = await stomp.over(conn, { login: 'u', passcode: 'p' })
  expect(client.version).toBe('1.1')
  const peer = await server.expectConnection()
  const sub = await client.subscribe('/queue/legacy', { ack: 'client' })
  peer.send('MESSAGE\nsubscription:sub-0\ndestination:/queue/legacy\nmessage-id:m\\c1\n\nhi\0')
  const m = await sub.expect('hi')
  expect(m.headers['message-id']).toBe('m:1')
  await m.ack({ receipt: true })
  await client.send('/queue/legacy', 'x', { 'x-cr': 'a\rb' })
  await client.disconnect()
  // 1.1 acks by message-id and subscription, and has no \r escape.
  expect(sent).toContain('ACK\nmessage-id:m\\c1\nsubscription:sub-0\nreceipt:old-2\n\n\0')
  expect(sent).toContain('SEND\ndestination:/queue/legacy\nx-cr:a\rb\ncontent-length:1\n\nx\0')
})

test('options are checked', async () => {
  await expect(stomp.connect('ws://127.0.0.1:1/', { pascode: 'x' })).rejects.toThrow('stomp.connect: unknown option "pascode"; did you mean "passcode"?')
  await expect(stomp.connect('ws://127.0.0.1:1/', { heartbeat: 5 })).rejects.toThrow('stomp.connect: option heartbeat must be an array [outgoing ms, incoming ms] of two whole numbers (0 or more), got the number 5')
  await expect(stomp.over(1)).rejects.toThrow('stomp.over: conn must be a Connection (from ws.connect or ws.serve), got the number 1')
  const server = await broker()
  const client = await stomp.connect(server.url)
  await expect(client.subscribe('/q', { ack: 'client_individual' })).rejects.toThrow('stomp subscribe: option ack must be one of "auto", "client", "client-individual", got the string "client_individual"; did you mean "client-individual"?')
  await expect(client.send('/q', 'x', { 'x-obj': {} })).rejects.toThrow('stomp send: header x-obj must be a string, number or boolean, got an object')
})

test("a broker's absurd heart-beat is bounded, not a flood of EOLs", async () => {
  // 10^20 ms overflows a timer, which then fires at once, again and again, starving sleep().
  let eols = 0
  const server = await ws.serve({ protocols: ['v12.stomp'], parse: 'text' }, (conn) => {
    conn.on('message', (text) => {
      if (text === '\n') eols++
      else if (text.startsWith('CONNECT\n')) conn.send('CONNECTED\nversion:1.2\nheart-beat:99999999999999999999,99999999999999999999\n\n\0')
    })
  })
  const client = await stomp.connect(server.url, { heartbeat: [100, 100] })
  expect(client.heartbeat).toEqual([2 ** 31 - 1, 2 ** 31 - 1])
  await sleep(200)
  expect(eols).toBe(0)
}, 3000)

test('a big body split across many messages is decoded in linear time', async () => {
  // 2 MiB under content-length in 16 KiB messages, part of it not ASCII. Counting the body's
  // bytes from its start again at each message took minutes, the event loop blocked.
  const server = await broker()
  const client = await stomp.connect(server.url)
  const conn = await server.expectConnection()
  const sub = await client.subscribe('/topic/big')
  const body = 'x'.repeat(1 << 20) + 'é☺'.repeat(1 << 19)
  const f = message('/topic/big', `content-length:${(1 << 20) + 5 * (1 << 19)}\n`, body)
  for (let i = 0; i < f.length; i += 16384) conn.send(f.slice(i, i + 16384))
  const started = Date.now()
  expect((await sub.expect(undefined, { timeout: 5000 })).body === body).toBe(true)
  expect(Date.now() - started).toBeLessThan(3000)
}, 10000)

test('content-length counts what goes on the wire: a surrogate pair 4 bytes, even across a 64 Ki chunk; a lone half 3 (U+FFFD)', async () => {
  const sent = []
  const server = await broker({ onFrame: (text) => sent.push(text) })
  const client = await stomp.connect(server.url)
  const conn = await server.expectConnection()
  const sub = await client.subscribe('/topic/emoji')
  // 'x' first, so that the first 65536 UTF-16 units end inside a pair.
  const body = 'x' + '\u{1F600}'.repeat(100000)
  conn.send(message('/topic/emoji', `content-length:${1 + 4 * 100000}\n`, body))
  expect((await sub.expect(undefined, { timeout: 5000 })).body === body).toBe(true)
  await client.send('/queue/q', '\ud800', { receipt: true })
  expect(sent.at(-1)).toMatch(/\ncontent-length:3\n\n\ufffd\0$/)
}, 10000)

test('frames in binary messages are decoded as UTF-8, a big one in linear time', async () => {
  // Built a code point at a time, a 1 MiB binary message took over a minute.
  const server = await broker()
  const client = await stomp.connect(server.url)
  const conn = await server.expectConnection()
  const sub = await client.subscribe('/topic/bin')
  const utf8 = (s) => new TextEncoder().encode(s)
  conn.send(utf8(message('/topic/bin', 'content-length:7\n', 'é☺\0!')))
  expect((await sub.expect(/^é☺/)).body).toBe('é☺\0!')
  const big = 'x'.repeat(1 << 20) + 'é'
  conn.send(utf8(message('/topic/bin', '', big)))
  const started = Date.now()
  expect((await sub.expect(undefined, { timeout: 5000 })).body === big).toBe(true)
  expect(Date.now() - started).toBeLessThan(3000)
}, 10000)

test('an ERROR in the same message right after CONNECTED rejects connect', async () => {
  // It used to wait unseen as a refusal nobody read: the session went on as if all was well.
  const server = await ws.serve({ protocols: ['v12.stomp'], parse: 'text' }, (conn) => {
    conn.on('message', (text) => {
      if (text.startsWith('CONNECT\n')) conn.send('CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0ERROR\nmessage:session revoked\n\n\0')
      const receipt = /\nreceipt:([^\n]*)\n/.exec(text)
      if (receipt) conn.send(`RECEIPT\nreceipt-id:${receipt[1]}\n\n\0`)
    })
  })
  await expect(stomp.connect(server.url, { name: 'eve' })).rejects.toThrow(
    `eve: stomp.connect ${server.url}: the broker sent ERROR: session revoked`)
})

test('a receipt no request waited for answers no later request that reuses its id', async () => {
  // The broker answers the first SEND twice, and the second not at all: the duplicate used to
  // wait in the inbox and answer the second before the broker did.
  const server = await ws.serve({ protocols: ['v12.stomp'], parse: 'text' }, (conn) => {
    let sends = 0
    conn.on('message', (text) => {
      if (text.startsWith('CONNECT\n')) conn.send('CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0')
      if (!text.startsWith('SEND\n')) return
      if (++sends === 1) conn.send('RECEIPT\nreceipt-id:r1\n\n\0RECEIPT\nreceipt-id:r1\n\n\0')
      else setTimeout(() => conn.close(1011, 'gone'), 100)
    })
  })
  const client = await stomp.connect(server.url, { name: 'rita' })
  await client.send('/q', 'first', { receipt: 'r1' })
  await expect(client.send('/q', 'second', { receipt: 'r1' })).rejects.toThrow(
    /^rita: expect failed: the connection closed with 1011 .*while waiting for RECEIPT r1 for SEND \/q; 1 unconsumed frame:\n {2}1\. RECEIPT r1 \(no request waited for it\)$/)
})
