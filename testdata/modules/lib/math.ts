// A TypeScript helper: types are stripped, enums and parameter properties compile.
export enum Currency {
  EUR = 'EUR',
  USD = 'USD',
}

export interface Line {
  item: string;
  price: number;
  qty?: number;
}

export class Till {
  constructor(private readonly currency: Currency) {}

  total(lines: readonly Line[]): string {
    const sum = lines.reduce((acc, l) => acc + l.price * (l.qty ?? 1), 0);
    return `${sum.toFixed(2)} ${this.currency}`;
  }
}
