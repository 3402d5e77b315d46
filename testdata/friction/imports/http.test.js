// a comment first
import http from 'http';
test('x', () => {});
