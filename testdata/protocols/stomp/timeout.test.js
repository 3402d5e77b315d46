// Fails on purpose: protocol_stomp_test.go compares its output with golden/timeout.golden.
import { stomp } from 'wsrun/stomp'

const url = process.env.WSRUN_STOMP_URL
const login = process.env.WSRUN_STOMP_LOGIN || 'guest'
const passcode = process.env.WSRUN_STOMP_PASSCODE || 'guest'

test('waits for an order that never comes', async () => {
  const client = await stomp.connect(url, { login, passcode, name: 'shop' })
  const q = `/queue/wsrun-timeout-${Math.random().toString(36).slice(2, 10)}`
  const sub = await client.subscribe(q)
  await client.send(q, { kind: 'order', id: 1 })
  await client.send(q, 'plain text')
  await sub.expect({ kind: 'order', id: 2 }, { timeout: 300 })
})
