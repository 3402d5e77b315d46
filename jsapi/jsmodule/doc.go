// Package jsmodule turns an embedded ES-module source into a built-in module: the way the
// protocol modules (wsrun/socketio, wsrun/graphql, wsrun/stomp, wsrun/jsonrpc) are written in
// JavaScript on top of the public Connection API and shipped inside the binary.
//
// A Module costs nothing until a script imports it. The first Instantiate in the process
// transforms the source with esbuild to CommonJS (TypeScript-free ES2020+ in, what goja runs
// out) and compiles it to one *goja.Program, which every VM then shares (sync.Once); each VM
// that imports the module runs that program once, when the file's bundle first requires it.
// The program's file name is wsrun.InternalPrefix plus the module's name without "wsrun/"
// (e.g. "wsrun:socketio/socketio.js"), so the runner skips its stack frames when it looks for
// the user's line: an error a module throws points at the script's call.
//
// The source imports other modules by name only ('wsrun/ws', 'wsrun/internal', another
// built-in); it cannot import relative files. Its require is the VU's Require, which also
// serves "wsrun/internal", the hidden module no user script can import.
//
// Adding a protocol module takes a module.go of three lines beside its .js file:
//
//	//go:embed socketio.js
//	var source string
//	var Module = jsmodule.New("wsrun/socketio", source)
//
// (in package socketio, importing _ "embed" and jsapi/jsmodule), and one line in the
// engine's table of built-in modules (runtime/engine/builtins.go):
//
//	{name: "wsrun/socketio", make: func(*fileRun) modules.Module { return socketio.Module }},
//
// A syntax error in the source fails every file that imports the module, with esbuild's
// message and position, never the process.
package jsmodule
