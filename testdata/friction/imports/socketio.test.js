import { io } from 'socket.io-client';
test('x', () => {});
