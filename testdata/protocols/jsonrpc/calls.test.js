// wsrun/jsonrpc against the real server: everything here passes. Each test states one promise
// of the module; the Go test checks they all ran and passed.
import { jsonrpc, RpcError } from 'wsrun/jsonrpc'

const url = process.env.JSONRPC_URL
let client

beforeEach(async () => {
  client = await jsonrpc.connect(url, { name: 'rpc' })
})

test('a call resolves with its result, by position or by name', async () => {
  expect(await client.call('add', [2, 3])).toBe(5)
  expect(await client.call('add', { a: 1.5, b: 2 })).toBe(3.5)
  expect(await client.call('echo', { nested: [1, { deep: true }] })).toEqual({ nested: [1, { deep: true }] })
  expect(await client.call('echo')).toBeNull()
})

test('concurrent calls get their own replies, whatever the order they come in', async () => {
  const results = await Promise.all([
    client.call('sleep', [60, 'first sent']),
    client.call('sleep', [30, 'second sent']),
    client.call('sleep', [0, 'third sent']),
  ])
  expect(results).toEqual(['first sent', 'second sent', 'third sent'])
})

test('an unknown method rejects with an RpcError a newcomer can read', async () => {
  const err = await client.call('nope', [1]).catch((e) => e)
  expect(err).toBeInstanceOf(RpcError)
  expect(err).toBeInstanceOf(Error)
  expect(err.name).toBe('RpcError')
  expect(err.code).toBe(-32601)
  expect(err.message).toBe('-32601 Method not found (calling "nope")')
  expect(err.error).toEqual({ code: -32601, message: 'Method not found' })
  expect(err.method).toBe('nope')
  expect(err.params).toEqual([1])
  expect(String(err)).toBe('RpcError: -32601 Method not found (calling "nope")')
})

test('invalid params reject with -32602 and the server\'s data', async () => {
  await expect(client.call('add', [1, 'two'])).rejects.toMatchObject({
    code: -32602,
    error: { message: 'Invalid params' },
    data: expect.stringContaining('two numbers'),
  })
})

test('an application error carries its code and data', async () => {
  await expect(client.call('withdraw', { amount: 10 })).rejects.toThrow(
    '-32000 Insufficient funds (calling "withdraw"); data: {"balance": 5, "requested": 10}')
  await expect(client.call('withdraw', { amount: 10 })).rejects.toMatchObject({ code: -32000, data: { balance: 5 } })
})

test('a batch is one frame; its results come back in the entries\' order, errors as RpcErrors', async () => {
  const results = await client.batch([
    ['sleep', [50, 'slow']],
    ['add', [1, 2]],
    ['nope'],
    ['audit', { step: 1 }, { notify: true }],
    ['withdraw', { amount: 7 }],
    ['sleep', [0, 'fast']],
  ])
  expect(results).toHaveLength(6)
  expect(results[0]).toBe('slow')
  expect(results[1]).toBe(3)
  expect(results[2]).toBeInstanceOf(RpcError)
  expect(results[2].code).toBe(-32601)
  expect(results[3]).toBeUndefined()
  expect(results[4]).toMatchObject({ name: 'RpcError', code: -32000, data: { requested: 7 } })
  expect(results[5]).toBe('fast')
  // One frame went out, and the server answered in its own order (the fast ones first).
  const batches = client.conn.sent.filter((m) => Array.isArray(m.data))
  expect(batches).toHaveLength(1)
  const reply = client.conn.messages.find((m) => Array.isArray(m.data))
  expect(reply.data.map((r) => r.id)).not.toEqual(batches[0].data.filter((r) => 'id' in r).map((r) => r.id))
  expect(await client.call('notifications')).toEqual([{ method: 'audit', params: { step: 1 } }])
})

test('a batch of notifications only resolves at once, with no reply to wait for', async () => {
  expect(await client.batch([['audit', [1], { notify: true }], ['audit', [2], { notify: true }]])).toEqual([undefined, undefined])
  expect(await client.call('notifications')).toEqual([{ method: 'audit', params: [1] }, { method: 'audit', params: [2] }])
})

test('notify sends a notification the server sees and does not answer', async () => {
  client.notify('log', { line: 'hello' })
  client.notify('ping')
  expect(await client.call('notifications')).toEqual([
    { method: 'log', params: { line: 'hello' } },
    { method: 'ping', params: null },
  ])
  expect(client.conn.messages).toHaveLength(1) // only the reply to notifications
})

test('server notifications: expectNotification with a matcher, and on handlers', async () => {
  const seen = []
  const off = client.on('tick', (params) => seen.push(params.n))
  const { subscription } = await client.call('subscribe', { topic: 'prices', count: 3, interval: 10 })
  const third = await client.expectNotification('tick', { subscription, n: 3 })
  expect(third).toEqual({ subscription, topic: 'prices', n: 3 })
  // expectNotification consumed n = 3 only; the earlier ones are still there, in order.
  expect(await client.expectNotification('tick')).toMatchObject({ n: 1 })
  expect(await client.expectNotification('tick', (p) => p.n === 2)).toMatchObject({ n: 2 })
  expect(seen).toEqual([1, 2, 3])
  off()
  await client.call('subscribe', { topic: 'more', count: 1, interval: 1 })
  await client.expectNotification('tick', { topic: 'more' })
  expect(seen).toEqual([1, 2, 3])
  await client.expectNotification('tick', { topic: 'none' }, { timeout: 50 }).then(
    () => { throw new Error('resolved') },
    (err) => expect(err.message).toContain('tick({"topic": "none"})'))
})

test('a server request is answered by the on handler\'s return value', async () => {
  client.on('confirm', (params) => ({ ok: true, seen: params }))
  expect(await client.call('ask', { method: 'confirm', params: { order: 7 } })).toEqual({
    result: { ok: true, seen: { order: 7 } },
  })
})

test('an async on handler answers when it resolves; a thrown RpcError is the error answer', async () => {
  client.on('slowConfirm', async () => {
    await sleep(20)
    return 'later'
  })
  client.on('refuse', () => {
    throw new RpcError({ code: 4001, message: 'User rejected', data: { why: 'test' } })
  })
  expect(await client.call('ask', { method: 'slowConfirm' })).toEqual({ result: 'later' })
  expect(await client.call('ask', { method: 'refuse' })).toEqual({
    error: { code: 4001, message: 'User rejected', data: { why: 'test' } },
  })
})

test('a server request inside a batch is answered with a batch', async () => {
  client.on('confirm', (params) => params.order * 2)
  expect(await client.call('ask', { method: 'confirm', params: { order: 21 }, batch: true })).toEqual({ result: 42 })
  expect(client.conn.sent.at(-1).data).toEqual([{ jsonrpc: '2.0', id: 'srv-1', result: 42 }])
})

test('a server request with no on handler is answered -32601 Method not found', async () => {
  expect(await client.call('ask', { method: 'unhandled', params: [1] })).toEqual({
    error: { code: -32601, message: 'Method not found' },
  })
})

test('a handler that returns nothing answers null', async () => {
  client.on('fyi', () => {})
  expect(await client.call('ask', { method: 'fyi' })).toEqual({ result: null })
})

test('a reply that comes after its call timed out is late, not a broken frame', async () => {
  const err = await client.call('sleep', [150, 'late'], { timeout: 30 }).catch((e) => e)
  expect(err.message).toContain('rpc: call timed out after 30ms waiting for the reply to sleep([150, "late"]) (id 1)')
  await sleep(250) // the reply arrives meanwhile
  expect(await client.call('add', [1, 2])).toBe(3)
})

test('calls on a closed client fail, and a close fails the calls still waiting', async () => {
  const waiting = client.call('sleep', [2000, 'never'])
  await sleep(20)
  await client.conn.close()
  await expect(waiting).rejects.toThrow(/rpc: call failed: the connection closed/)
  expect(() => client.call('add', [1, 2])).toThrow()
})

test('over() speaks JSON-RPC over an open Connection', async () => {
  const conn = await ws.connect(url, { name: 'plain' })
  const over = jsonrpc.over(conn)
  expect(over.conn).toBe(conn)
  expect(await over.call('add', [20, 22])).toBe(42)
  await over.close()
})

test('bad arguments throw a TypeError that says what to write', async () => {
  expect(() => client.call(42)).toThrow('call: method must be a non-empty string, got the number 42')
  expect(() => client.call('add', 5)).toThrow('call: params must be an array or an object (JSON-RPC 2.0 has no other), got the number 5')
  expect(() => client.batch([])).toThrow(/batch: takes a non-empty array/)
  expect(() => client.batch([['add', [1, 2], { notfy: true }]])).toThrow('batch: entry 0: unknown option "notfy"; did you mean "notify"?')
  expect(() => client.call('add', [1, 2], { timout: 5 })).toThrow('call: unknown option "timout"; did you mean "timeout"?')
  expect(() => client.batch([['add', [1, 2]]], { timeout: '5s' })).toThrow('batch: option timeout must be a number of ms (0 or more), got the string "5s"')
  expect(client.conn.sent).toHaveLength(0) // nothing went out for a call that threw
  expect(() => client.on('tick', 'nope')).toThrow('on: handler must be a function, got the string "nope"')
  expect(() => client.notify('', [])).toThrow('notify: method must be a non-empty string, got the string ""')
  expect(() => jsonrpc.over({ send() {}, on() {} })).toThrow('jsonrpc.over: conn must be a Connection (from ws.connect or ws.serve), got an object')
  expect(() => jsonrpc.over(client.conn, { nmae: 'x' })).toThrow('jsonrpc.over: unknown option "nmae"; did you mean "name"?')
  // connect takes ws.connect's url and options, which ws.connect checks; the errors name the call made
  await expect(jsonrpc.connect(1)).rejects.toThrow('jsonrpc.connect: url must be a string like')
  await expect(jsonrpc.connect(client.conn.url, { timout: 5 })).rejects.toThrow('jsonrpc.connect: unknown option "timout"; did you mean "timeout"?')
})
