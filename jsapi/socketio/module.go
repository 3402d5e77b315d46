package socketio

import _ "embed"

// Source is the module's JavaScript (an ES module importing wsrun/ws and wsrun/internal),
// bundled and run by the engine when a script imports "wsrun/socketio".
//
//go:embed socketio.js
var Source string
