// wsrun/socketio: a Socket.IO v5 client (socket.io 3 and 4 servers) over Engine.IO v4's
// WebSocket transport, built on the public Connection API. Engine.IO frames are text frames
// "<type><data>" (0 open, 1 close, 2 ping, 3 pong, 4 message, 6 noop) and raw binary frames;
// a Socket.IO packet rides in a "4" frame as "<type>[<attachments>-][<nsp>,][<id>][<json>]"
// (0 CONNECT, 1 DISCONNECT, 2 EVENT, 3 ACK, 4 CONNECT_ERROR, 5 BINARY_EVENT, 6 BINARY_ACK),
// and a binary packet's attachments follow it as binary frames, in order.
import { connect as wsConnect, serve as wsServe } from 'wsrun/ws'
import { inbox, operation, options, need, describe, utf8Length } from 'wsrun/internal'

const CONNECT = 0
const DISCONNECT = 1
const EVENT = 2
const ACK = 3
const CONNECT_ERROR = 4
const BINARY_EVENT = 5
const BINARY_ACK = 6

// Event names socket.io-client keeps for itself: they cannot be emitted.
const RESERVED = ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']

// --- values: binary attachments and one-line descriptions ---

function isBinary(v) {
  return v instanceof ArrayBuffer || ArrayBuffer.isView(v)
}

function bytesOf(v) {
  return v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength)
}

// deconstruct replaces every binary value inside v by a placeholder and collects the bytes,
// as socket.io-parser does.
function deconstruct(v, attachments, depth = 0) {
  if (depth > 100) throw new RangeError('socketio: the arguments nest more than 100 levels deep')
  if (isBinary(v)) {
    attachments.push(bytesOf(v))
    return { _placeholder: true, num: attachments.length - 1 }
  }
  if (Array.isArray(v)) return v.map((x) => deconstruct(x, attachments, depth + 1))
  if (v && typeof v === 'object' && !(v instanceof Date) && typeof v.toJSON !== 'function') {
    const out = {}
    for (const k of Object.keys(v)) out[k] = deconstruct(v[k], attachments, depth + 1)
    return out
  }
  return v
}

// reconstruct puts the received attachments back in place of their placeholders.
function reconstruct(v, attachments) {
  if (Array.isArray(v)) return v.map((x) => reconstruct(x, attachments))
  if (v && typeof v === 'object') {
    if (v._placeholder === true && typeof v.num === 'number') {
      if (!(v.num >= 0 && v.num < attachments.length)) {
        throw new Error(`a placeholder names attachment ${v.num}, but the packet has ${attachments.length}`)
      }
      return attachments[v.num]
    }
    const out = {}
    for (const k of Object.keys(v)) out[k] = reconstruct(v[k], attachments)
    return out
  }
  return v
}

// show is one line for failure output: the decoded arguments as JSON, binary as <N bytes>.
function show(value) {
  try {
    return JSON.stringify(value, (k, v) => (isBinary(v) ? `<${bytesOf(v).length} bytes>` : v)) ?? 'undefined'
  } catch {
    return String(value)
  }
}

// randomId is a 20-character id like the ones socket.io draws for sids.
function randomId() {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  let id = ''
  for (let i = 0; i < 20; i++) id += abc[Math.floor(Math.random() * 64)]
  return id
}

// eventKey is an event's key in a socket's inbox: its name, but for a name an ack's key could
// have ("ack 3", where emitWithAck waits for ack id 3), with a space added, so that an event
// the server emits under such a name can never settle an emitWithAck, nor an ack an expect.
function eventKey(event) {
  return /^ack \d+ *$/.test(event) ? event + ' ' : event
}

function shorten(s, n = 60) {
  return s.length > n ? s.slice(0, n - 1) + '…' : s
}

// --- Socket.IO packets ---

function encode(type, nsp, id, data, attachments) {
  let s = String(type)
  if (attachments > 0) s += attachments + '-'
  if (nsp !== '/') s += nsp + ','
  if (id !== undefined) s += id
  if (data !== undefined) s += JSON.stringify(data)
  return s
}

// decode parses a Socket.IO packet (the text after Engine.IO's "4"); it throws on a bad one.
function decode(str) {
  const type = Number(str[0])
  if (!(type >= CONNECT && type <= BINARY_ACK) || str[0] === undefined) {
    throw new Error(`unknown Socket.IO packet type ${JSON.stringify(str[0] ?? '')}`)
  }
  let i = 1
  let attachments = 0
  if (type === BINARY_EVENT || type === BINARY_ACK) {
    const dash = str.indexOf('-', i)
    const n = dash < 0 ? NaN : Number(str.slice(i, dash))
    if (!Number.isInteger(n) || n < 0 || dash === i) throw new Error('a binary packet without its attachment count')
    attachments = n
    i = dash + 1
  }
  let nsp = '/'
  if (str[i] === '/') {
    const comma = str.indexOf(',', i)
    nsp = comma < 0 ? str.slice(i) : str.slice(i, comma)
    i = comma < 0 ? str.length : comma + 1
  }
  let id
  const digits = /^\d+/.exec(str.slice(i))
  if (digits) {
    id = Number(digits[0])
    i += digits[0].length
  }
  let data
  if (i < str.length) {
    try {
      data = JSON.parse(str.slice(i))
    } catch {
      throw new Error(`its payload is not JSON: ${shorten(str.slice(i))}`)
    }
  }
  return { type, nsp, id, data, attachments }
}

function wantsArray(p, what) {
  if (!Array.isArray(p.data) || ((p.type === EVENT || p.type === BINARY_EVENT) && typeof p.data[0] !== 'string')) {
    throw new Error(`${what} whose payload is not ${p.type === EVENT || p.type === BINARY_EVENT ? '[event name, ...args]' : 'an array of arguments'}`)
  }
}

// --- the connection: Engine.IO and the namespaces on it ---

// Manager owns one Engine.IO connection: the open packet, the heartbeat, binary attachments
// in flight, and the sockets of its namespaces. On the client side (server null) it answers
// the server's pings; on the server side (socketio.serve) it sends the open packet and the
// pings, and accepts CONNECT packets through server.accept.
class Manager {
  constructor(conn, ownsConn, server = null) {
    this.conn = conn
    this.ownsConn = ownsConn
    this.server = server
    this.peer = server ? 'client' : 'server' // who sends what this side receives
    this.sockets = new Map() // namespace -> Socket
    this.open = null // the open packet's data
    this.pong = null // server side: the timer that waits for the client's pong
    this.pending = null // a binary packet waiting for its attachments
    this.heartbeat = null
    this.closing = '' // the reason when the client closes the transport itself
    this.closed = false
    this.broken = '' // why the server's frames could not be understood
    // The close handler goes first, so a socket's 'disconnect' item is in its inbox before
    // the inboxes hear that the connection closed.
    conn.on('close', (ev) => this.onClose(ev))
    if (server) {
      this.open = { sid: randomId(), upgrades: [], pingInterval: server.pingInterval, pingTimeout: server.pingTimeout, maxPayload: server.maxPayload }
      conn.send('0' + JSON.stringify(this.open))
      this.armHeartbeat()
    } else {
      for (const m of conn.messages) this.onFrame(m.data)
    }
    conn.on('message', (data) => this.onFrame(data))
  }

  onFrame(data) {
    if (this.broken) return
    try {
      if (typeof data === 'string') this.onText(data)
      else if (data instanceof Uint8Array) this.onBinary(data)
      else this.fail(`a message arrived parsed as ${describe(data)}; open the Connection with parse: 'text'`)
    } catch (e) {
      if (e && e.socketioHandler) throw e.socketioHandler
      this.fail(e && e.message ? e.message : String(e))
    }
  }

  onText(s) {
    switch (s[0]) {
      case '0': {
        if (this.open) throw new Error(this.server ? 'the client sent an Engine.IO open packet' : 'a second Engine.IO open packet')
        let o
        try {
          o = JSON.parse(s.slice(1))
        } catch {
          throw new Error(`the Engine.IO open packet is not JSON: ${shorten(s)}`)
        }
        if (!o || typeof o.sid !== 'string' || !(o.pingInterval > 0) || !(o.pingTimeout > 0)) {
          throw new Error(`the Engine.IO open packet lacks sid, pingInterval or pingTimeout: ${shorten(s)}`)
        }
        this.open = o
        this.armHeartbeat()
        for (const sock of this.sockets.values()) sock.control.push('open', o)
        return
      }
      case '1':
        this.closing = 'transport close'
        this.conn.close(1000).catch(() => {})
        return
      case '2':
        if (!this.server) this.armHeartbeat()
        this.conn.send('3' + s.slice(1))
        return
      case '3':
        if (this.server) this.armHeartbeat()
        return
      case '6':
        return
      case '4':
        if (!this.open) throw new Error('a message before the Engine.IO open packet')
        if (this.pending) throw new Error(`a text frame arrived while ${this.pending.want} attachment(s) were still due`)
        this.onPacket(decode(s.slice(1)))
        return
      default:
        throw new Error(`unknown Engine.IO packet ${JSON.stringify(shorten(s, 20))}`)
    }
  }

  onBinary(bytes) {
    const p = this.pending
    if (!p) throw new Error(`a binary frame of ${bytes.length} bytes arrived, but no binary packet was waiting for attachments`)
    p.buffers.push(bytes)
    if (p.buffers.length < p.want) return
    this.pending = null
    this.deliver(p.packet, p.buffers)
  }

  onPacket(p) {
    if (p.attachments > 0) {
      this.pending = { packet: p, want: p.attachments, buffers: [] }
      return
    }
    this.deliver(p, [])
  }

  deliver(p, buffers) {
    const socket = this.sockets.get(p.nsp)
    if (!socket && this.server && p.type === CONNECT) return this.server.accept(this, p)
    if (!socket) throw new Error(`a packet for namespace ${p.nsp}, which ${this.server ? 'the client did not connect' : 'this client did not connect'}`)
    if (p.type === BINARY_EVENT || p.type === BINARY_ACK) {
      wantsArray(p, p.type === BINARY_EVENT ? 'a BINARY_EVENT' : 'a BINARY_ACK')
      p.data = reconstruct(p.data, buffers)
    }
    socket.onPacket(p)
  }

  // fail: the server broke the protocol. Every wait fails with why, the connection closes,
  // and the error fails the test.
  fail(why) {
    if (this.broken) return
    this.broken = why
    const msg = `${this.conn.name}: Socket.IO protocol error: ${why}`
    this.stopHeartbeat()
    this.closing = 'parse error'
    if (!this.conn.closed) this.conn.close(1002, 'socket.io protocol error').catch(() => {})
    // Last, as gone runs 'disconnect' handlers, which may throw.
    for (const s of this.sockets.values()) s.gone('parse error', msg)
    throw new Error(msg)
  }

  // armHeartbeat restarts the heartbeat's clock. A client expects the server's next ping
  // within pingInterval + pingTimeout; a server pings after pingInterval and expects the pong
  // within pingTimeout. Either side gives up with 'ping timeout'.
  armHeartbeat() {
    this.stopHeartbeat()
    const { pingInterval, pingTimeout } = this.open
    if (!this.server) {
      // Bounded as browsers bound a timer (2^31 - 1 ms): a server's absurd pingInterval would
      // overflow the timer, which then fires at once with a false 'ping timeout'.
      const limit = Math.min(pingInterval + pingTimeout, 2 ** 31 - 1)
      this.heartbeat = setTimeout(() => {
        this.timedOut(`ping timeout: the server sent no ping for ${limit}ms (pingInterval ${pingInterval} + pingTimeout ${pingTimeout})`)
      }, limit)
      return
    }
    this.heartbeat = setTimeout(() => {
      this.heartbeat = null
      if (this.conn.closed) return
      this.conn.send('2')
      this.pong = setTimeout(() => {
        this.timedOut(`ping timeout: the client sent no pong within pingTimeout ${pingTimeout}ms`)
      }, pingTimeout)
    }, pingInterval)
  }

  timedOut(why) {
    this.stopHeartbeat()
    for (const s of this.sockets.values()) s.gone('ping timeout', `the socket disconnected (${why})`)
    this.closing = 'ping timeout'
    if (!this.conn.closed) this.conn.close(1000).catch(() => {})
  }

  stopHeartbeat() {
    if (this.heartbeat) clearTimeout(this.heartbeat)
    if (this.pong) clearTimeout(this.pong)
    this.heartbeat = null
    this.pong = null
  }

  // sync catches up with a Connection that closed before its 'close' event reached the
  // handler above (conn.close() resolves first), so waits see the disconnect and its reason.
  sync() {
    if (this.conn.closed && !this.closed) this.onClose({ code: this.conn.closeCode })
  }

  onClose(ev) {
    if (this.closed) return
    this.closed = true
    this.stopHeartbeat()
    const reason = this.closing || 'transport close'
    for (const s of this.sockets.values()) {
      s.gone(reason, s.connected ? `the socket disconnected (${reason}; the connection closed with ${ev.code})` : `the connection closed with ${ev.code}`)
    }
  }

  send(text) {
    const max = !this.server && this.open && this.open.maxPayload
    const size = max > 0 ? utf8Length(text) + 1 : 0
    if (size > max) {
      throw new RangeError(`${this.conn.name}: the packet is ${size} bytes, over the server's maxPayload of ${max} (from its open packet); the server would close the connection`)
    }
    this.conn.send('4' + text)
  }

  async closeIfIdle() {
    for (const s of this.sockets.values()) if (s.connected) return
    this.stopHeartbeat()
    if (!this.conn.closed) {
      if (!this.closing) this.closing = this.server ? 'server namespace disconnect' : 'io client disconnect'
      await this.conn.close(1000)
    }
  }
}

// --- sockets ---

class Socket {
  constructor(manager, nsp, name) {
    this.manager = manager
    this.nsp = nsp
    this.name = name
    this.id = undefined
    this.connected = false
    this.nextAck = 0
    this.acks = new Map() // ack id -> { event, done, callback }
    this.handlers = new Map() // event -> Set of handlers
    this.control = inbox(manager.conn, { noun: 'packet', name, show: (key, v) => `${key} ${show(v)}` })
    this.events = inbox(manager.conn, {
      noun: 'event',
      name,
      // Acks are listed as "ack 3 [...]", an event named like one with its name quoted.
      show: (key, v) => `${/^ack \d+ +$/.test(key) ? JSON.stringify(key.slice(0, -1)) : key} ${show(v)}`,
    })
  }

  get conn() {
    return this.manager.conn
  }

  // handshake sends CONNECT and resolves with the socket once the server accepted it.
  async handshake(auth, opts, label) {
    const m = this.manager
    if (!m.open) {
      await this.control.expect('open', undefined, opts, { method: 'connect', label, what: "the server's Engine.IO open packet" })
    }
    m.send(encode(CONNECT, this.nsp, undefined, auth))
    const how = { method: 'connect', label, what: `the server's answer to CONNECT ${this.nsp}` }
    const reply = await this.control.expect('connect', undefined, opts, how)
    if (reply.error) {
      const err = new Error(reply.error.message)
      if (reply.error.data !== undefined) err.data = reply.error.data
      throw err
    }
    return this
  }

  onPacket(p) {
    switch (p.type) {
      case CONNECT:
        if (this.connected || this.manager.server) throw new Error(`a second CONNECT for namespace ${this.nsp}`)
        if (!p.data || typeof p.data.sid !== 'string') throw new Error(`a CONNECT without a sid: ${shorten(show(p.data), 200)}`)
        this.id = p.data.sid
        this.connected = true
        this.control.push('connect', { sid: p.data.sid })
        return
      case CONNECT_ERROR: {
        if (this.manager.server) throw new Error('the client sent a CONNECT_ERROR')
        const d = p.data
        const message = d && typeof d === 'object' ? String(d.message) : String(d)
        this.manager.sockets.delete(this.nsp)
        this.control.push('connect', { error: { message, data: d && typeof d === 'object' ? d.data : undefined } })
        return
      }
      case DISCONNECT: {
        const reason = this.manager.server ? 'client namespace disconnect' : 'io server disconnect'
        // gone runs the 'disconnect' handlers: their exceptions are the script's, not a
        // protocol error of the peer's.
        this.call(() => this.gone(reason, `the socket disconnected (${reason})`))
        return
      }
      case EVENT:
      case BINARY_EVENT:
        if (p.type === EVENT) wantsArray(p, 'an EVENT')
        return this.onEvent(p)
      case ACK:
      case BINARY_ACK: {
        if (p.type === ACK) wantsArray(p, 'an ACK')
        if (p.id === undefined) throw new Error('an ACK without an id')
        const a = this.acks.get(p.id)
        if (!a) {
          if (p.id < this.nextAck) return // its wait timed out; socket.io-client drops it too
          throw new Error(`an ACK for id ${p.id}, which no emit asked for`)
        }
        this.acks.delete(p.id)
        a.done()
        if (a.callback) this.call(() => a.callback(...(a.timeout ? [null] : []), ...p.data))
        else this.events.push(`ack ${p.id}`, p.data, p.data[0])
        return
      }
    }
  }

  onEvent(p) {
    const [event, ...args] = p.data
    const full = args.slice()
    if (p.id !== undefined) {
      let sent = false
      full.push((...reply) => {
        if (sent || !this.connected) return
        sent = true
        this.sendPacket(ACK, p.id, reply)
      })
    }
    this.events.push(eventKey(event), args, full)
    const hs = this.handlers.get(event)
    if (hs) for (const h of [...hs]) this.call(() => h(...full))
  }

  // call runs a user's handler; its exception fails the test (through the Connection's
  // handler) instead of counting as a protocol error.
  call(fn) {
    try {
      fn()
    } catch (e) {
      throw { socketioHandler: e }
    }
  }

  // gone marks the socket disconnected: waits that nothing can satisfy any more fail with why,
  // and 'disconnect' handlers run.
  gone(reason, why) {
    if (this.ended) return
    this.ended = true
    const was = this.connected
    this.connected = false
    if (this.manager.sockets.get(this.nsp) === this) this.manager.sockets.delete(this.nsp)
    if (this.onGone) this.onGone()
    if (was) this.control.push('disconnect', { reason })
    this.control.end(why)
    this.events.end(why)
    // As socket.io-client: a callback given a timeout (timeout(ms).emit) hears of the
    // disconnect at once, instead of never (its timer is gone with the socket); one
    // without a timeout is dropped.
    for (const a of this.acks.values()) {
      if (!a.callback || !a.timeout) continue
      clearTimeout(a.timer)
      setTimeout(() => a.callback(new Error('socket has been disconnected')), 0)
    }
    this.acks.clear()
    const hs = this.handlers.get('disconnect')
    if (was && hs) for (const h of [...hs]) h(reason)
  }

  sendPacket(type, id, args) {
    const attachments = []
    const data = deconstruct(args, attachments)
    const t = attachments.length ? (type === EVENT ? BINARY_EVENT : BINARY_ACK) : type
    this.manager.send(encode(t, this.nsp, id, data, attachments.length))
    for (const a of attachments) this.conn.send(a)
  }

  ensureConnected(where) {
    this.manager.sync()
    if (!this.connected) {
      throw new Error(`${this.name}: ${where}: the socket is not connected${this.manager.broken ? ` (${this.manager.broken})` : ''}`)
    }
  }

  emitWith(opts, event, args) {
    need('socket.emit', 'event', event, 'string')
    if (RESERVED.includes(event)) throw new TypeError(`socket.emit: "${event}" is a reserved event name`)
    this.ensureConnected(`emit("${event}")`)
    let callback
    if (typeof args[args.length - 1] === 'function') callback = args.pop()
    if (!callback) {
      this.sendPacket(EVENT, undefined, [event, ...args])
      return this
    }
    const id = this.nextAck++
    const a = { event, done: operation(event, 'socketio'), callback }
    if (opts.timeout !== undefined) {
      a.timeout = true
      a.timer = setTimeout(() => {
        if (this.acks.delete(id)) callback(new Error('operation has timed out'))
      }, opts.timeout)
      const done = a.done
      a.done = () => {
        clearTimeout(a.timer)
        done()
      }
    }
    this.acks.set(id, a)
    this.sendPacket(EVENT, id, [event, ...args])
    return this
  }

  emitWithAckWith(opts, event, args) {
    need('socket.emitWithAck', 'event', event, 'string')
    if (RESERVED.includes(event)) throw new TypeError(`socket.emitWithAck: "${event}" is a reserved event name`)
    this.ensureConnected(`emitWithAck("${event}")`)
    const id = this.nextAck++
    this.acks.set(id, { event, done: operation(event, 'socketio') })
    this.sendPacket(EVENT, id, [event, ...args])
    const what = `the ack of ${event} ${shorten(show(args))} (id ${id})`
    const label = `${this.name}.emitWithAck(${JSON.stringify(event)}${args.length ? ', …' : ''})`
    const wait = this.events.expect(`ack ${id}`, undefined, opts, { method: 'emitWithAck', label, what })
    // A wait that failed leaves the id behind, so its late ACK is dropped, not a violation.
    return wait.finally(() => this.acks.delete(id))
  }
}

// The public face of a Socket: only what SPEC §10 names, so scripts cannot reach the internals.
function facade(s) {
  const socket = {
    get id() {
      return s.id
    },
    get connected() {
      return s.connected && !s.manager.conn.closed
    },
    get conn() {
      return s.manager.conn
    },
    get namespace() {
      return s.nsp
    },
    // Server side: what the client sent when it connected.
    get handshake() {
      return s.handshake
    },
    emit(event, ...args) {
      s.emitWith({}, event, args)
      return socket
    },
    emitWithAck(event, ...args) {
      return s.emitWithAckWith(undefined, event, args)
    },
    timeout(ms) {
      need('socket.timeout', 'ms', ms, 'duration')
      return {
        emit(event, ...args) {
          s.emitWith({ timeout: ms }, event, args)
          return socket
        },
        emitWithAck(event, ...args) {
          return s.emitWithAckWith({ timeout: ms }, event, args)
        },
      }
    },
    expect(event, matcher, opts) {
      need('socket.expect', 'event', event, 'string')
      s.manager.sync()
      const how = { method: 'expect', label: `${s.name}.expect(${JSON.stringify(event)}${matcher === undefined ? '' : ', …'})` }
      return s.events.expect(eventKey(event), matcher, opts, how)
    },
    expectNone(event, matcher, opts) {
      need('socket.expectNone', 'event', event, 'string')
      s.manager.sync()
      const how = { method: 'expectNone', label: `${s.name}.expectNone(${JSON.stringify(event)}${matcher === undefined ? '' : ', …'})` }
      return s.events.expectNone(eventKey(event), matcher, opts, how)
    },
    expectDisconnect(opts) {
      s.manager.sync()
      const o = options('socket.expectDisconnect', opts, { reason: 'any', timeout: 'duration' })
      const matcher = o.reason === undefined ? undefined : { reason: o.reason }
      const how = {
        method: 'expectDisconnect',
        label: `${s.name}.expectDisconnect(${o.reason === undefined ? '' : show({ reason: o.reason })})`,
        what: `a disconnect${o.reason === undefined ? '' : ` with reason ${show(o.reason)}`}`,
      }
      return s.control.expect('disconnect', matcher, o.timeout === undefined ? undefined : { timeout: o.timeout }, how)
    },
    on(event, handler) {
      need('socket.on', 'event', event, 'string')
      need('socket.on', 'handler', handler, 'function')
      if (!s.handlers.has(event)) s.handlers.set(event, new Set())
      const entry = (...args) => handler(...args) // a handler added twice runs twice
      s.handlers.get(event).add(entry)
      return () => {
        s.handlers.get(event)?.delete(entry)
      }
    },
    of(namespace, opts) {
      if (s.manager.server) throw new TypeError('socket.of: a server-side socket cannot connect namespaces; the client does')
      return of(s.manager, namespace, opts, `${s.name}.of(${JSON.stringify(namespace)})`)
    },
    async close(...args) {
      if (args.length > 0 && args[0] !== undefined) {
        throw new TypeError(`socket.close() takes no arguments: it leaves the namespace (DISCONNECT), got ${describe(args[0])}; to close the connection with a code, call socket.conn.close(code, reason)`)
      }
      s.manager.sync() // a Connection closed by hand: nothing to send DISCONNECT on
      if (s.connected) {
        const reason = s.manager.server ? 'server namespace disconnect' : 'io client disconnect'
        s.manager.send(encode(DISCONNECT, s.nsp))
        s.gone(reason, `the socket disconnected (${reason}: close() was called)`)
      }
      if (s.manager.ownsConn) await s.manager.closeIfIdle()
    },
  }
  return socket
}

const namespaceOptions = { namespace: 'string', auth: 'object', timeout: 'duration', name: 'string' }

function checkNamespace(where, nsp) {
  if (typeof nsp !== 'string' || !nsp.startsWith('/') || /[,\s]/.test(nsp)) {
    throw new TypeError(`${where}: namespace must be a string that starts with "/" and has no comma or space, not ${show(nsp)}`)
  }
}

async function of(manager, nsp, opts, label) {
  const o = options('socket.of', opts, { auth: 'object', timeout: 'duration', name: 'string' })
  checkNamespace('socket.of', nsp)
  if (manager.sockets.has(nsp)) throw new Error(`${manager.conn.name}: namespace ${nsp} is already connected on this connection`)
  const name = o.name ?? (nsp === '/' ? manager.conn.name : manager.conn.name + nsp)
  const s = new Socket(manager, nsp, name)
  manager.sockets.set(nsp, s)
  await s.handshake(o.auth ?? undefined, o.timeout === undefined ? undefined : { timeout: o.timeout }, label)
  return facade(s)
}

// parseURL splits a Socket.IO URL (http, https, ws or wss) into its origin, its path (the
// namespace, as in socket.io-client's io('http://host/admin')) and its query.
function parseURL(url) {
  const m = /^(wss?|https?):\/\/([^/?#]+)([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(url)
  if (!m) throw new TypeError(`socketio.connect: ${show(url)} is not an http, https, ws or wss URL`)
  const scheme = { http: 'ws', https: 'wss' }[m[1].toLowerCase()] ?? m[1].toLowerCase()
  return { origin: `${scheme}://${m[2]}`, path: m[3], query: m[4] ?? '' }
}

async function connect(url, opts) {
  need('socketio.connect', 'url', url, 'string')
  const o = options('socketio.connect', opts, {
    path: 'string', namespace: 'string', auth: 'object', query: 'scalars', headers: 'scalars', timeout: 'duration', name: 'string',
  })
  const u = parseURL(url)
  let nsp = o.namespace ?? undefined
  if (u.path !== '' && u.path !== '/') {
    if (nsp !== undefined && nsp !== u.path) {
      throw new TypeError(`socketio.connect: the URL names namespace ${u.path} and the namespace option ${nsp}; give one`)
    }
    nsp = u.path
  }
  nsp = nsp ?? '/'
  checkNamespace('socketio.connect', nsp)
  let path = o.path ?? '/socket.io/'
  if (!path.startsWith('/')) path = '/' + path
  if (!path.endsWith('/')) path += '/'
  const query = { ...(o.query ?? {}), EIO: '4', transport: 'websocket' }
  const wsOpts = { parse: 'text', query }
  for (const k of ['headers', 'timeout', 'name']) if (o[k] !== undefined) wsOpts[k] = o[k]
  const conn = await wsConnect(u.origin + path + u.query, wsOpts)
  const manager = new Manager(conn, true)
  try {
    return await of(manager, nsp, { auth: o.auth, timeout: o.timeout, name: o.name }, `socketio.connect(${JSON.stringify(url)})`)
  } catch (e) {
    if (!conn.closed) await conn.close(1000).catch(() => {})
    throw e
  }
}

// over speaks Socket.IO on a Connection the script opened itself (its URL must carry
// EIO=4&transport=websocket, and it must use parse: 'text' or the default 'auto'); frames it
// already received count. Its socket's close() leaves the Connection open.
async function over(conn, opts) {
  need('socketio.over', 'conn', conn, 'connection')
  const o = options('socketio.over', opts, namespaceOptions)
  const nsp = o.namespace ?? '/'
  checkNamespace('socketio.over', nsp)
  const manager = new Manager(conn, false)
  return of(manager, nsp, { auth: o.auth, timeout: o.timeout, name: o.name }, `socketio.over(${conn.name})`)
}

// --- the server side ---

const serveOptions = {
  port: 'count', host: 'string', path: 'string', name: 'string', pingInterval: 'duration', pingTimeout: 'duration',
  maxPayload: 'count', namespaces: 'any', authorize: 'function',
}

// serve starts a Socket.IO server on ws.serve, speaking Engine.IO v4 over WebSocket: for
// mocks a browser app (socket.io-client with transports: ['websocket']) or a test connects to.
// authorize(auth, handshake) returns true to accept a namespace's CONNECT, or false, a message
// or { message, data } to refuse it with CONNECT_ERROR; onConnection(socket, handshake) gets
// each accepted socket.
async function serve(opts, onConnection) {
  if (typeof opts === 'function' && onConnection === undefined) {
    onConnection = opts
    opts = undefined
  }
  const o = options('socketio.serve', opts, serveOptions)
  if (onConnection !== undefined && typeof onConnection !== 'function') {
    throw new TypeError(`socketio.serve: onConnection must be a function (socket, handshake) => …, got ${describe(onConnection)}`)
  }
  const namespaces = o.namespaces ?? null
  if (namespaces !== null && (!Array.isArray(namespaces) || namespaces.length === 0)) {
    throw new TypeError(`socketio.serve: option "namespaces" must be a non-empty array of namespaces, not ${show(namespaces)}`)
  }
  for (const n of namespaces ?? []) checkNamespace('socketio.serve', n)
  let path = o.path ?? '/socket.io/'
  if (!path.startsWith('/')) path = '/' + path
  if (!path.endsWith('/')) path += '/'
  const sockets = new Set() // the connected sockets' facades
  const state = {
    pingInterval: o.pingInterval ?? 25000,
    pingTimeout: o.pingTimeout ?? 20000,
    maxPayload: o.maxPayload ?? 1000000,
    async accept(manager, p) {
      const nsp = p.nsp
      const s = new Socket(manager, nsp, nsp === '/' ? manager.conn.name : manager.conn.name + nsp)
      manager.sockets.set(nsp, s)
      const auth = p.data && typeof p.data === 'object' && !Array.isArray(p.data) ? p.data : {}
      s.handshake = { ...manager.req, auth, namespace: nsp }
      let verdict = namespaces === null || namespaces.includes(nsp) ? true : { message: 'Invalid namespace' }
      if (verdict === true && o.authorize) {
        try {
          verdict = await o.authorize(auth, s.handshake)
        } catch (e) {
          verdict = { message: e && e.message ? e.message : String(e) }
        }
      }
      if (manager.closed) return
      if (verdict !== true) {
        manager.sockets.delete(nsp)
        const err = verdict && typeof verdict === 'object' ? verdict : { message: typeof verdict === 'string' ? verdict : 'not authorized' }
        const packet = { message: String(err.message ?? 'not authorized') }
        if (err.data !== undefined) packet.data = err.data
        manager.send(encode(CONNECT_ERROR, nsp, undefined, packet))
        return
      }
      s.id = randomId()
      s.connected = true
      manager.send(encode(CONNECT, nsp, undefined, { sid: s.id }))
      const socket = facade(s)
      sockets.add(socket)
      s.onGone = () => sockets.delete(socket)
      if (onConnection) await onConnection(socket, s.handshake)
    },
  }
  const wsOpts = { path, parse: 'text', verify: verifyEngineIO, http: (req) => (req.path === path ? refusePolling() : { status: 404, body: 'not found' }) }
  for (const k of ['port', 'host', 'name']) if (o[k] !== undefined) wsOpts[k] = o[k]
  const server = await wsServe(wsOpts, (conn, req) => {
    const manager = new Manager(conn, true, state)
    manager.req = { url: req.url, query: req.query, headers: req.headers }
  })
  return {
    url: server.url.replace(/^ws/, 'http').slice(0, -path.length),
    port: server.port,
    get sockets() {
      return [...sockets]
    },
    // emit sends an event to every connected socket of the default namespace, as io.emit does.
    emit(event, ...args) {
      need('server.emit', 'event', event, 'string')
      if (RESERVED.includes(event)) throw new TypeError(`server.emit: "${event}" is a reserved event name`)
      for (const socket of sockets) if (socket.namespace === '/' && socket.connected) socket.emit(event, ...args)
    },
    // Arguments go on, so that close(code) throws as wsrun/ws's server.close(code) does.
    close(...args) {
      return server.close(...args)
    },
  }
}

function verifyEngineIO(req) {
  if (req.query.EIO === '4' && req.query.transport === 'websocket') return true
  return { status: 400, body: `socketio.serve speaks Engine.IO v4 over WebSocket only: the URL needs EIO=4&transport=websocket (got EIO=${req.query.EIO}, transport=${req.query.transport})` }
}

// refusePolling answers HTTP long-polling, which socket.io-client tries first unless told
// transports: ['websocket'].
function refusePolling() {
  return {
    status: 400,
    headers: { 'content-type': 'application/json' },
    body: { code: 0, message: "Transport unknown: wsrun's socketio.serve speaks the websocket transport only; connect with transports: ['websocket']" },
  }
}

export const socketio = { connect, over, serve }
export default socketio
