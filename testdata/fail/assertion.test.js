describe('orders', () => {
  test('total is computed', () => {
    const order = { id: 7, items: ['tea', 'cake'], total: 12 };
    expect(order).toEqual({ id: 7, items: ['tea', 'scone'], total: 12 });
  });
});
