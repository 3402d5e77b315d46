package graphql

import (
	_ "embed"

	"github.com/wsrun/wsrun/jsapi/jsmodule"
)

//go:embed graphql.js
var source string

// Module is "wsrun/graphql", for the engine's table of built-in modules.
var Module = jsmodule.New("wsrun/graphql", source)
