// A TypeScript test importing a TypeScript helper and a JSON fixture.
import { describe, expect, test } from 'wsrun';
import { Currency, Till, type Line } from '../lib/math';
import prices from '../lib/prices.json';
import { menu } from '../lib/prices.json';

describe('till', () => {
  const till = new Till(Currency.EUR);

  test('adds up lines priced from the JSON fixture', () => {
    const lines: Line[] = [
      { item: 'tea', price: prices.tea, qty: 2 },
      { item: 'cake', price: prices.cake },
    ];
    expect(till.total(lines)).toBe('10.50 EUR');
  });

  test('named imports of JSON fields work too', () => {
    expect(menu).toEqual(['tea', 'cake']);
  });

  test('enums compile to objects', () => {
    expect(Currency.USD).toBe('USD');
  });
});
