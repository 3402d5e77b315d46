// wsrun/graphql: GraphQL over WebSocket, on top of the Connection API. Two wire protocols:
// graphql-transport-ws (the graphql-ws library; the default) and the legacy graphql-ws of
// subscriptions-transport-ws. Every wait goes through an inbox of wsrun/internal, so it fails
// the way Connection.expect does, with the decoded payloads listed; the raw frames stay in the
// connection's transcript.
import { connect as wsConnect } from 'wsrun/ws'
import { inbox, operation } from 'wsrun/internal'

const TRANSPORT = 'graphql-transport-ws'
const LEGACY = 'graphql-ws'
const DEFAULT_ACK_TIMEOUT = 10000 // ms; the same as ws.connect's handshake timeout

// ---- argument checking, worded as jsapi/argcheck words it ---------------------------------

const kinds = {
  string: ['a string', (v) => typeof v === 'string'],
  object: ['an object', (v) => v !== null && typeof v === 'object' && !Array.isArray(v)],
  duration: ['a number of ms (0 or more)', (v) => typeof v === 'number' && v >= 0 && Number.isFinite(v)],
  protocol: [`"${TRANSPORT}" or "${LEGACY}"`, (v) => v === TRANSPORT || v === LEGACY],
}

function describe(v) {
  if (v === undefined) return 'undefined'
  if (v === null) return 'null'
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return `the ${typeof v} ${String(v)}`
  if (typeof v === 'function') return 'a function'
  if (Array.isArray(v)) return 'an array'
  if (v instanceof RegExp) return 'a RegExp'
  if (typeof v?.then === 'function') return 'a promise (missing await?)'
  return 'an object'
}

// distance is the optimal string alignment distance, as argcheck's Closest uses.
function distance(a, b) {
  let prev2 = []
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], prev2[j - 2] + 1)
    }
    prev2 = prev
    prev = cur
  }
  return prev[b.length]
}

function closest(word, known) {
  let best = ''
  let bestDist = -1
  for (const k of known) {
    const d = distance(word.toLowerCase(), k.toLowerCase())
    if (d <= Math.max(1, Math.floor(k.length / 3)) && (bestDist < 0 || d < bestDist)) {
      best = k
      bestDist = d
    }
  }
  return best
}

// options checks an options object against spec ({ name: kind }) and returns it (or {}).
function options(fn, opts, spec) {
  if (opts === undefined || opts === null) return {}
  if (!kinds.object[1](opts)) throw new TypeError(`${fn}: options must be an object, got ${describe(opts)}`)
  const names = Object.keys(spec)
  for (const key of Object.keys(opts)) {
    if (!(key in spec)) {
      const c = closest(key, names)
      throw new TypeError(`${fn}: unknown option ${JSON.stringify(key)}` +
        (c ? `; did you mean ${JSON.stringify(c)}?` : `; it must be one of ${names.map((n) => JSON.stringify(n)).join(', ')}`))
    }
    const [takes, ok] = kinds[spec[key]]
    if (opts[key] !== undefined && !ok(opts[key])) throw new TypeError(`${fn}: option ${key} must be ${takes}, got ${describe(opts[key])}`)
  }
  return opts
}

function need(fn, arg, v, kind) {
  const [takes, ok] = kinds[kind]
  if (!ok(v)) throw new TypeError(`${fn}: ${arg} must be ${takes}, got ${describe(v)}`)
}

// waitOptions passes on only the options the inbox knows; it checks and defaults them itself.
function waitOptions(opts) {
  return opts.timeout === undefined ? undefined : { timeout: opts.timeout }
}

// ---- documents -----------------------------------------------------------------------------

// names finds, without a full parser, what the latency table calls a document: its operation's
// name, else its first field's name (an alias is skipped), else the operation type. Only the
// operation operationName picks (or the first one) counts; fragments are passed over.
function operationLabel(document, operationName) {
  if (operationName) return operationName
  const tokens = document.replace(/#[^\n\r]*/g, ' ').replace(/"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"/g, '""')
    .match(/\.\.\.|[A-Za-z_][A-Za-z0-9_]*|[{}():$@!=[\]]|""/g) ?? []
  let i = 0
  while (i < tokens.length && tokens[i] === 'fragment') {
    // skip a fragment definition: everything to its matching closing brace
    while (i < tokens.length && tokens[i] !== '{') i++
    i = skipBlock(tokens, i)
  }
  let kind = 'query'
  if (['query', 'mutation', 'subscription'].includes(tokens[i])) {
    kind = tokens[i++]
    if (/^[A-Za-z_]/.test(tokens[i] ?? '')) return tokens[i]
  }
  while (i < tokens.length && tokens[i] !== '{') i++ // variables, directives
  i++
  for (; i < tokens.length; i++) {
    const t = tokens[i]
    if (t === '...') return kind // a fragment spread first: no field name to give
    if (/^[A-Za-z_]/.test(t)) return tokens[i + 1] === ':' && /^[A-Za-z_]/.test(tokens[i + 2] ?? '') ? tokens[i + 2] : t
  }
  return kind
}

function skipBlock(tokens, i) {
  let depth = 0
  for (; i < tokens.length; i++) {
    if (tokens[i] === '{') depth++
    else if (tokens[i] === '}' && --depth === 0) return i + 1
  }
  return i
}

// ---- connecting ----------------------------------------------------------------------------

function refused(where, conn, why, fields) {
  const err = new Error(`${where}: the server refused the connection: ${why}`)
  Object.assign(err, fields)
  return err
}

// init sends connection_init on conn and resolves with a Client once the server acknowledges.
function init(conn, protocol, params, timeout, where) {
  return new Promise((resolve, reject) => {
    let settled = false
    const offs = []
    const finish = (err, client) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      for (const off of offs) off()
      if (err) {
        reject(err)
        if (!conn.closed) conn.close(1000).catch(() => {})
      } else resolve(client)
    }
    const timer = setTimeout(() => finish(new Error(`${where}: no connection_ack within ${timeout}ms`)), timeout)
    offs.push(conn.on('close', ({ code, reason }) => finish(refused(where, conn,
      `it closed the connection with ${code}${reason ? ' ' + reason : ''} before connection_ack`, { code, reason }))))
    offs.push(conn.on('message', (data) => {
      let msg
      try {
        msg = decode(data)
      } catch (e) {
        return finish(new Error(`${where}: expected connection_ack, got ${e.message}`))
      }
      if (msg.type === 'connection_ack') return finish(null, makeClient(conn, protocol))
      if (protocol === TRANSPORT && msg.type === 'ping') return conn.send({ type: 'pong' })
      if (protocol === LEGACY && msg.type === 'ka') return
      if (protocol === LEGACY && msg.type === 'connection_error') {
        const message = msg.payload?.message ?? JSON.stringify(msg.payload)
        return finish(refused(where, conn, `connection_error ${JSON.stringify(message)}`, { payload: msg.payload }))
      }
      finish(new Error(`${where}: expected connection_ack, got ${JSON.stringify(msg)}`))
    }))
    const frame = { type: 'connection_init' }
    if (params !== undefined) frame.payload = params
    conn.send(frame)
  })
}

// decode turns a received message into a protocol frame, or throws saying what is wrong.
function decode(data) {
  let msg = data
  if (typeof data === 'string') {
    try {
      msg = JSON.parse(data)
    } catch {
      throw new Error(`a frame that is not JSON: ${JSON.stringify(data.slice(0, 200))}`)
    }
  } else if (data instanceof Uint8Array || data instanceof ArrayBuffer) {
    throw new Error('a binary frame')
  }
  if (msg === null || typeof msg !== 'object' || typeof msg.type !== 'string') {
    throw new Error(`a frame without a "type": ${JSON.stringify(msg)}`)
  }
  return msg
}

const connectOptions = { connectionParams: 'object', protocol: 'protocol', headers: 'object', timeout: 'duration', name: 'string' }
const overOptions = { connectionParams: 'object', protocol: 'protocol', timeout: 'duration' }

async function connect(url, opts) {
  need('graphql.connect', 'url', url, 'string')
  opts = options('graphql.connect', opts, connectOptions)
  const wsOpts = { protocols: opts.protocol ? [opts.protocol] : [TRANSPORT, LEGACY], parse: 'text' }
  for (const k of ['headers', 'timeout', 'name']) if (opts[k] !== undefined) wsOpts[k] = opts[k]
  const conn = await wsConnect(url, wsOpts)
  const protocol = opts.protocol ?? chosen(conn.protocol)
  return init(conn, protocol, opts.connectionParams, opts.timeout ?? DEFAULT_ACK_TIMEOUT, `graphql.connect ${url}`)
}

function over(conn, opts) {
  if (conn === null || typeof conn !== 'object' || typeof conn.send !== 'function' || typeof conn.on !== 'function') {
    throw new TypeError(`graphql.over: conn must be a Connection, got ${describe(conn)}`)
  }
  opts = options('graphql.over', opts, overOptions)
  const protocol = opts.protocol ?? chosen(conn.protocol)
  return init(conn, protocol, opts.connectionParams, opts.timeout ?? DEFAULT_ACK_TIMEOUT, `graphql.over ${conn.name}`)
}

// chosen is the protocol a server picked; one that picked none gets the default.
function chosen(p) {
  return p === LEGACY ? LEGACY : TRANSPORT
}

// ---- the client ----------------------------------------------------------------------------

function show(key, value) {
  return value === undefined ? key : `${key} ${JSON.stringify(value)}`
}

function asErrors(payload) {
  if (Array.isArray(payload)) return payload
  return payload === undefined || payload === null ? [] : [payload]
}

function makeClient(conn, protocol) {
  const legacy = protocol === LEGACY
  const ops = new Map() // id -> { name, kind, box?, done?, last? }
  const cancelled = new Set() // ids the client gave up on; their late frames are dropped
  const results = inbox(conn, { noun: 'result', show })
  let lastId = 0

  const violation = (what) => {
    const why = `the server broke the ${protocol} protocol: ${what}`
    for (const op of ops.values()) op.box?.end(why)
    results.end(why)
    ops.clear()
    throw new Error(`${conn.name}: ${why}`)
  }

  const stop = (id) => {
    ops.delete(id)
    cancelled.add(id)
    if (!conn.closed) conn.send(legacy ? { id, type: 'stop' } : { id, type: 'complete' })
  }

  const send = (id, document, variables, operationName) => {
    const payload = { query: document }
    if (variables !== undefined) payload.variables = variables
    if (operationName !== undefined) payload.operationName = operationName
    conn.send({ id, type: legacy ? 'start' : 'subscribe', payload })
  }

  // A query ends with one result: its (last) payload, or { errors } of an error message.
  const settleQuery = (id, op, result) => {
    ops.delete(id)
    op.done()
    results.push(id, result)
  }

  const onPayload = (id, op, payload) => {
    if (op.kind === 'query') {
      op.last = payload
      return
    }
    if (op.first) {
      op.first = false
      op.done()
    }
    // A payload with errors and no data is the operation failing: expectError sees it.
    if (payload?.errors && (payload.data === undefined || payload.data === null)) op.box.push('error', payload.errors)
    else op.box.push('next', payload)
  }

  const onError = (id, op, errors) => {
    ops.delete(id)
    if (op.kind === 'query') return settleQuery(id, op, { errors })
    if (op.first) op.done()
    op.box.push('error', errors)
    op.box.end('the subscription ended with an error')
  }

  const onComplete = (id, op) => {
    if (op.kind === 'query') {
      if (op.last === undefined) violation(`"complete" for query ${id} (${op.name}) before any result`)
      return settleQuery(id, op, op.last)
    }
    ops.delete(id)
    op.box.push('complete', undefined)
    op.box.end('the subscription completed')
  }

  conn.on('message', (data) => {
    let msg
    try {
      msg = decode(data)
    } catch (e) {
      violation(e.message)
    }
    const t = msg.type
    if (!legacy && t === 'ping') return conn.send({ type: 'pong' })
    if (!legacy && t === 'pong') return
    if (legacy && (t === 'ka' || t === 'subscription_success' || t === 'connection_ack')) return
    const isNext = t === (legacy ? 'data' : 'next')
    if (!isNext && t !== 'error' && t !== 'complete') violation(`unexpected ${JSON.stringify(t)} frame ${JSON.stringify(msg)}`)
    const id = msg.id
    const op = ops.get(id)
    if (!op) {
      if (cancelled.has(id)) {
        if (t === 'complete' || t === 'error') cancelled.delete(id)
        return
      }
      violation(`${JSON.stringify(t)} for unknown operation id ${JSON.stringify(id)}: ${JSON.stringify(msg)}`)
    }
    if (isNext) return onPayload(id, op, msg.payload)
    if (t === 'error') return onError(id, op, asErrors(msg.payload))
    onComplete(id, op)
  })

  const start = (fn, document, variables) => {
    need(fn, 'document', document, 'string')
    if (variables !== undefined && variables !== null) need(fn, 'variables', variables, 'object')
    if (conn.closed) throw new Error(`${fn}: the connection is closed`)
    return String(++lastId)
  }

  return {
    get conn() {
      return conn
    },

    query(document, variables, opts) {
      const id = start('query', document, variables)
      opts = options('query', opts, { operationName: 'string', timeout: 'duration' })
      const name = operationLabel(document, opts.operationName)
      ops.set(id, { kind: 'query', name, done: operation(name, 'graphql') })
      send(id, document, variables ?? undefined, opts.operationName)
      const how = { method: 'query', label: `query(${JSON.stringify(name)})`, what: `the result of ${name} (operation ${id})` }
      return results.expect(id, undefined, waitOptions(opts), how).catch((err) => {
        if (ops.has(id)) stop(id) // timed out: the server may stop working on it
        throw err
      })
    },

    subscribe(document, variables) {
      const id = start('subscribe', document, variables)
      const name = operationLabel(document)
      const box = inbox(conn, { noun: 'payload', show })
      ops.set(id, { kind: 'subscription', name, box, first: true, done: operation(name, 'graphql') })
      send(id, document, variables ?? undefined)
      const label = (method) => `subscription ${name}: ${method}`
      return {
        expect(matcher, opts) {
          return box.expect('next', matcher, opts, { method: 'expect', label: label('expect') })
        },
        expectNone(matcher, opts) {
          return box.expectNone('next', matcher, opts, { method: 'expectNone', label: label('expectNone') })
        },
        expectComplete(opts) {
          return box.expect('complete', undefined, opts, { method: 'expectComplete', label: label('expectComplete'), what: 'complete' })
        },
        expectError(matcher, opts) {
          return box.expect('error', matcher, opts, { method: 'expectError', label: label('expectError') })
        },
        unsubscribe() {
          if (!ops.has(id)) return
          stop(id)
          box.end('the subscription was unsubscribed')
        },
      }
    },

    close() {
      if (legacy && !conn.closed) conn.send({ type: 'connection_terminate' })
      return conn.close(1000)
    },
  }
}

export const graphql = { connect, over }
export default graphql
