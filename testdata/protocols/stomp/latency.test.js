// Receipts are timed under their destination, DISCONNECT under 'DISCONNECT' (protocol_stomp_test.go
// checks the JSON report's operations). Topics keep nothing between runs when no one subscribes.
import { stomp } from 'wsrun/stomp'

const url = process.env.WSRUN_STOMP_URL
const login = process.env.WSRUN_STOMP_LOGIN || 'guest'
const passcode = process.env.WSRUN_STOMP_PASSCODE || 'guest'

test('receipts are timed', async () => {
  const client = await stomp.connect(url, { login, passcode })
  for (let i = 0; i < 3; i++) await client.send('/topic/wsrun-latency', `n${i}`, { receipt: true })
  await client.send('/topic/wsrun-latency', 'no receipt, nothing to time')
  const sub = await client.subscribe('/topic/wsrun-latency-sub')
  await sub.unsubscribe()
  await client.disconnect()
})
