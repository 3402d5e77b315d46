// The STOMP scenarios of issue 11 against RabbitMQ's web-stomp plugin, with wsrun/stomp.
// raw.test.js is the first test written with raw frames, as before the module.
import { stomp } from 'wsrun/stomp'

const url = process.env.WSRUN_STOMP_URL
const login = process.env.WSRUN_STOMP_LOGIN || 'guest'
const passcode = process.env.WSRUN_STOMP_PASSCODE || 'guest'
// A fresh queue per run: RabbitMQ keeps what an earlier run left in a queue.
const queue = (what) => `/queue/wsrun-${what}-${Math.random().toString(36).slice(2, 10)}`

test('a wrong passcode is refused with the ERROR frame\'s message', async () => {
  await expect(stomp.connect(url, { login, passcode: 'wrong', name: 'mallory' }))
    .rejects.toThrow(/^mallory: stomp\.connect ws:.*: the broker refused: Bad CONNECT: Access refused for user 'guest'/)
})

test('subscribe, send and expect', async () => {
  const client = await stomp.connect(url, { login, passcode, host: '/', name: 'alice' })
  expect(client.version).toBe('1.2')
  const q = queue('orders')
  const sub = await client.subscribe(q)
  await client.send(q, 'first')
  await client.send(q, 'second', { priority: 5 })
  const second = await sub.expect('second')
  expect(second.body).toBe('second')
  expect(second.headers).toMatchObject({ destination: q, priority: '5' })
  const first = await sub.expect(/^fir/)
  expect(first.json).toBeUndefined()
  await sub.expectNone(undefined, { within: 200 })
  await client.disconnect()
})

test('JSON bodies are sent with content-type and matched as objects', async () => {
  const client = await stomp.connect(url, { login, passcode })
  const q = queue('json')
  const sub = await client.subscribe(q)
  await client.send(q, { kind: 'order', id: 7, items: ['tea'] })
  await client.send(q, { kind: 'order', id: 8, items: ['cake', 'ünïcode ☕'] })
  const m = await sub.expect({ id: 8 })
  expect(m.json).toEqual({ kind: 'order', id: 8, items: ['cake', 'ünïcode ☕'] })
  expect(m.headers['content-type']).toBe('application/json')
  expect(await sub.expect(expect.objectContaining({ id: 7 }))).toMatchObject({ json: { items: ['tea'] } })
  await client.disconnect()
})

test('a /topic message sent by another client right after subscribe resolves arrives', async () => {
  // RabbitMQ drops a /topic message no subscription is bound to yet: subscribe waits for the
  // broker's RECEIPT so that this common test shape is not a race.
  const producer = await stomp.connect(url, { login, passcode, name: 'producer' })
  const consumer = await stomp.connect(url, { login, passcode, name: 'consumer' })
  const topic = `/topic/wsrun-news-${Math.random().toString(36).slice(2, 10)}`
  const sub = await consumer.subscribe(topic)
  await producer.send(topic, { headline: 'hello' })
  await sub.expect({ headline: 'hello' })
  await producer.disconnect()
  await consumer.disconnect()
})

test('a send with a receipt resolves once the broker has it', async () => {
  const client = await stomp.connect(url, { login, passcode })
  const q = queue('receipt')
  await client.send(q, 'kept', { receipt: true })
  // The message is in the queue before anyone subscribed: the receipt proved the broker took it.
  const sub = await client.subscribe(q)
  await sub.expect('kept')
  await client.disconnect()
})

test('ack and nack with client-individual: a nacked message comes back redelivered', async () => {
  const producer = await stomp.connect(url, { login, passcode, name: 'producer' })
  const consumer = await stomp.connect(url, { login, passcode, name: 'consumer' })
  const q = queue('acks')
  const sub = await consumer.subscribe(q, { ack: 'client-individual' })
  await producer.send(q, { n: 1 }, { receipt: true })
  await producer.send(q, { n: 2 }, { receipt: true })
  const one = await sub.expect({ n: 1 })
  const two = await sub.expect({ n: 2 })
  expect(one.headers.redelivered).toBe('false')
  await one.ack({ receipt: true })
  await expect(one.ack()).rejects.toThrow('consumer: message.ack(): the message was already acked')
  await two.nack()
  const again = await sub.expect({ n: 2 })
  expect(again.headers.redelivered).toBe('true')
  await again.ack()
  await sub.expectNone({ n: 1 }, { within: 300 })
  await producer.disconnect()
  await consumer.disconnect()
})

test('ack() on an auto subscription says why it cannot', async () => {
  const client = await stomp.connect(url, { login, passcode })
  const q = queue('auto')
  const sub = await client.subscribe(q)
  await client.send(q, 'x')
  const m = await sub.expect('x')
  await expect(m.ack()).rejects.toThrow(/has ack: 'auto'/)
  await client.disconnect()
})

test('unsubscribe stops the deliveries', async () => {
  const client = await stomp.connect(url, { login, passcode })
  const q = queue('unsub')
  const sub = await client.subscribe(q)
  await sub.unsubscribe()
  await client.send(q, 'after', { receipt: true })
  await expect(sub.expect('after', { timeout: 300 })).rejects.toThrow(/unsubscribed/)
  await client.disconnect()
})

test('heart-beats are negotiated and sent', async () => {
  const client = await stomp.connect(url, { login, passcode, heartbeat: [200, 200] })
  // RabbitMQ beats at 1000ms at the fastest (heart-beat:1000,1000); each side then sends at
  // the slower of the two wishes.
  expect(client.heartbeat).toEqual([1000, 1000])
  await sleep(2500) // past the 2000ms a silent broker gets; RabbitMQ keeps beating
  await client.send('/queue/wsrun-unused', 'ping', { receipt: true })
  await client.disconnect()
})

test('disconnect waits for the receipt, then closes the socket', async () => {
  const client = await stomp.connect(url, { login, passcode })
  await client.disconnect()
  expect(client.conn.closed).toBe(true)
  await expect(client.send('/queue/x', 'late')).rejects.toThrow(/the client disconnected/)
})
