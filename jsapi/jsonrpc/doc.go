// Package jsonrpc embeds wsrun/jsonrpc, the JSON-RPC 2.0 client of SPEC §10, written in
// JavaScript (jsonrpc.js) on top of the public Connection API (wsrun/ws) and the inbox and
// operation clock of wsrun/internal.
//
// A Client numbers its requests, sends them over one Connection and matches each reply, or a
// batch's replies in whatever order they come, to the call that waits for it. Replies and
// server notifications go through one inbox, so calls, batches and expectNotification time
// out, fail when the connection closes and print their failure output as Connection.expect
// does; a timed-out call lists the notifications nobody consumed. Server requests are answered
// from on() handlers, or with -32601 Method not found. A frame that breaks JSON-RPC 2.0 (not
// JSON, a wrong "jsonrpc" version, a reply to an id no call is waiting for) fails the running
// test at once: the error is thrown from the connection's message handler, whether or not a
// call is waiting. Each call and each batch entry is timed under its method, protocol
// "jsonrpc". The package's Module is the row of the engine's table of built-in modules.
//
// The module runs on the test file's loop goroutine, as every script does; it has no goroutine
// of its own.
//
//	import { jsonrpc } from 'wsrun/jsonrpc'
//	const client = await jsonrpc.connect('ws://127.0.0.1:8080/rpc')
//	expect(await client.call('add', [2, 3])).toBe(5)
package jsonrpc
