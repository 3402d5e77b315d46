// A server that breaks JSON-RPC 2.0 fails the test with a clear message, never silently and
// never after a timeout; so does an on() handler that throws. Every test here but the control
// fails, and the Go test checks how.
import { jsonrpc } from 'wsrun/jsonrpc'

const url = process.env.JSONRPC_URL
let client

beforeEach(async () => {
  client = await jsonrpc.connect(url, { name: 'shaky', timeout: 5000 })
})

test('a reply to an id no call waits for', async () => {
  await client.call('misbehave', ['unknown-id'])
})

test('a frame that is not JSON', async () => {
  await client.call('misbehave', ['not-json'])
})

test('a reply with "jsonrpc": "1.0"', async () => {
  await client.call('misbehave', ['wrong-version'])
})

test('a broken frame fails the test even when no call waits', async () => {
  client.call('misbehave', ['unknown-id']).catch(() => {})
  await sleep(200)
})

test('a frame sent by hand that the server cannot parse fails the test', async () => {
  client.conn.send('{"jsonrpc": "2.0", "method": ')
  await sleep(200)
})

test('an on handler that throws fails the test; the server is answered -32603', async () => {
  client.on('confirm', () => {
    throw new Error('a bug in the handler')
  })
  await client.call('ask', { method: 'confirm' })
})

test('control: a new client on the same server works', async () => {
  expect(await client.call('add', [1, 1])).toBe(2)
})
