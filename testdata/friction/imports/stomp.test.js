import { Client } from '@stomp/stompjs';
test('x', () => {});
