// A shop's GraphQL API over WebSocket, tested with wsrun/graphql. The API is mocked here with
// graphql.serve (resolvers, no schema), so the suite runs anywhere; point SHOP_GRAPHQL_URL (and
// SHOP_GRAPHQL_TOKEN) at a real server to test that one instead. The same graphql.serve call in
// a file of its own is a mock backend for `wsrun serve`.
import { graphql, type Client } from 'wsrun/graphql';
import type { Server } from 'wsrun/ws';

let server: Server | undefined;
let url = process.env.SHOP_GRAPHQL_URL;
const token = process.env.SHOP_GRAPHQL_TOKEN ?? 'demo-token';

const products = [
  { id: 'p1', name: 'Teapot', price: 42 },
  { id: 'p2', name: 'Kettle', price: 30 },
];

beforeAll(async () => {
  if (url) return;
  server = await graphql.serve({
    onConnect: (params) => params.token === token,
    resolvers: {
      Query: {
        product: ({ id }) => products.find((p) => p.id === id) ?? null,
      },
      Mutation: {
        addToCart: ({ product, qty }) => ({ items: qty, total: qty * products.find((p) => p.id === product)!.price }),
      },
      Subscription: {
        priceChanged: async function* ({ product }) {
          const { price } = products.find((p) => p.id === product)!;
          for (let drop = 1; drop <= 2; drop++) {
            await sleep(20);
            yield { price: price - drop };
          }
        },
      },
    },
  });
  url = server.url;
});

afterAll(() => server?.close());

let client: Client;
beforeEach(async () => {
  client = await graphql.connect(url!, { connectionParams: { token }, name: 'shopper' });
});

test('a product query', async () => {
  const { data } = await client.query('query Product($id: ID!) { product(id: $id) { id name price } }', { id: 'p1' });
  expect(data.product).toEqual({ id: 'p1', name: 'Teapot', price: 42 });
});

test('a mutation', async () => {
  const result = await client.query('mutation AddToCart($qty: Int!) { addToCart(product: "p1", qty: $qty) { items total } }', { qty: 2 });
  expect(result).toEqual({ data: { addToCart: { items: 2, total: 84 } } });
});

test('a field the API lacks resolves with errors', async () => {
  const { data, errors } = await client.query('{ discount }');
  expect(data).toBeUndefined();
  expect(errors).toMatchObject([{ message: 'Cannot query field "discount" on type "Query".' }]);
});

test('price changes stream in, then the subscription completes', async () => {
  const sub = client.subscribe('subscription PriceChanged { priceChanged(product: "p1") { price } }');
  await sub.expect({ data: { priceChanged: { price: 41 } } });
  await sub.expect({ data: { priceChanged: { price: 40 } } });
  await sub.expectComplete();
});

test('a bad token is refused', async () => {
  await expect(graphql.connect(url!, { connectionParams: { token: 'stolen' } })).rejects.toThrow('4403 Forbidden');
});
