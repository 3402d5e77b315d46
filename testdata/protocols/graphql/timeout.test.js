// Fails on purpose: the Go test compares its failure output with timeout.golden.
import { graphql } from 'wsrun/graphql'

const connectionParams = { token: 'secret' }

test('a query that outlives its timeout', async () => {
  const client = await graphql.connect(process.env.GRAPHQL_URL, { connectionParams, name: 'alice' })
  await client.query('query Slow { slow(ms: 3000) }', undefined, { timeout: 300 })
})

test('a payload that never comes before the subscription completes', async () => {
  const client = await graphql.connect(process.env.GRAPHQL_URL, { connectionParams, name: 'bob' })
  const sub = client.subscribe('subscription Count { count(to: 2) }')
  await sub.expect({ data: { count: 5 } }, { timeout: 2000 })
})

test('a payload that does not come in time', async () => {
  const client = await graphql.connect(process.env.GRAPHQL_LEGACY_URL, { connectionParams, name: 'carol' })
  const sub = client.subscribe('subscription Slowly { count(to: 3, every: 1000) }')
  await sub.expect({ data: { count: 3 } }, { timeout: 300 })
})

test('a connection the server refuses', async () => {
  await graphql.connect(process.env.GRAPHQL_URL, { connectionParams: { token: 'wrong' }, name: 'eve' })
})
