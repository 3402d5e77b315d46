// Package wsrun is the "wsrun" module scripts see: test, it, describe, the hooks and expect
// (from the expect subpackage). Declaring tests only records them in a Registry; the engine
// runs them. Everything here runs on the loop goroutine of the file's VM.
//
//	reg := wsrun.NewRegistry()
//	exports, err := wsrun.Module{Registry: reg, Format: format}.Instantiate(vu)
//	…                                    // the engine sets them as globals
//	_, err = vm.RunProgram(prog)         // the file declares its tests
//	for _, t := range reg.Root.Tests() { … }
package wsrun
