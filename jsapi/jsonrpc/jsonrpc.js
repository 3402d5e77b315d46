// wsrun/jsonrpc: JSON-RPC 2.0 clients over a WebSocket (SPEC §10).
//
// A Client sends requests with ids of its own and routes every reply to the call that waits for
// it through the inbox of wsrun/internal, so calls, batches and notifications time out, fail on
// a close and print their failure output the way Connection.expect does. Server notifications go
// into the same inbox (keyed by method) and to on() handlers; server requests are answered from
// on() handlers, or with -32601. A frame that breaks the protocol fails the test (see violation).

import { connect as wsConnect } from 'wsrun/ws'
import { inbox, operation, options, need, describe } from 'wsrun/internal'

// RpcError is what a call rejects with, and what a batch gives for an entry, when the server
// answers with an error object. message is a sentence for people; error is the server's
// error object as it came ({ code, message, data }).
export class RpcError extends Error {
  constructor(error, call) {
    super(errorText(error, call))
    this.name = 'RpcError'
    this.code = error.code
    this.data = error.data
    this.error = error
    if (call) {
      this.method = call.method
      this.params = call.params
    }
  }
}

// errorText is `-32601 Method not found (calling "nope")`, with the data when there is some.
function errorText(error, call) {
  let s = `${error.code} ${error.message}`
  if (call) s += ` (calling ${JSON.stringify(call.method)})`
  if (error.data !== undefined) s += `; data: ${brief(error.data)}`
  return s
}

// The answer to a server request that no on() handler takes.
const methodNotFound = { code: -32601, message: 'Method not found' }

class Client {
  #conn
  #name
  #box
  #nextId = 1
  #waiting = new Map() // id → { key } (a call) or { batch } (a batch entry)
  #late = new Set() // ids of calls that ended unanswered: their replies are late, not strangers
  #batches = 0
  #handlers = new Map() // method → [handler]

  constructor(conn, name) {
    this.#conn = conn
    this.#name = name
    const show = (key, params) => showCall(/^rpc\.(reply|batch) #\d+ +$/.test(key) ? key.slice(0, -1) : key, params)
    this.#box = inbox(conn, { noun: 'notification', show, name })
    conn.on('message', (data) => this.#receive(data))
  }

  /** The Connection the client speaks over. */
  get conn() { return this.#conn }

  call(method, params, opts) {
    checkMethod('call', method)
    checkParams('call', params)
    options('call', opts, waitOptions) // before the request goes out
    const id = this.#nextId++
    const site = new Error() // the user's call: an RpcError's stack points there
    this.#conn.send(request(id, method, params))
    const key = `rpc.reply #${id}` // a notification named so has another key: see notificationKey
    this.#waiting.set(id, { key })
    const done = operation(method, 'jsonrpc')
    const how = {
      method: 'call',
      label: `${this.#name}.call(${brief(method)}${params === undefined ? '' : ', ' + brief(params)})`,
      what: `the reply to ${showCall(method, params)} (id ${id})`,
    }
    return this.#settle(this.#box.expect(key, undefined, opts, how), [id]).then((reply) => {
      done()
      if (reply.error !== undefined) throw withSite(new RpcError(reply.error, { method, params }), site)
      return reply.result
    })
  }

  notify(method, params) {
    checkMethod('notify', method)
    checkParams('notify', params)
    this.#conn.send(request(undefined, method, params))
  }

  batch(entries, opts) {
    if (!Array.isArray(entries) || entries.length === 0) {
      throw new TypeError(`batch: takes a non-empty array of [method, params?, { notify: true }?] entries, got ${brief(entries)}`)
    }
    options('batch', opts, waitOptions)
    const site = new Error()
    const calls = entries.map((entry, i) => batchEntry(entry, i))
    const frame = []
    const ids = []
    const b = { key: `rpc.batch #${++this.#batches}`, replies: new Map(), left: 0 }
    for (const c of calls) {
      if (c.notify) {
        frame.push(request(undefined, c.method, c.params))
        continue
      }
      c.id = this.#nextId++
      ids.push(c.id)
      b.left++
      frame.push(request(c.id, c.method, c.params))
    }
    this.#conn.send(frame)
    if (ids.length === 0) return Promise.resolve(calls.map(() => undefined))
    for (const id of ids) this.#waiting.set(id, { batch: b })
    const clocks = calls.map((c) => (c.notify ? null : operation(c.method, 'jsonrpc')))
    const how = {
      method: 'batch',
      label: `${this.#name}.batch(${brief(entries)})`,
      what: `the replies to a batch: ${calls.filter((c) => !c.notify).map((c) => `${showCall(c.method, c.params)} (id ${c.id})`).join(', ')}`,
    }
    return this.#settle(this.#box.expect(b.key, undefined, opts, how), ids).then((replies) => calls.map((c, i) => {
      if (c.notify) return undefined
      clocks[i]()
      const reply = replies.get(c.id)
      return reply.error !== undefined ? withSite(new RpcError(reply.error, c), site) : reply.result
    }))
  }

  expectNotification(method, matcher, opts) {
    checkMethod('expectNotification', method)
    const how = {
      method: 'expectNotification',
      label: `${this.#name}.expectNotification(${brief(method)}${matcher === undefined ? '' : ', ' + brief(matcher)})`,
    }
    if (matcher === undefined) how.what = `${method}(…)`
    else if (isJSON(matcher)) how.what = showCall(method, matcher)
    return this.#box.expect(notificationKey(method), matcher, opts, how)
  }

  on(method, handler) {
    checkMethod('on', method)
    if (typeof handler !== 'function') throw new TypeError(`on: handler must be a function, got ${describe(handler)}`)
    const list = this.#handlers.get(method) ?? []
    list.push(handler)
    this.#handlers.set(method, list)
    return () => {
      const i = list.indexOf(handler)
      if (i >= 0) list.splice(i, 1)
    }
  }

  close(code, reason) { return this.#conn.close(code, reason) }

  // settle forgets the ids of a call or batch once it settled; a reply to one of them after a
  // timeout is late, not a stranger's.
  #settle(promise, ids) {
    const forget = (late) => {
      for (const id of ids) {
        if (!this.#waiting.delete(id) || !late) continue
        this.#late.add(id)
        if (this.#late.size > 10000) this.#late.delete(this.#late.values().next().value)
      }
    }
    return promise.then((v) => { forget(false); return v }, (err) => { forget(true); throw err })
  }

  #receive(data) {
    let msg = data
    if (typeof data === 'string') {
      try {
        msg = JSON.parse(data)
      } catch {
        return this.#violation(`a frame that is not JSON: ${brief(data)}`)
      }
    } else if (data instanceof Uint8Array) {
      return this.#violation(`a binary frame of ${data.length} bytes (JSON-RPC frames are JSON text)`)
    }
    if (!Array.isArray(msg)) return this.#one(msg)
    if (msg.length === 0) return this.#violation('an empty array')
    const answers = []
    for (const m of msg) {
      const answer = this.#one(m, true)
      if (answer) answers.push(answer)
    }
    // A batch of server requests gets one array of answers, as JSON-RPC says.
    if (answers.length > 0) Promise.all(answers).then((a) => this.#send(a))
  }

  // one handles one message; for a server request inside a batch it returns the promise of
  // the answer instead of sending it.
  #one(msg, inBatch) {
    if (msg === null || typeof msg !== 'object' || Array.isArray(msg)) {
      return this.#violation(`a frame that is not a JSON-RPC object: ${brief(msg)}`)
    }
    if (msg.jsonrpc !== '2.0') {
      return this.#violation(`a frame whose "jsonrpc" is ${brief(msg.jsonrpc)}, not "2.0": ${brief(msg)}`)
    }
    if (typeof msg.method === 'string') {
      if (!('id' in msg)) return this.#notification(msg.method, msg.params)
      const answer = this.#serverRequest(msg)
      if (inBatch) return answer
      answer.then((a) => this.#send(a))
      return undefined
    }
    const hasResult = 'result' in msg
    const hasError = 'error' in msg
    if (hasResult === hasError) {
      return this.#violation(`a reply needs exactly one of "result" and "error": ${brief(msg)}`)
    }
    const e = msg.error
    if (hasError && (e === null || typeof e !== 'object' || typeof e.code !== 'number' || typeof e.message !== 'string')) {
      return this.#violation(`an error reply whose "error" is not { code, message }: ${brief(msg)}`)
    }
    if (msg.id === null || msg.id === undefined) {
      const what = hasError ? `${msg.error.code} ${msg.error.message}` : brief(msg.result)
      return this.#violation(`a reply with no id, which answers no call: ${what} (a frame it received was not a request it could read)`)
    }
    const w = this.#waiting.get(msg.id)
    if (w === undefined) {
      if (this.#late.delete(msg.id)) return undefined // its call timed out already
      return this.#violation(`a reply to id ${brief(msg.id)}, which no call is waiting for: ${brief(msg)}`)
    }
    if (w.key !== undefined) {
      this.#waiting.delete(msg.id)
      this.#box.push(w.key, msg)
      return undefined
    }
    const b = w.batch
    if (b.replies.has(msg.id)) return this.#violation(`a second reply to id ${brief(msg.id)}: ${brief(msg)}`)
    b.replies.set(msg.id, msg)
    if (--b.left === 0) this.#box.push(b.key, b.replies)
    return undefined
  }

  #notification(method, params) {
    this.#box.push(notificationKey(method), params)
    for (const h of [...(this.#handlers.get(method) ?? [])]) h(params)
  }

  // serverRequest runs the on() handlers of a server request and resolves with the answer:
  // the first value a handler returns (undefined → null); -32601 when no handler is there; an
  // RpcError a handler throws becomes the error answer. Any other throw is answered -32603
  // and then fails the test, as an exception in a handler does.
  #serverRequest(msg) {
    const reply = (body) => ({ jsonrpc: '2.0', id: msg.id, ...body })
    const handlers = [...(this.#handlers.get(msg.method) ?? [])]
    if (handlers.length === 0) return Promise.resolve(reply({ error: methodNotFound }))
    const failed = (err) => {
      if (err instanceof RpcError) return reply({ error: err.error })
      this.#send(reply({ error: { code: -32603, message: 'Internal error', data: String(err) } }))
      throw err
    }
    let result
    try {
      for (const h of handlers) {
        const r = h(msg.params)
        if (result === undefined) result = r
      }
    } catch (err) {
      return Promise.resolve(failed(err))
    }
    return Promise.resolve(result).then((r) => reply({ result: r === undefined ? null : r }), failed)
  }

  #send(data) {
    if (!this.#conn.closed) this.#conn.send(data)
  }

  // violation fails the running test at once: the error is thrown from the connection's
  // message handler, which fails the test whether or not a call is waiting (a call that
  // waits for a reply that came with a wrong id would otherwise only time out). The client
  // goes on: a test after this one is not failed for it.
  #violation(detail) {
    throw new Error(`${this.#name}: the server broke JSON-RPC 2.0: it sent ${detail}`)
  }
}

// notificationKey is a notification's key in the inbox: its method, but for a method named
// like the key a call or a batch waits under ("rpc.reply #3", "rpc.batch #1"), with a space
// added. JSON-RPC reserves "rpc." names, yet a server may send one: it must never settle a call.
function notificationKey(method) {
  return /^rpc\.(reply|batch) #\d+ *$/.test(method) ? method + ' ' : method
}

// batchEntry checks one batch entry, [method, params?, { notify: true }?].
function batchEntry(entry, i) {
  const at = `batch: entry ${i}`
  if (!Array.isArray(entry) || entry.length < 1 || entry.length > 3) {
    throw new TypeError(`${at} must be [method, params?, { notify: true }?], got ${brief(entry)}`)
  }
  const [method, params, opts] = entry
  checkMethod(at, method)
  checkParams(at, params)
  const notify = options(at, opts, { notify: 'boolean' }).notify === true
  return { method, params, notify }
}

function request(id, method, params) {
  const r = { jsonrpc: '2.0', method }
  if (params !== undefined) r.params = params
  if (id !== undefined) r.id = id
  return r
}

// withSite gives err the stack of site, the Error made at the user's call, so a failure
// points at the line that made the call rather than into this module.
function withSite(err, site) {
  err.stack = `${err.name}: ${err.message}\n${site.stack.split('\n').slice(1).join('\n')}`
  return err
}

function checkMethod(fn, method) {
  if (typeof method !== 'string' || method === '') {
    throw new TypeError(`${fn}: method must be a non-empty string, got ${describe(method)}`)
  }
}

function checkParams(fn, params) {
  if (params !== undefined && (params === null || typeof params !== 'object')) {
    throw new TypeError(`${fn}: params must be an array or an object (JSON-RPC 2.0 has no other), got ${describe(params)}`)
  }
}

// showCall is a call or notification as failure output lists it: `tick({"n": 1})`, `ping()`.
function showCall(method, params) {
  return `${method}(${params === undefined ? '' : brief(params)})`
}

// isJSON reports whether v is plain JSON data (so brief shows it as the user wrote it), not a
// RegExp, function or asymmetric matcher, which the inbox's own description shows better.
function isJSON(v) {
  if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) return true
  if (Array.isArray(v)) return v.every(isJSON)
  if (typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return false
  return Object.values(v).every(isJSON)
}

// brief is v as JSON with a space after colons and commas, as wsrun prints matchers, cut
// at 200 characters.
function brief(v) {
  let s
  try {
    s = show(v, 0)
  } catch {
    s = String(v)
  }
  return s.length > 200 ? s.slice(0, 199) + '…' : s
}

function show(v, depth) {
  if (v === undefined) return 'undefined'
  if (typeof v === 'function') return `[Function ${v.name || 'anonymous'}]`
  if (typeof v === 'bigint') return `${v}n`
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? String(v)
  if (v instanceof RegExp) return String(v)
  if (depth > 8) return Array.isArray(v) ? '[…]' : '{…}'
  if (Array.isArray(v)) return `[${v.map((x) => show(x, depth + 1)).join(', ')}]`
  const parts = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${show(x, depth + 1)}`)
  return `{${parts.join(', ')}}`
}

// overOptions are the options of over(); connect() takes ws.connect's, checked by ws.connect.
const overOptions = { name: 'string' }

// waitOptions are those of call and batch, checked here because a bad one must throw before
// the request is sent (the inbox would check them only once it is out).
const waitOptions = { timeout: 'duration', signal: 'object' }

export const jsonrpc = {
  /** Opens a WebSocket with ws.connect's options and speaks JSON-RPC 2.0 over it. */
  async connect(url, opts) {
    let conn
    try {
      conn = await wsConnect(url, opts)
    } catch (e) {
      // ws.connect checks the url and the options, which are its own: its TypeErrors name
      // the call the script made
      if (e instanceof TypeError && e.message.startsWith('ws.connect')) {
        e.message = 'jsonrpc.connect' + e.message.slice('ws.connect'.length)
      }
      throw e
    }
    return new Client(conn, conn.name)
  },
  /** Speaks JSON-RPC 2.0 over an open Connection (a ws.serve side, or special handshakes). */
  over(conn, opts) {
    need('jsonrpc.over', 'conn', conn, 'connection')
    return new Client(conn, options('jsonrpc.over', opts, overOptions).name ?? conn.name)
  },
  RpcError,
}

export default jsonrpc
