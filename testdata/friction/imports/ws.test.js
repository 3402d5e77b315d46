const WebSocket = require('ws');
test('x', () => {});
