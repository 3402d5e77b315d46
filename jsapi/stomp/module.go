package stomp

import (
	_ "embed"

	"github.com/wsrun/wsrun/jsapi/jsmodule"
)

//go:embed stomp.js
var source string

// Module is "wsrun/stomp"; nothing is compiled until a script imports it.
var Module = jsmodule.New("wsrun/stomp", source)
