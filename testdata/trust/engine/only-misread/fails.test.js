test('must run and fail', () => { expect(1).toBe(2); });
