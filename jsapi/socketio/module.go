package socketio

import (
	_ "embed"

	"github.com/wsrun/wsrun/jsapi/jsmodule"
)

//go:embed socketio.js
var source string

// Module is "wsrun/socketio", the embedded JavaScript of socketio.js.
var Module = jsmodule.New("wsrun/socketio", source)
