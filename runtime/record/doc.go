// Package record is `wsrun record`: a WebSocket proxy that relays client connections to a
// server and records them, and the generator that turns a recording into a wsrun test file.
//
// It sits under runtime/ rather than in transport because it needs runtime/redact; it uses
// transport for both sides of each connection and never touches goja.
//
// # What the proxy does
//
//   - A client's path and query are appended to the target URL's path: with --target
//     ws://host/api, a client of /chat?room=1 reaches ws://host/api/chat?room=1.
//   - The server connection is dialed during the client's upgrade, with the client's
//     subprotocols and its end-to-end headers (Authorization, Cookie, Origin, User-Agent, …;
//     hop-by-hop and Sec-WebSocket-* ones are the handshake's own). A refusal reaches the
//     client with the server's status and body; the subprotocol the server chose is the
//     client's. permessage-deflate is negotiated on each side separately (offered to the
//     server when the client offered it), since messages are relayed, not frames.
//   - Messages pass both ways unchanged, text and binary. Pings are passed on; each side's
//     pings are answered by the proxy, and the other side's pong answers the relayed ping. The
//     first close, with its code and reason, is passed on; a side that vanishes without a close
//     frame makes the proxy drop the other.
//
// # Goroutines
//
// Each relayed connection is two transport.Conns, each with its reader and writer goroutine
// (see transport); a relay runs on the reader of the side it reads and sends to the other
// side, which never blocks. The recorder's mutex orders events across all connections in the
// order the proxy saw them, which is the order the generated test replays them in.
//
// # Usage
//
//	p, err := record.Start(record.Options{Target: "ws://127.0.0.1:9000", Listen: "127.0.0.1:8081"})
//	// … clients connect to p.URL() …
//	p.Close()
//	src := record.Generate(p.Recording(), record.GenerateOptions{Redactor: red})
package record
