// Package types holds wsrun.d.ts, the TypeScript declarations of everything a test script
// sees: the globals, and the modules 'wsrun' and 'wsrun/ws'. `wsrun init` writes it next to
// the example test so editors complete and type-check test files. It has no goroutines and no
// state.
//
// A test in runtime/engine checks that every name the real modules export appears in it, and
// tests in jsapi/ws, jsapi/fetch and jsapi/wsrun (through typestest) that its options
// interfaces list exactly the keys argcheck lets through, so the declarations cannot fall
// behind the implementation:
//
//	os.WriteFile("wsrun.d.ts", []byte(types.Declarations), 0o644)
package types

import _ "embed" // for the declarations file

// Declarations is the text of wsrun.d.ts.
//
//go:embed wsrun.d.ts
var Declarations string
