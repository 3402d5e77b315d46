// Package bench compares wsrun with a raw gorilla/websocket Go client and a Node client with
// the ws package (node/, skipped when not installed) doing the same work against the same
// in-process server in the same run. It holds benchmarks only: see
// README.md for the workloads, the commands and the last measured results.
//
// Goroutines: the benchmark goroutine starts the server and one child process at a time;
// the server runs one goroutine per connection (the HTTP handler's), which both reads and
// writes, one after the other, except on /push, where it writes first and reads afterwards.
package bench
