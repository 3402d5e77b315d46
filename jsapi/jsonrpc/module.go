package jsonrpc

import (
	_ "embed"

	"github.com/wsrun/wsrun/jsapi/jsmodule"
)

//go:embed jsonrpc.js
var source string

// Module is wsrun/jsonrpc, a row of the engine's table of built-in modules.
var Module = jsmodule.New("wsrun/jsonrpc", source)
