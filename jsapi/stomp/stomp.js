// wsrun/stomp: a STOMP 1.2 (and 1.1, 1.0) client over a wsrun Connection. The frames are
// encoded and decoded here; every wait goes through wsrun/internal's inbox, so it has
// Connection.expect's matchers, timeouts and failure output, and receipts are timed with
// operation() for the latency table.
import { connect as wsConnect } from 'wsrun/ws'
import { inbox, operation, options, need, describe, utf8Length } from 'wsrun/internal'

const SUBPROTOCOLS = ['v12.stomp', 'v11.stomp', 'v10.stomp']
const SERVER_COMMANDS = ['CONNECTED', 'MESSAGE', 'RECEIPT', 'ERROR']
const ACK_MODES = ['auto', 'client', 'client-individual']
// A header block longer than this without its blank line is not STOMP; fail instead of
// buffering forever.
const MAX_HEADER_BYTES = 64 * 1024
// Missed heart-beats are tolerated up to this many agreed intervals (network jitter, a busy
// loop) before the broker counts as gone.
const HEARTBEAT_TOLERANCE = 2

// ---- argument checking: argcheck's, through wsrun/internal --------------------------------

// quote shows a piece of a broken frame in a protocol error: the string, clipped.
function quote(v) {
  return typeof v === 'string' ? JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v) : describe(v)
}

// connectOptions checks the options of stomp.connect and stomp.over; heartbeat, a pair of
// intervals, is a kind of its own.
function connectOptions(fn, opts) {
  opts = options(fn, opts, CONNECT_OPTIONS)
  const hb = opts.heartbeat
  if (hb != null && !(Array.isArray(hb) && hb.length === 2 && hb.every((n) => Number.isInteger(n) && n >= 0))) {
    throw new TypeError(`${fn}: option heartbeat must be an array [outgoing ms, incoming ms] of two whole numbers (0 or more), got ${describe(hb)}`)
  }
  return opts
}

// headerPairs turns a user's headers object into [name, value] pairs of strings.
function headerPairs(fn, headers) {
  if (headers === undefined || headers === null) return []
  if (typeof headers !== 'object' || Array.isArray(headers)) {
    throw new TypeError(`${fn}: headers must be an object, got ${describe(headers)}`)
  }
  return Object.keys(headers).map((k) => {
    const v = headers[k]
    if (!['string', 'number', 'boolean'].includes(typeof v)) {
      throw new TypeError(`${fn}: header ${k} must be a string, number or boolean, got ${describe(v)}`)
    }
    return [k, String(v)]
  })
}

// ---- frame codec -----------------------------------------------------------------------

// decodeUTF8 turns a binary WebSocket message into a string (brokers may send STOMP in
// binary frames); malformed sequences become U+FFFD. TextDecoder decodes in Go: building the
// string a code point at a time in JS was quadratic (1 MiB took over a minute).
function decodeUTF8(bytes) {
  return new TextDecoder().decode(bytes)
}

// Header escaping: 1.2 escapes \r \n : \\ ; 1.1 all but \r; 1.0 nothing. CONNECT and
// CONNECTED frames are never escaped (the spec keeps them readable by 1.0 peers).
function escapeHeader(s, version) {
  if (version === '1.0') return s
  let out = s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/:/g, '\\c')
  if (version === '1.2') out = out.replace(/\r/g, '\\r')
  return out
}

function unescapeHeader(s, version) {
  if (version === '1.0' || s.indexOf('\\') < 0) return s
  return s.replace(/\\(.?)/g, (all, c) => {
    switch (c) {
      case 'n': return '\n'
      case 'c': return ':'
      case '\\': return '\\'
      case 'r': if (version === '1.2') return '\r'
    }
    throw new StompProtocolError(`undefined escape sequence "${all}" in header "${s}"`)
  })
}

// encodeFrame builds one frame; headers are [name, value] pairs. content-length is set for
// every body (a body may hold NULs).
function encodeFrame(command, headers, body = '', version = '1.2') {
  const raw = command === 'CONNECT' || command === 'STOMP'
  let out = command + '\n'
  for (const [k, v] of headers) {
    out += raw ? `${k}:${v}\n` : `${escapeHeader(k, version)}:${escapeHeader(v, version)}\n`
  }
  if (body !== '') out += `content-length:${utf8Length(body)}\n`
  return out + '\n' + body + '\0'
}

class StompProtocolError extends Error {}

// Decoder turns the text of WebSocket messages into frames. A frame may span messages and a
// message may hold several frames, with EOL heart-beats between them.
//
// Work is linear in the text: a frame whose body has not all arrived keeps its parsed headers
// and how far its body was measured (partial), so the next message goes on from there, and
// content-length is counted in Go (utf8Length of wsrun/internal), a chunk at a time. (Counting every
// character again at each message made a 1 MiB body split in 16 KiB messages take 40 s.)
class Decoder {
  constructor() {
    this.buf = ''
    this.version = '1.2'
    // The frame at the start of buf whose body is incomplete: { command, headers, start, end,
    // want, bytes }, start and end offsets from the frame's start; want is its
    // content-length (-1 without), bytes the UTF-8 bytes of the body up to end.
    this.partial = null
  }

  // push adds text and returns the complete frames: { command, headers, body }. It throws a
  // StompProtocolError for text that is not STOMP.
  push(text) {
    this.buf = this.buf === '' ? text : this.buf + text
    const b = this.buf
    const frames = []
    let at = 0
    for (;;) {
      if (!this.partial) {
        while (at < b.length && (b[at] === '\n' || (b[at] === '\r' && b[at + 1] === '\n'))) at += b[at] === '\r' ? 2 : 1
      }
      const r = this.frame(b, at)
      if (!r) break
      frames.push(r.frame)
      at = r.next
    }
    if (at > 0) this.buf = b.slice(at)
    return frames
  }

  // frame reads the frame that starts at b[at]: { frame, next } (next: the offset after its
  // NUL), or null while it is incomplete.
  frame(b, at) {
    if (at >= b.length) return null
    let p = this.partial
    if (!p) {
      const sep = /\r?\n\r?\n/g
      sep.lastIndex = at
      const blank = sep.exec(b)
      if (!blank) {
        if (b.length - at > MAX_HEADER_BYTES || utf8Length(b.slice(at)) > MAX_HEADER_BYTES) {
          throw new StompProtocolError(`no end of headers in the first ${MAX_HEADER_BYTES} bytes of a frame: ${quote(b.slice(at, at + 100))}`)
        }
        return null
      }
      const lines = b.slice(at, blank.index).split(/\r?\n/)
      const command = lines[0]
      if (!SERVER_COMMANDS.includes(command)) {
        throw new StompProtocolError(`unknown command ${quote(command)} (a broker sends ${SERVER_COMMANDS.join(', ')})`)
      }
      const headers = {}
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':')
        if (colon < 0) throw new StompProtocolError(`${command} frame: header line without a colon: ${quote(line)}`)
        const version = command === 'CONNECTED' ? '1.0' : this.version
        const k = unescapeHeader(line.slice(0, colon), version)
        // The first of repeated headers counts (STOMP 1.2 "Repeated Header Entries").
        if (!(k in headers)) headers[k] = unescapeHeader(line.slice(colon + 1), version)
      }
      const start = blank.index + blank[0].length - at
      p = { command, headers, start, end: start, want: -1, bytes: 0 }
      if ('content-length' in headers) {
        if (!/^\d+$/.test(headers['content-length'])) throw new StompProtocolError(`${command} frame: bad content-length ${quote(headers['content-length'])}`)
        p.want = Number(headers['content-length'])
      }
      this.partial = p
    }
    let end // of the body, in b
    if (p.want >= 0) {
      measure(p, b, at)
      end = at + p.end
      if (end >= b.length) return null // the rest (or the NUL) comes in a later message
      if (b[end] !== '\0') throw new StompProtocolError(`${p.command} frame: no NUL after content-length ${p.want} bytes`)
    } else {
      end = b.indexOf('\0', at + p.end)
      if (end < 0) {
        p.end = b.length - at
        return null
      }
    }
    this.partial = null
    return { frame: { command: p.command, headers: p.headers, body: b.slice(at + p.start, end) }, next: end + 1 }
  }
}

const CHUNK = 65536

// measure moves p.end over the body in b (the frame starting at b[at]) until p.bytes, its
// UTF-8 bytes so far, reach p.want or the text ends: a chunk at once while it fits, the
// chunk where want is reached a character at a time (a surrogate pair is 2 + 2). A chunk
// never ends inside a surrogate pair: utf8Length counts a lone half as the 3 bytes of U+FFFD.
function measure(p, b, at) {
  while (p.bytes < p.want && at + p.end < b.length) {
    const from = at + p.end
    let n = Math.min(p.want - p.bytes, CHUNK, b.length - from)
    const last = b.charCodeAt(from + n - 1)
    if (last >= 0xd800 && last < 0xdc00) n--
    const bytes = n > 0 ? utf8Length(b.slice(from, from + n)) : Infinity
    if (p.bytes + bytes <= p.want) {
      p.end += n
      p.bytes += bytes
      continue
    }
    for (let i = 0; i < Math.max(n, 1) && p.bytes < p.want; i++) {
      const c = b.charCodeAt(at + p.end)
      p.bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3
      p.end++
    }
  }
}

// ---- client ----------------------------------------------------------------------------

// parseBody gives what matchers see: the parsed JSON when the body is JSON, else the text.
function parseBody(body) {
  const t = body.trimStart()
  if (t[0] === '{' || t[0] === '[' || t[0] === '"' || /^-?\d/.test(t) || t === 'true' || t === 'false' || t === 'null') {
    try { return { json: JSON.parse(body), parsed: true } } catch (e) { /* not JSON */ }
  }
  return { parsed: false }
}

function show(key, value) {
  const s = JSON.stringify(value)
  return `${key} ${s === undefined ? String(value) : s}`
}

function errorText(frame) {
  const msg = frame.headers.message || '(no message header)'
  const body = frame.body.trim()
  return body && body !== msg ? `${msg}: ${body}` : msg
}

const CONNECT_OPTIONS = { login: 'string', passcode: 'string', host: 'string', headers: 'scalars', heartbeat: 'any', timeout: 'duration', name: 'string' }

class Client {
  constructor(conn, opts) {
    this.conn = conn
    this.name = opts.name || conn.name
    this.version = '1.0'
    this.headers = {}
    this.heartbeat = [0, 0]
    this.connected = false // CONNECTED came: an ERROR now ends the session instead of refusing it
    this.failure = '' // why the session is over (ERROR, lost heart-beats, DISCONNECT)
    this.decoder = new Decoder()
    this.subs = new Map()
    this.unsubscribed = new Set()
    this.nextSub = 0
    this.nextReceipt = 0
    this.awaiting = new Map() // receipt id -> how many requests wait for it
    this.lastReceived = Date.now()
    this.timers = []
    // Control frames: 'connect' (CONNECTED or ERROR while connecting) and 'receipt' (ids).
    this.control = inbox(conn, { noun: 'frame', name: this.name, show: (key, value) => key === 'connect' ? `${value.command} ${errorText(value)}` : `RECEIPT ${value}${key === 'unasked' ? ' (no request waited for it)' : ''}` })
    conn.on('message', (data) => this.onData(data))
    conn.on('close', () => this.stop())
  }

  onData(data) {
    this.lastReceived = Date.now()
    if (this.failure) return
    let frames
    try {
      frames = this.decoder.push(typeof data === 'string' ? data : decodeUTF8(data))
    } catch (e) {
      if (!(e instanceof StompProtocolError)) throw e
      this.fail(`protocol error from the broker: ${e.message}`)
      this.conn.close(1002, 'STOMP protocol error').catch(() => {})
      throw new Error(`${this.name}: stomp: ${e.message}`)
    }
    for (const f of frames) this.onFrame(f)
  }

  onFrame(f) {
    switch (f.command) {
      case 'CONNECTED':
        // Connected from here: an ERROR packed after CONNECTED in the same message ends the
        // session (it would wait unseen as a refusal nobody reads if this waited for
        // handshake's continuation, which runs after the whole message).
        this.connected = true
        this.control.push('connect', f)
        return
      case 'RECEIPT':
        // A receipt answers one request that waits for its id, counted off here, as it comes
        // (a duplicate may follow in the same message). A late one (its wait failed) or one
        // never asked for is kept apart, listed in failures but never taken for the answer
        // to a later request that reuses its id (send(…, { receipt: 'r1' }) twice).
        this.control.push(this.unwait(f.headers['receipt-id']) ? 'receipt' : 'unasked', f.headers['receipt-id'])
        return
      case 'ERROR':
        if (!this.connected) {
          this.control.push('connect', f)
          return
        }
        this.fail(`the broker sent ERROR: ${errorText(f)}`)
        return
      case 'MESSAGE': {
        const sub = this.subs.get(f.headers.subscription)
        if (!sub) {
          // Brokers may still deliver a message or two just after UNSUBSCRIBE; messages for
          // ids never subscribed are a broker bug worth a clear failure.
          if (this.unsubscribed.has(f.headers.subscription)) return
          throw new Error(`${this.name}: stomp: MESSAGE for unknown subscription ${quote(f.headers.subscription)} on ${quote(f.headers.destination)}`)
        }
        sub.deliver(f)
      }
    }
  }

  // fail ends every wait: pending ones fail with why, later ones at once.
  fail(why) {
    if (this.failure) return
    this.failure = why
    this.control.end(why)
    for (const sub of this.subs.values()) sub.box.end(why)
    this.stop()
  }

  stop() {
    for (const t of this.timers) clearInterval(t)
    this.timers = []
  }

  check(fn) {
    if (this.failure) throw new Error(`${this.name}: ${fn}: ${this.failure}`)
    if (this.conn.closed) throw new Error(`${this.name}: ${fn}: the connection is closed`)
  }

  sendFrame(command, headers, body) {
    this.conn.send(encodeFrame(command, headers, body, this.version))
  }

  // request sends a frame with a receipt header and waits for its RECEIPT, timing it under
  // name (not timed when name is null); receipt is true (a fresh id) or the user's own id.
  async request(command, headers, body, name, label, receipt = true) {
    const id = receipt === true ? `${this.name}-${++this.nextReceipt}` : String(receipt)
    const done = name === null ? null : operation(name, 'stomp')
    this.sendFrame(command, [...headers, ['receipt', id]], body)
    this.awaiting.set(id, (this.awaiting.get(id) ?? 0) + 1)
    try {
      await this.control.expect('receipt', id, undefined, { method: 'expect', label, what: `RECEIPT ${id} for ${command}${name === null || name === command ? '' : ' ' + name}` })
    } catch (e) {
      this.unwait(id) // no receipt came for it: one later is late
      throw e
    }
    if (done) done()
  }

  // unwait counts off one request waiting for receipt id; false when none waits.
  unwait(id) {
    const n = this.awaiting.get(id)
    if (n === undefined) return false
    if (n > 1) this.awaiting.set(id, n - 1)
    else this.awaiting.delete(id)
    return true
  }

  async handshake(fn, opts) {
    const hb = opts.heartbeat || [10000, 10000]
    const headers = [['accept-version', '1.0,1.1,1.2'], ['heart-beat', `${hb[0]},${hb[1]}`]]
    // No host unless asked, as @stomp/stompjs: RabbitMQ reads it as a virtual host and refuses
    // a name it does not have, and the other brokers ignore it.
    if (opts.host != null) headers.push(['host', opts.host])
    if (opts.login != null) headers.push(['login', opts.login])
    if (opts.passcode != null) headers.push(['passcode', opts.passcode])
    for (const [k, v] of headerPairs(fn, opts.headers)) headers.push([k, v])
    this.conn.send(encodeFrame('CONNECT', headers, ''))
    const waitOpts = opts.timeout !== undefined ? { timeout: opts.timeout } : undefined
    const f = await this.control.expect('connect', undefined, waitOpts, { method: 'connect', label: `${fn}(${this.conn.url})`, what: 'CONNECTED' })
    if (f.command === 'ERROR') {
      const err = new Error(`${this.name}: ${fn} ${this.conn.url}: the broker refused: ${errorText(f)}`)
      err.headers = f.headers
      err.body = f.body
      this.failure = 'the broker refused the connection'
      await this.conn.close().catch(() => {})
      throw err
    }
    if (this.failure) { // an ERROR came right after CONNECTED
      const err = new Error(`${this.name}: ${fn} ${this.conn.url}: ${this.failure}`)
      await this.conn.close().catch(() => {})
      throw err
    }
    this.headers = f.headers
    this.version = ['1.1', '1.2'].includes(f.headers.version) ? f.headers.version : '1.0'
    this.decoder.version = this.version
    this.heartbeat = negotiate(hb, f.headers['heart-beat'])
    this.startHeartbeats()
  }

  startHeartbeats() {
    const [out, inc] = this.heartbeat
    if (out > 0) {
      this.timers.push(setInterval(() => {
        if (!this.conn.closed) this.conn.send('\n')
      }, out))
    }
    if (inc > 0) {
      this.lastReceived = Date.now()
      this.timers.push(setInterval(() => {
        const silent = Date.now() - this.lastReceived
        if (silent > inc * HEARTBEAT_TOLERANCE) {
          this.fail(`no heart-beat from the broker for ${silent}ms (agreed every ${inc}ms)`)
          this.conn.close(1000, 'STOMP heart-beats stopped').catch(() => {})
        }
      }, Math.max(10, Math.floor(inc / 2))))
    }
  }

  async subscribe(destination, opts) {
    if (typeof destination !== 'string' || destination === '') {
      throw new TypeError(`stomp subscribe: destination must be a non-empty string, got ${describe(destination)}`)
    }
    opts = options('stomp subscribe', opts, { ack: ACK_MODES, headers: 'scalars' })
    this.check('subscribe')
    const id = `sub-${this.nextSub++}`
    const ack = opts.ack || 'auto'
    const sub = new Subscription(this, id, destination, ack)
    this.subs.set(id, sub)
    // The receipt makes the broker confirm the subscription exists before this resolves, so a
    // message another client SENDs next is routed to it (RabbitMQ drops a /topic message that
    // no subscription is bound to yet).
    const headers = [['id', id], ['destination', destination], ['ack', ack], ...headerPairs('stomp subscribe', opts.headers)]
    await this.request('SUBSCRIBE', headers, '', destination, `subscribe(${JSON.stringify(destination)})`)
    return {
      id, destination, ack,
      expect: (matcher, opts) => sub.expect(matcher, opts),
      expectNone: (matcher, opts) => sub.expectNone(matcher, opts),
      unsubscribe: () => sub.unsubscribe(),
    }
  }

  async send(destination, body, headers) {
    if (typeof destination !== 'string' || destination === '') {
      throw new TypeError(`stomp send: destination must be a non-empty string, got ${describe(destination)}`)
    }
    let receipt = false
    const pairs = [['destination', destination]]
    let text = body
    if (body === undefined || body === null) text = ''
    else if (typeof body !== 'string') {
      text = JSON.stringify(body)
      if (text === undefined) throw new TypeError(`stomp send: body must be a string or a JSON value, got ${describe(body)}`)
      if (!(headers && Object.keys(headers).some((k) => k.toLowerCase() === 'content-type'))) pairs.push(['content-type', 'application/json'])
    }
    for (const [k, v] of headerPairs('stomp send', headers)) {
      if (k === 'receipt') { receipt = v === 'true' ? true : v === 'false' ? false : v; continue }
      if (k === 'destination' || k === 'content-length') throw new TypeError(`stomp send: header ${k} is set by send itself`)
      pairs.push([k, v])
    }
    this.check('send')
    if (!receipt) {
      this.sendFrame('SEND', pairs, text)
      return
    }
    await this.request('SEND', pairs, text, destination, `send(${JSON.stringify(destination)}, …, { receipt })`, receipt)
  }

  async disconnect() {
    this.check('disconnect')
    const done = operation('DISCONNECT', 'stomp')
    try {
      await this.request('DISCONNECT', [], '', null, 'disconnect()')
    } catch (e) {
      // RabbitMQ 3.8.8+ closes the socket cleanly instead of sending the RECEIPT, which the
      // spec allows (a receipt is owed only while the connection stays up): that is its answer.
      if (!(this.conn.closed && this.conn.closeCode === 1000)) throw e
    }
    done()
    this.fail('the client disconnected')
    if (!this.conn.closed) await this.conn.close()
  }
}

// MAX_HEARTBEAT bounds an agreed interval, as browsers bound a timer's delay (2^31 - 1 ms,
// about 24.8 days): a broker's "heart-beat:99999999999999999999,…" is "hardly ever", while a
// timer given that many ms overflows and fires at once, again and again.
const MAX_HEARTBEAT = 2 ** 31 - 1

// negotiate applies the heart-beat rule of STOMP 1.1+: each direction runs at the slower of
// what one side can send and the other wants, and not at all when either says 0.
function negotiate([cx, cy], serverHeader) {
  const m = /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(serverHeader || '')
  if (!m) return [0, 0]
  const [sx, sy] = [Number(m[1]), Number(m[2])]
  const slower = (a, b) => (a === 0 || b === 0 ? 0 : Math.min(Math.max(a, b), MAX_HEARTBEAT))
  return [slower(cx, sy), slower(sx, cy)]
}

class Subscription {
  constructor(client, id, destination, ack) {
    this.client = client
    this.id = id
    this.destination = destination
    this.ack = ack
    this.box = inbox(client.conn, { noun: 'message', name: client.name, show })
  }

  deliver(f) {
    const client = this.client
    const { json, parsed } = parseBody(f.body)
    const msg = { headers: f.headers, body: f.body }
    if (parsed) msg.json = json
    let settled = ''
    const answer = (command) => async (headers) => {
      if (this.ack === 'auto') throw new Error(`${client.name}: message.${command.toLowerCase()}(): the subscription to ${this.destination} has ack: 'auto'; the broker acknowledged the message already`)
      if (settled) throw new Error(`${client.name}: message.${command.toLowerCase()}(): the message was already ${settled}ed`)
      if (command === 'NACK' && client.version === '1.0') throw new Error(`${client.name}: message.nack(): STOMP 1.0 has no NACK`)
      client.check(command.toLowerCase())
      let receipt = false
      const pairs = client.version === '1.2' ? [['id', f.headers.ack]] : [['message-id', f.headers['message-id']], ['subscription', this.id]]
      for (const [k, v] of headerPairs(`message.${command.toLowerCase()}`, headers)) {
        if (k === 'receipt') receipt = v === 'true' ? true : v === 'false' ? false : v
        else pairs.push([k, v])
      }
      settled = command.toLowerCase()
      if (!receipt) return client.sendFrame(command, pairs, '')
      await client.request(command, pairs, '', this.destination, `message.${command.toLowerCase()}({ receipt })`, receipt)
    }
    msg.ack = answer('ACK')
    msg.nack = answer('NACK')
    this.box.push(this.destination, parsed ? json : f.body, msg)
  }

  expect(matcher, opts) {
    return this.box.expect(this.destination, matcher, opts, { method: 'expect', label: `subscription(${JSON.stringify(this.destination)}).expect(…)` })
  }

  expectNone(matcher, opts) {
    return this.box.expectNone(this.destination, matcher, opts, { method: 'expectNone', label: `subscription(${JSON.stringify(this.destination)}).expectNone(…)` })
  }

  async unsubscribe() {
    const client = this.client
    client.check('unsubscribe')
    await client.request('UNSUBSCRIBE', [['id', this.id]], '', this.destination, `subscription(${JSON.stringify(this.destination)}).unsubscribe()`)
    client.subs.delete(this.id)
    client.unsubscribed.add(this.id)
    this.box.end(`the subscription to ${this.destination} was unsubscribed`)
  }
}

function publicClient(c) {
  return {
    get conn() { return c.conn },
    get name() { return c.name },
    get version() { return c.version },
    get headers() { return c.headers },
    get heartbeat() { return c.heartbeat },
    subscribe: (destination, opts) => c.subscribe(destination, opts),
    send: (destination, body, headers) => c.send(destination, body, headers),
    disconnect: () => c.disconnect(),
  }
}

async function over(conn, opts) {
  need('stomp.over', 'conn', conn, 'connection')
  opts = connectOptions('stomp.over', opts)
  const c = new Client(conn, opts)
  await c.handshake('stomp.over', opts)
  return publicClient(c)
}

async function connect(url, opts) {
  need('stomp.connect', 'url', url, 'string')
  opts = connectOptions('stomp.connect', opts)
  const wsOpts = { protocols: SUBPROTOCOLS, parse: 'text' }
  if (opts.timeout !== undefined) wsOpts.timeout = opts.timeout
  if (opts.name !== undefined) wsOpts.name = opts.name
  const conn = await wsConnect(url, wsOpts)
  const c = new Client(conn, opts)
  try {
    await c.handshake('stomp.connect', opts)
  } catch (e) {
    if (!conn.closed) await conn.close().catch(() => {})
    throw e
  }
  return publicClient(c)
}

export const stomp = { connect, over }
export default stomp
