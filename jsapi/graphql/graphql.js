// wsrun/graphql: GraphQL over WebSocket, on top of the Connection API. Two wire protocols:
// graphql-transport-ws (the graphql-ws library; the default) and the legacy graphql-ws of
// subscriptions-transport-ws. Every wait goes through an inbox of wsrun/internal, so it fails
// the way Connection.expect does, with the decoded payloads listed; the raw frames stay in the
// connection's transcript.
import { connect as wsConnect, serve as wsServe } from 'wsrun/ws'
import { inbox, operation, options, need, closest, describe } from 'wsrun/internal'

const TRANSPORT = 'graphql-transport-ws'
const LEGACY = 'graphql-ws'
const DEFAULT_ACK_TIMEOUT = 10000 // ms; the same as ws.connect's handshake timeout

// waitOptions passes on only the options the inbox knows; it checks and defaults them itself.
function waitOptions(opts) {
  return opts.timeout == null ? undefined : { timeout: opts.timeout }
}

// ---- documents -----------------------------------------------------------------------------

// The parser below serves both sides: graphql.serve executes what it parses, and the client
// names operations for the latency table with it.

class GraphQLSyntaxError extends Error {}

// lex splits a document into punctuators, numbers, names and strings (commas, white space and
// comments dropped), each with its offset, ending with an eof token.
function lex(source) {
  const tokens = []
  const re = /[\s,\uFEFF]+|#[^\n\r]*|(\.\.\.|[!$&()\:=@\[\]{|}])|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|("""[\s\S]*?"""|"(?:[^"\\\n\r]|\\.)*")|(.)/y
  let m
  while (re.lastIndex < source.length && (m = re.exec(source))) {
    const at = m.index
    if (m[1]) tokens.push({ k: 'p', v: m[1], at })
    else if (m[2]) tokens.push({ k: 'num', v: m[2], at })
    else if (m[3]) tokens.push({ k: 'name', v: m[3], at })
    else if (m[4]) tokens.push({ k: 'str', v: m[4].startsWith('"""') ? m[4].slice(3, -3) : unquote(m[4]), at })
    else if (m[5]) throw new GraphQLSyntaxError(`Syntax Error: Unexpected character: ${JSON.stringify(m[5])}.`)
  }
  tokens.push({ k: 'eof', v: '<EOF>', at: source.length })
  return tokens
}

function unquote(s) {
  try {
    return JSON.parse(s)
  } catch {
    throw new GraphQLSyntaxError(`Syntax Error: Invalid string ${s}.`)
  }
}

// parseDocument returns { operations: [{ kind, name?, defaults, selections }], fragments: { name:
// selections } }. A selection is a field { alias, field, args, directives, at, selections? }, a
// spread { spread, directives } or an inline fragment { inline, directives, selections }; an
// argument value is { literal }, { variable }, { list } or { object }. Type conditions and
// variable types are read and dropped: there is no schema to check them against.
function parseDocument(source) {
  const t = lex(source)
  let i = 0
  const peek = (v) => t[i].v === v && t[i].k !== 'str'
  const fail = () => { throw new GraphQLSyntaxError(`Syntax Error: Unexpected ${t[i].k === 'eof' ? '<EOF>' : JSON.stringify(t[i].v)}.`) }
  const eat = (v) => (peek(v) ? t[i++] : fail())
  const name = () => (t[i].k === 'name' ? t[i++].v : fail())
  const value = () => {
    const tok = t[i]
    if (peek('$')) { i++; return { variable: name() } }
    if (peek('[')) { i++; const list = []; while (!peek(']')) list.push(value()); i++; return { list } }
    if (peek('{')) {
      i++
      const fields = {}
      while (!peek('}')) { const n = name(); eat(':'); fields[n] = value() }
      i++
      return { object: fields }
    }
    i++
    if (tok.k === 'num') return { literal: Number(tok.v) }
    if (tok.k === 'str') return { literal: tok.v }
    if (tok.k === 'name') return { literal: tok.v === 'true' ? true : tok.v === 'false' ? false : tok.v === 'null' ? null : tok.v }
    i--
    return fail()
  }
  const args = () => {
    const out = {}
    if (!peek('(')) return out
    i++
    while (!peek(')')) { const n = name(); eat(':'); out[n] = value() }
    i++
    return out
  }
  const directives = () => {
    const out = []
    while (peek('@')) { i++; out.push({ name: name(), args: args() }) }
    return out
  }
  const type = () => {
    if (peek('[')) { i++; type(); eat(']') } else name()
    if (peek('!')) i++
  }
  const selections = () => {
    eat('{')
    const out = []
    while (!peek('}')) {
      if (peek('...')) {
        i++
        if (t[i].k === 'name' && t[i].v !== 'on') { out.push({ spread: name(), directives: directives() }); continue }
        if (peek('on')) { i++; name() }
        out.push({ inline: true, directives: directives(), selections: selections() })
        continue
      }
      const at = t[i].at
      let alias = name()
      let field = alias
      if (peek(':')) { i++; field = name() }
      const f = { alias, field, args: args(), directives: directives(), at }
      if (peek('{')) f.selections = selections()
      out.push(f)
    }
    i++
    return out
  }
  const doc = { operations: [], fragments: {} }
  while (t[i].k !== 'eof') {
    if (peek('{')) { doc.operations.push({ kind: 'query', defaults: {}, selections: selections() }); continue }
    if (peek('fragment')) {
      i++
      const n = name()
      eat('on'); name(); directives()
      doc.fragments[n] = selections()
      continue
    }
    const kind = t[i].v
    if (!['query', 'mutation', 'subscription'].includes(kind) || t[i].k !== 'name') fail()
    i++
    const op = { kind }
    if (t[i].k === 'name') op.name = name()
    op.defaults = {}
    if (peek('(')) {
      i++
      while (!peek(')')) {
        eat('$')
        const v = name()
        eat(':')
        type()
        if (peek('=')) { i++; op.defaults[v] = value() }
        directives()
      }
      i++
    }
    directives()
    op.selections = selections()
    doc.operations.push(op)
  }
  if (doc.operations.length === 0) throw new GraphQLSyntaxError('Syntax Error: the document has no operation.')
  return doc
}

// operationLabel is what the latency table calls a document: operationName, else the
// operation's own name, else its first field's name (past an alias, into a fragment), else
// fallback (also when the document does not parse: the server will say why).
function operationLabel(document, operationName, fallback) {
  if (operationName) return operationName
  let doc
  try {
    doc = parseDocument(document)
  } catch {
    return fallback
  }
  const op = doc.operations[0]
  if (op.name) return op.name
  const first = (sels, seen) => {
    for (const s of sels) {
      if (s.field) return s.field
      const inner = s.spread ? (seen.has(s.spread) ? undefined : doc.fragments[s.spread]) : s.selections
      if (s.spread) seen.add(s.spread)
      const name = inner && first(inner, seen)
      if (name) return name
    }
    return undefined
  }
  return first(op.selections, new Set()) ?? fallback
}

// ---- connecting ----------------------------------------------------------------------------

// init sends connection_init on conn and resolves with a Client once the server acknowledges.
// The wait goes through an inbox, so a timeout or a refusal fails at the user's call with the
// transcript, as every wait does; the message then says what the server did.
async function init(conn, protocol, params, timeout, where) {
  const control = inbox(conn, { noun: 'frame', show })
  let refusal // { message, payload? } once the server refused or answered something else
  const stop = (message, payload) => {
    refusal = { message, payload }
    control.end('the server did not acknowledge')
  }
  const off = conn.on('message', (data) => {
    let msg
    try {
      msg = decode(data)
    } catch (e) {
      return stop(`${where}: expected connection_ack, got ${e.message}`)
    }
    if (msg.type === 'connection_ack') return control.push('ack', undefined)
    if (protocol === TRANSPORT && msg.type === 'ping') return conn.send({ type: 'pong' })
    if (protocol === LEGACY && msg.type === 'ka') return
    if (protocol === LEGACY && msg.type === 'connection_error') {
      const message = msg.payload?.message ?? JSON.stringify(msg.payload)
      return stop(`${where}: the server refused the connection: connection_error ${brief(message)}`, msg.payload)
    }
    stop(`${where}: expected connection_ack, got ${brief(msg)}`)
  })
  const frame = { type: 'connection_init' }
  if (params !== undefined) frame.payload = params
  conn.send(frame)
  try {
    await control.expect('ack', undefined, { timeout }, { method: 'connect', label: where, what: 'connection_ack' })
  } catch (err) {
    if (refusal) {
      err.message = refusal.message
      if (refusal.payload !== undefined) err.payload = refusal.payload
    } else if (conn.closed) {
      // Closing before the ack is how a graphql-transport-ws server refuses (4403 Forbidden).
      const { closeCode: code, closeReason: reason } = conn
      err.message = `${where}: the server refused the connection: it closed the connection with ${code}${reason ? ' ' + reason : ''} before connection_ack`
      Object.assign(err, { code, reason })
    }
    if (!conn.closed) conn.close(1000).catch(() => {})
    throw err
  } finally {
    off()
  }
  return makeClient(conn, protocol)
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
    throw new Error(`a frame without a "type": ${brief(msg)}`)
  }
  return msg
}

const connectOptions = { connectionParams: 'object', protocol: [TRANSPORT, LEGACY], headers: 'scalars', timeout: 'duration', name: 'string' }
const overOptions = { connectionParams: 'object', protocol: [TRANSPORT, LEGACY], timeout: 'duration' }

async function connect(url, opts) {
  need('graphql.connect', 'url', url, 'string')
  opts = options('graphql.connect', opts, connectOptions)
  const wsOpts = { protocols: opts.protocol ? [opts.protocol] : [TRANSPORT, LEGACY], parse: 'text' }
  for (const k of ['headers', 'timeout', 'name']) if (opts[k] !== undefined) wsOpts[k] = opts[k]
  const conn = await wsConnect(url, wsOpts)
  const protocol = opts.protocol ?? chosen(conn.protocol)
  return init(conn, protocol, opts.connectionParams ?? undefined, opts.timeout ?? DEFAULT_ACK_TIMEOUT, `graphql.connect ${url}`)
}

function over(conn, opts) {
  need('graphql.over', 'conn', conn, 'connection')
  opts = options('graphql.over', opts, overOptions)
  const protocol = opts.protocol ?? chosen(conn.protocol)
  return init(conn, protocol, opts.connectionParams ?? undefined, opts.timeout ?? DEFAULT_ACK_TIMEOUT, `graphql.over ${conn.name}`)
}

// chosen is the protocol a server picked; one that picked none gets the default.
function chosen(p) {
  return p === LEGACY ? LEGACY : TRANSPORT
}

// ---- the client ----------------------------------------------------------------------------

// brief is v as JSON cut at 200 characters, for what a server sent in a failure message: a
// broken frame can be as big as maxMessageSize, and the message goes to every report.
function brief(v) {
  let s
  try {
    s = JSON.stringify(v) ?? String(v)
  } catch {
    s = String(v)
  }
  return s.length > 200 ? s.slice(0, 199) + '…' : s
}

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
    // A payload with errors and no data is the operation failing: expectError sees it, and
    // expectNone still sees it as the payload it is.
    if (payload?.errors && (payload.data === undefined || payload.data === null)) {
      op.box.push('error', payload.errors, payload.errors, { noneKey: 'next', noneValue: payload })
    } else op.box.push('next', payload)
  }

  const onError = (id, op, errors) => {
    ops.delete(id)
    if (op.kind === 'query') return settleQuery(id, op, { errors })
    if (op.first) op.done()
    op.box.push('error', errors, errors, { noneKey: 'next', noneValue: { errors } })
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
    if (!isNext && t !== 'error' && t !== 'complete') violation(`unexpected ${brief(t)} frame ${brief(msg)}`)
    const id = msg.id
    const op = ops.get(id)
    if (!op) {
      if (cancelled.has(id)) {
        if (t === 'complete' || t === 'error') cancelled.delete(id)
        return
      }
      violation(`${brief(t)} for unknown operation id ${brief(id)}: ${brief(msg)}`)
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
      const operationName = opts.operationName ?? undefined
      const name = operationLabel(document, operationName, 'query')
      ops.set(id, { kind: 'query', name, done: operation(name, 'graphql') })
      send(id, document, variables ?? undefined, operationName)
      const how = { method: 'query', label: `query(${JSON.stringify(name)})`, what: `the result of ${name} (operation ${id})` }
      return results.expect(id, undefined, waitOptions(opts), how).catch((err) => {
        if (ops.has(id)) stop(id) // timed out: the server may stop working on it
        throw err
      })
    },

    subscribe(document, variables, ...rest) {
      if (rest.length > 0 && rest[0] !== undefined) {
        throw new TypeError(`subscribe takes (document, variables?), got a third argument, ${describe(rest[0])}; a timeout goes to each wait: sub.expect(matcher, { timeout })`)
      }
      const id = start('subscribe', document, variables)
      const name = operationLabel(document, undefined, 'subscription')
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

    close(...args) {
      if (args.length > 0 && args[0] !== undefined) {
        throw new TypeError(`close() takes no arguments: it closes the connection with 1000, got ${describe(args[0])}; to close with a code, call client.conn.close(code, reason)`)
      }
      if (legacy && !conn.closed) conn.send({ type: 'connection_terminate' })
      return conn.close(1000)
    },
  }
}

// ---- the server side: graphql.serve, a mock GraphQL server for wsrun serve and tests ---------
//
// A small executor without a schema: a document is parsed (operations, fields with aliases and
// arguments, variables, fragments, @skip/@include), each root field is answered by its resolver
// in options.resolvers.Query / Mutation / Subscription, and the value is cut to the selection
// (a function found on the way is called with the field's arguments). Types are not checked.

function lineColumn(source, at) {
  const before = source.slice(0, at).split(/\r\n|\n|\r/)
  return { line: before.length, column: before[before.length - 1].length + 1 }
}

const rootTypes = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' }

// prepare parses and checks an operation: { op, doc, table, typeName }, or { errors } (a syntax
// error, an unknown operation, a root field with no resolver).
function prepare(resolvers, payload) {
  const source = payload?.query
  if (typeof source !== 'string') return { errors: [{ message: 'The operation has no query string.' }] }
  let doc
  try {
    doc = parseDocument(source)
  } catch (e) {
    if (e instanceof GraphQLSyntaxError) return { errors: [{ message: e.message }] }
    throw e
  }
  const wanted = payload.operationName
  const op = wanted ? doc.operations.find((o) => o.name === wanted) : doc.operations.length === 1 ? doc.operations[0] : undefined
  if (!op) return { errors: [{ message: wanted ? `Unknown operation named "${wanted}".` : 'Must provide operation name if query contains multiple operations.' }] }
  const typeName = rootTypes[op.kind]
  const table = resolvers[typeName] ?? {}
  const errors = []
  const check = (sels) => {
    for (const s of sels) {
      if (s.spread) check(doc.fragments[s.spread] ?? [])
      else if (s.inline) check(s.selections)
      else if (s.field !== '__typename' && typeof table[s.field] !== 'function') {
        errors.push({ message: `Cannot query field "${s.field}" on type "${typeName}".`, locations: [lineColumn(source, s.at)] })
      }
    }
  }
  check(op.selections)
  if (errors.length) return { errors }
  return { op, doc, table, typeName }
}

// execution resolves fields against values; errors collects resolver failures with their path.
function execution(doc, op, variables) {
  const vars = { ...variables }
  const valueOf = (v) => {
    if ('variable' in v) return vars[v.variable] ?? null
    if ('list' in v) return v.list.map(valueOf)
    if ('object' in v) return Object.fromEntries(Object.entries(v.object).map(([k, x]) => [k, valueOf(x)]))
    return v.literal
  }
  for (const [k, v] of Object.entries(op.defaults)) if (vars[k] === undefined) vars[k] = valueOf(v)
  const argsOf = (a) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, valueOf(v)]))
  const included = (s) => {
    for (const d of s.directives ?? []) {
      const on = valueOf(d.args.if ?? { literal: true })
      if ((d.name === 'skip' && on) || (d.name === 'include' && !on)) return false
    }
    return true
  }
  // fields flattens fragments into the list of fields to answer, in order.
  const fields = (sels, out = []) => {
    for (const s of sels) {
      if (!included(s)) continue
      if (s.spread) fields(doc.fragments[s.spread] ?? [], out)
      else if (s.inline) fields(s.selections, out)
      else out.push(s)
    }
    return out
  }
  const errors = []
  // complete cuts value to the field's selection.
  const complete = async (f, value, path, ctx) => {
    if (value === undefined || value === null) return null
    if (Array.isArray(value)) return Promise.all(value.map((v, n) => complete(f, v, [...path, n], ctx)))
    if (!f.selections || typeof value !== 'object') return value
    return selectOn(f.selections, value, path, ctx, undefined)
  }
  const selectOn = async (sels, parent, path, ctx, typeName) => {
    const data = {}
    for (const f of fields(sels)) {
      const at = [...path, f.alias]
      if (f.field === '__typename') {
        data[f.alias] = parent?.__typename ?? typeName ?? null
        continue
      }
      try {
        let v = parent?.[f.field]
        if (typeof v === 'function') v = await v.call(parent, argsOf(f.args), ctx)
        data[f.alias] = await complete(f, await v, at, ctx)
      } catch (e) {
        data[f.alias] = null
        errors.push({ message: e?.message ?? String(e), path: at })
      }
    }
    return data
  }
  return { fields: (sels) => fields(sels), argsOf, complete, selectOn, errors }
}

// The bundler gives async generators Symbol.for('Symbol.asyncIterator') where the engine has no
// Symbol.asyncIterator.
const asyncIterator = Symbol.asyncIterator ?? Symbol.for('Symbol.asyncIterator')

// iterator returns source's (async) iterator, or undefined when it is not iterable.
function iterator(source) {
  if (source === null || typeof source !== 'object') return undefined
  if (typeof source[asyncIterator] === 'function') return source[asyncIterator]()
  if (typeof source[Symbol.iterator] === 'function') return source[Symbol.iterator]()
  return typeof source.next === 'function' ? source : undefined
}

const serveOptions = { resolvers: 'object', onConnect: 'function', port: 'count', host: 'string', path: 'string', name: 'string' }

async function serve(opts) {
  if (opts === undefined) throw new TypeError('graphql.serve: options must be an object with resolvers, got undefined')
  opts = options('graphql.serve', opts, serveOptions)
  if (!opts.resolvers) throw new TypeError('graphql.serve: option resolvers is required: { Query: { field: (args, ctx) => value }, Mutation, Subscription }')
  const resolvers = opts.resolvers
  for (const [k, v] of Object.entries(resolvers)) {
    if (!['Query', 'Mutation', 'Subscription'].includes(k)) {
      const c = closest(k, ['Query', 'Mutation', 'Subscription'])
      throw new TypeError(`graphql.serve: resolvers has ${JSON.stringify(k)}, not a root type` + (c ? `; did you mean ${JSON.stringify(c)}?` : '; it takes Query, Mutation and Subscription'))
    }
    need('graphql.serve', `resolvers.${k}`, v, 'object')
  }
  const wsOpts = { protocols: [TRANSPORT, LEGACY], parse: 'text', path: opts.path ?? '/graphql' }
  for (const k of ['port', 'host', 'name']) if (opts[k] !== undefined) wsOpts[k] = opts[k]
  return wsServe(wsOpts, (conn, req) => serveConnection(conn, req, resolvers, opts.onConnect))
}

function serveConnection(conn, req, resolvers, onConnect) {
  const legacy = conn.protocol === LEGACY
  if (!legacy && conn.protocol !== TRANSPORT) return conn.close(4406, 'Subprotocol not acceptable')
  const ops = new Map() // id -> { stopped }
  let state = 'new' // 'new' → 'initialising' → 'ready'
  let ctx
  const close = (code, reason) => { if (!conn.closed) conn.close(code, reason) }
  const send = (frame) => { if (!conn.closed) conn.send(frame) }
  const fail = (id, errors) => legacy ? send({ id, type: 'data', payload: { errors } }) : send({ id, type: 'error', payload: errors })
  const done = (id) => {
    if (!ops.has(id)) return
    ops.delete(id)
    send({ id, type: 'complete' })
  }

  const run = async (id, payload) => {
    const op = { stopped: false }
    ops.set(id, op)
    const p = prepare(resolvers, payload)
    if (p.errors) {
      ops.delete(id)
      fail(id, p.errors)
      if (legacy) send({ id, type: 'complete' })
      return
    }
    const ex = execution(p.doc, p.op, payload.variables ?? {})
    const next = (data) => {
      const result = { data }
      if (ex.errors.length) result.errors = ex.errors.splice(0)
      if (!op.stopped) send({ id, type: legacy ? 'data' : 'next', payload: result })
    }
    if (p.op.kind !== 'subscription') {
      next(await ex.selectOn(p.op.selections, p.table, [], ctx, p.typeName))
      return done(id)
    }
    const [f] = ex.fields(p.op.selections)
    let it
    try {
      const source = await p.table[f.field](ex.argsOf(f.args), ctx)
      it = iterator(source)
      if (!it) {
        throw new Error(`the Subscription.${f.field} resolver must return an async iterable (an async generator) or an iterable, got ${describe(source)}`)
      }
    } catch (e) {
      ops.delete(id)
      fail(id, [{ message: e?.message ?? String(e), path: [f.alias] }])
      if (legacy) send({ id, type: 'complete' })
      return
    }
    try {
      for (;;) {
        const { value, done: end } = await it.next()
        if (end || op.stopped) break
        next({ [f.alias]: await ex.complete(f, value, [f.alias], ctx) })
      }
    } catch (e) {
      if (!op.stopped) {
        ops.delete(id)
        return legacy ? send({ id, type: 'error', payload: { message: e?.message ?? String(e) } })
          : send({ id, type: 'error', payload: [{ message: e?.message ?? String(e), path: [f.alias] }] })
      }
    }
    if (op.stopped) {
      // stopped by the client or a close: let the generator run its finally blocks
      Promise.resolve(it.return?.()).catch(() => {})
    } else done(id)
  }

  const stop = (id) => {
    const op = ops.get(id)
    if (!op) return
    op.stopped = true // the stream ends at its next value
    ops.delete(id)
  }

  conn.on('close', () => { for (const id of [...ops.keys()]) stop(id) })
  conn.on('message', async (data) => {
    let msg
    try {
      msg = decode(data)
    } catch (e) {
      return close(4400, `Invalid message received: ${e.message}`.slice(0, 120))
    }
    switch (msg.type) {
      case 'connection_init': {
        if (state !== 'new') return legacy ? undefined : close(4429, 'Too many initialisation requests')
        state = 'initialising'
        ctx = { connectionParams: msg.payload ?? {}, req }
        let ok = true
        try {
          ok = onConnect ? await onConnect(ctx.connectionParams, req) : true
        } catch (e) {
          ok = false
        }
        if (ok === false) {
          if (!legacy) return close(4403, 'Forbidden')
          send({ type: 'connection_error', payload: { message: 'Prohibited connection!' } })
          return setTimeout(() => close(1011), 10)
        }
        state = 'ready'
        return send({ type: 'connection_ack' })
      }
      case 'ping':
        if (!legacy) return send({ type: 'pong' })
        break
      case 'pong':
        if (!legacy) return
        break
      case (legacy ? 'start' : 'subscribe'): {
        if (state !== 'ready') return close(4401, 'Unauthorized')
        if (typeof msg.id !== 'string' || msg.id === '') return close(4400, 'Invalid message received: the operation has no id')
        if (ops.has(msg.id)) return close(4409, `Subscriber for ${msg.id} already exists`)
        return run(msg.id, msg.payload).catch((e) => {
          // a bug of the mock's own (a resolver's errors are caught where they happen)
          ops.delete(msg.id)
          fail(msg.id, [{ message: `graphql.serve: ${e?.message ?? String(e)}` }])
        })
      }
      case (legacy ? 'stop' : 'complete'):
        return stop(msg.id)
      case 'connection_terminate':
        if (legacy) return close(1000)
        break
    }
    close(4400, `Invalid message received: unknown type ${JSON.stringify(msg.type)}`.slice(0, 120))
  })
}

export const graphql = { connect, over, serve }
export default graphql
