// Fails on purpose: a broker that sends something other than STOMP fails the test with what
// came, even when the script catches its waits (protocol_stomp_test.go checks the message).
import { stomp } from 'wsrun/stomp'

test('a frame that is not STOMP', async () => {
  const server = await ws.serve({ protocols: ['v12.stomp'], parse: 'text' }, (conn) => {
    conn.on('message', (text) => {
      if (text.startsWith('CONNECT\n')) conn.send('CONNECTED\nversion:1.2\n\n\0')
      else if (text.startsWith('SUBSCRIBE\n')) conn.send('RECEIPT\nreceipt-id:bob-1\n\n\0HELLO\n\n\0')
    })
  })
  const client = await stomp.connect(server.url, { name: 'bob' })
  const sub = await client.subscribe('/topic/a')
  await sub.expect(undefined, { timeout: 2000 }).catch(() => {})
})
