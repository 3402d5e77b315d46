package engine

import (
	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/console"
	"github.com/wsrun/wsrun/jsapi/env"
	"github.com/wsrun/wsrun/jsapi/fetch"
	"github.com/wsrun/wsrun/jsapi/graphql"
	"github.com/wsrun/wsrun/jsapi/jsonrpc"
	"github.com/wsrun/wsrun/jsapi/modules"
	"github.com/wsrun/wsrun/jsapi/socketio"
	"github.com/wsrun/wsrun/jsapi/stomp"
	"github.com/wsrun/wsrun/jsapi/timers"
	"github.com/wsrun/wsrun/jsapi/web"
	"github.com/wsrun/wsrun/jsapi/ws"
	"github.com/wsrun/wsrun/jsapi/wsrun"
)

// builtin is one row of the table of what scripts get from wsrun.
type builtin struct {
	// name is what scripts import it as; "" when it has no name of its own and is reached
	// through its globals and "wsrun" only.
	name string
	// globals are the exports that are also globals of every file, by the same name, and
	// exports of "wsrun" (SPEC §8: "wsrun" exports every global).
	globals []string
	// wsrunOnly are exports that are exports of "wsrun" but no globals (fn and spyOn, see
	// expect.Expect.Instantiate).
	wsrunOnly []string
	// global is the global that is the module itself (its default export), if any.
	global string
	// internal: only built-in modules may import it (VU.Require); to scripts it does not exist.
	internal bool
	// lazy: the module is instantiated when a script first reads one of its globals or
	// "wsrun" exports, not when the VM is set up. For modules that cost a start-up most files
	// do not use (the expect library alone is most of an empty file's start-up).
	lazy bool
	// make returns the module for one file, with the engine services it needs as fields. A
	// module with globals and not lazy is instantiated when the file's VM is set up, in table order;
	// the others when the file first imports them.
	make func(f *fileRun) modules.Module
}

// builtins is every module scripts get, besides the host program's (Options.Modules): the
// whole surface of SPEC §5 and §10. A module written in JavaScript (package jsapi/jsmodule)
// is one row: {name: "wsrun/socketio", make: func(*fileRun) modules.Module { return socketio.Module }}.
var builtins = []builtin{
	{globals: []string{"test", "it", "describe", "beforeAll", "afterAll", "beforeEach", "afterEach"},
		make: func(f *fileRun) modules.Module { return wsrun.Module{Registry: f.reg, Format: f.format} }},
	{globals: []string{"expect", "jest", "vi"}, wsrunOnly: []string{"fn", "spyOn"}, lazy: true,
		make: func(f *fileRun) modules.Module { return f.expect }},
	{globals: []string{"setTimeout", "setInterval", "clearTimeout", "clearInterval", "queueMicrotask", "sleep"},
		make: func(*fileRun) modules.Module { return timers.Module{} }},
	{globals: []string{"console"}, make: func(f *fileRun) modules.Module { return console.Module{Sink: f.log} }},
	{globals: []string{"process"}, make: func(f *fileRun) modules.Module { return env.Module{Vars: f.r.opts.Env} }},
	{globals: web.Globals, lazy: true, make: func(f *fileRun) modules.Module { return web.Module{Origin: f.start} }},
	{globals: []string{"fetch"}, make: func(f *fileRun) modules.Module { return fetch.Module{Insecure: f.r.opts.Insecure} }},
	{name: "wsrun/ws", global: "ws", make: func(f *fileRun) modules.Module {
		f.ws = ws.New(f.loop, ws.Options{Matcher: f.expect, ExpectTimeout: f.r.opts.expectTimeout(),
			Insecure: f.r.opts.Insecure, OnEntry: f.trans.add, OnOperation: f.ops.Record, CORS: f.r.serving,
			Inherit: f.inherit, TranscribeWaits: f.r.opts.Timelines})
		return f.ws
	}},
	{name: "wsrun", make: func(f *fileRun) modules.Module { return modules.ModuleFunc(f.wsrunExports) }},
	// Jest's and Vitest's names for it, so that their test files run unchanged.
	{name: "vitest", make: func(f *fileRun) modules.Module { return f.aliasOf("vitest") }},
	{name: "@jest/globals", make: func(f *fileRun) modules.Module { return f.aliasOf("@jest/globals") }},
	// The inbox and operation clock the protocol modules are built on.
	{name: "wsrun/internal", internal: true, make: func(f *fileRun) modules.Module {
		return modules.ModuleFunc(func(modules.VU) (goja.Value, error) { return f.ws.Internal(), nil })
	}},
	// The protocol modules (SPEC §10), JavaScript embedded with jsapi/jsmodule.
	{name: "wsrun/graphql", make: func(*fileRun) modules.Module { return graphql.Module }},
	{name: "wsrun/jsonrpc", make: func(*fileRun) modules.Module { return jsonrpc.Module }},
	{name: "wsrun/socketio", make: func(*fileRun) modules.Module { return socketio.Module }},
	{name: "wsrun/stomp", make: func(*fileRun) modules.Module { return stomp.Module }},
}
