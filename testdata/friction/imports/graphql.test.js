import { createClient } from 'graphql-ws';
test('x', () => {});
