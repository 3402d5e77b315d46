package stomp

import _ "embed"

// Source is the module's JavaScript, run by the runtime as "wsrun/stomp".
//
//go:embed stomp.js
var Source string
