// A shop's GraphQL API over WebSocket (graphql-transport-ws, as Apollo and urql clients speak
// it), tested with wsrun/graphql. The server is mocked here with ws.serve, answering canned
// results frame by frame, so the suite runs anywhere; point SHOP_GRAPHQL_URL (and
// SHOP_GRAPHQL_TOKEN) at a real server to test that one instead.
import { graphql, type Client } from 'wsrun/graphql';
import type { Connection, Server } from 'wsrun/ws';

let server: Server | undefined;
let url = process.env.SHOP_GRAPHQL_URL;
const token = process.env.SHOP_GRAPHQL_TOKEN ?? 'demo-token';

interface Frame {
  type: string;
  id?: string;
  payload?: any;
}

// mock answers one subscribe frame: a result by the document's first field, or a validation
// error, as a GraphQL server would.
function mock(conn: Connection, { id, payload }: Frame, timers: Map<string, ReturnType<typeof setInterval>>) {
  const query: string = payload.query;
  const next = (data: unknown) => conn.send({ id, type: 'next', payload: { data } });
  const complete = () => conn.send({ id, type: 'complete' });
  if (query.includes('product(')) {
    next({ product: { id: payload.variables.id, name: 'Teapot', price: 42 } });
    return complete();
  }
  if (query.includes('addToCart')) {
    next({ addToCart: { items: payload.variables.qty } });
    return complete();
  }
  if (query.includes('priceChanged')) {
    let price = 42;
    const timer = setInterval(() => {
      next({ priceChanged: { price: --price } });
      if (price === 40) {
        clearInterval(timer);
        timers.delete(id!);
        complete();
      }
    }, 20);
    timers.set(id!, timer);
    return;
  }
  conn.send({ id, type: 'error', payload: [{ message: `Cannot query field in "${query}"` }] });
}

beforeAll(async () => {
  if (url) return;
  server = await ws.serve({ path: '/graphql', protocols: ['graphql-transport-ws'] }, (conn) => {
    const timers = new Map<string, ReturnType<typeof setInterval>>();
    conn.on('close', () => timers.forEach((t) => clearInterval(t)));
    conn.on('message', (frame: Frame) => {
      switch (frame.type) {
        case 'connection_init':
          if (frame.payload?.token !== token) return void conn.close(4403, 'Forbidden');
          return conn.send({ type: 'connection_ack' });
        case 'ping':
          return conn.send({ type: 'pong' });
        case 'subscribe':
          return mock(conn, frame, timers);
        case 'complete': // the client unsubscribed
          clearInterval(timers.get(frame.id!));
          timers.delete(frame.id!);
      }
    });
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
  const result = await client.query('mutation AddToCart($qty: Int!) { addToCart(product: "p1", qty: $qty) { items } }', { qty: 2 });
  expect(result).toEqual({ data: { addToCart: { items: 2 } } });
});

test('a field the schema lacks resolves with errors', async () => {
  const { data, errors } = await client.query('{ discount }');
  expect(data).toBeUndefined();
  expect(errors).toMatchObject([{ message: expect.stringContaining('Cannot query field') }]);
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
