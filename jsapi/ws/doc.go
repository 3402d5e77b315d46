// Package ws is the "wsrun/ws" module: ws.connect opens a client connection, ws.serve starts a
// scripted server, and both hand the script Connection objects with send, expect*, on and
// close. The sockets themselves are package transport's; this package turns their callbacks
// into tasks on the event loop.
//
// Goroutines: every method here runs on the loop goroutine, except the transport callbacks
// (the inbound half of conn), which run on a connection's reader goroutine and only queue
// events for the loop, and a server's accept, verifyRequest and serveHTTP, which run on HTTP
// handler goroutines, post tasks and wait for their answers. The tasks those goroutines hand
// the loop check that they run on it (Loop.MustOwn, in race builds). Messages reach the loop
// in batches: the reader appends to the connection's queue and, once gorilla has nothing more
// buffered (OnReadWait), hands the batch over in one drain task, which it runs itself when the
// loop is idle. It waits when the loop falls far behind, so a flood of frames pushes back on
// the socket instead of growing memory.
//
// Ordering: a connection starts reading only after the task that resolved its ws.connect
// promise (or ran its onConnection callback) is done, microtasks included, so handlers that a
// script registers right after `await ws.connect(…)` see every message.
package ws
