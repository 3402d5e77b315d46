// A JSON-RPC 2.0 wallet service: balance and transfer calls, balanceChanged notifications, and
// a confirm request the server sends the client before a large transfer. The server is
// scripted here with ws.serve and jsonrpc.over on its side of each connection, so this suite
// runs anywhere; point WALLET_URL at a real server to test that one instead.
import { jsonrpc, RpcError } from 'wsrun/jsonrpc'

let server
let url = process.env.WALLET_URL

beforeAll(async () => {
  if (url) return
  server = await ws.serve({ path: '/rpc' }, (conn) => {
    const rpc = jsonrpc.over(conn, { name: 'wallet' })
    let balance = 100
    rpc.on('balance', () => balance)
    rpc.on('transfer', async ({ to, amount } = {}) => {
      if (typeof to !== 'string' || !(amount > 0)) {
        throw new RpcError({ code: -32602, message: 'Invalid params', data: 'transfer takes { to, amount > 0 }' })
      }
      if (amount > balance) throw new RpcError({ code: 1001, message: 'Insufficient funds', data: { balance } })
      if (amount >= 50 && !(await rpc.call('confirm', { to, amount })).ok) {
        throw new RpcError({ code: 1002, message: 'Declined by the user' })
      }
      balance -= amount
      rpc.notify('balanceChanged', { balance })
      return { id: `tx-${to}-${amount}`, balance }
    })
  })
  url = server.url
})

afterAll(() => server && server.close())

test('a call resolves with its result', async () => {
  const wallet = await jsonrpc.connect(url)
  expect(await wallet.call('balance')).toBe(100)
})

test('a transfer sends a balanceChanged notification', async () => {
  const wallet = await jsonrpc.connect(url)
  expect(await wallet.call('transfer', { to: 'bob', amount: 30 })).toEqual({ id: 'tx-bob-30', balance: 70 })
  expect(await wallet.expectNotification('balanceChanged', { balance: 70 })).toEqual({ balance: 70 })
})

test('errors reject with an RpcError: code, message and data', async () => {
  const wallet = await jsonrpc.connect(url)
  await expect(wallet.call('transfer', { to: 'bob', amount: 500 })).rejects.toMatchObject({
    name: 'RpcError', code: 1001, data: { balance: 100 },
  })
  await expect(wallet.call('transfer', { amount: -1 })).rejects.toThrow('-32602 Invalid params')
  await expect(wallet.call('mint', [1000])).rejects.toMatchObject({ code: -32601 })
})

test('the server asks before a large transfer; an on handler answers', async () => {
  const wallet = await jsonrpc.connect(url)
  const asked = []
  wallet.on('confirm', (params) => {
    asked.push(params)
    return { ok: params.to === 'carol' }
  })
  await expect(wallet.call('transfer', { to: 'mallory', amount: 50 })).rejects.toMatchObject({ code: 1002 })
  expect(await wallet.call('transfer', { to: 'carol', amount: 60 })).toMatchObject({ balance: 40 })
  expect(asked).toEqual([{ to: 'mallory', amount: 50 }, { to: 'carol', amount: 60 }])
})

test('a batch is one frame; each entry gets its result or its RpcError', async () => {
  const wallet = await jsonrpc.connect(url)
  const [balance, tx, refused] = await wallet.batch([
    ['balance'],
    ['transfer', { to: 'dave', amount: 10 }],
    ['transfer', { to: 'erin', amount: 1000 }],
  ])
  expect(balance).toBe(100)
  expect(tx).toMatchObject({ balance: 90 })
  expect(refused).toBeInstanceOf(RpcError)
  expect(refused.code).toBe(1001)
})
