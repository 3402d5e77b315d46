// An error thrown in a TypeScript helper is reported at the helper's line, in the .ts file.
import { parsePrice } from '../lib/parse';

interface Order {
  id: number;
  price: string;
}

const order: Order = { id: 7, price: '12x' };

test('a price that does not parse', () => {
  const total: number = parsePrice(order.price);
  expect(total).toBe(12);
});
