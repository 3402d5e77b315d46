// A helper that throws: the failure must point at this file, at the throw's line.
type Price = number;

export function parsePrice(text: string): Price {
  const cleaned: string = text.trim();
  if (!/^\d+$/.test(cleaned)) {
    throw new TypeError(`not a price: ${cleaned}`);
  }
  return Number(cleaned);
}
