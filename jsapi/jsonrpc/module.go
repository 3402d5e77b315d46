package jsonrpc

import _ "embed"

// Source is the module's JavaScript, an ES module that imports wsrun/ws and wsrun/internal.
//
//go:embed jsonrpc.js
var Source string
