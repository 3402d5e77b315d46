// Package stomp is the "wsrun/stomp" module: a STOMP 1.2 client (1.1 and 1.0 brokers too) over a
// wsrun Connection, written in JavaScript (stomp.js) on the public Connection API and the
// hidden wsrun/internal module. It encodes and decodes frames (header escaping, content-length,
// several frames per WebSocket message, EOL heart-beats), connects with CONNECT/CONNECTED,
// subscribes with the three ack modes, sends with optional receipts, acks and nacks messages,
// sends and checks heart-beats, and disconnects with a receipt. Every wait goes through an
// inbox, so it has Connection.expect's matchers, timeouts and failure output; receipts are
// timed under their destination for the latency table (DISCONNECT under "DISCONNECT").
package stomp
