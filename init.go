package main

import "fmt"

// runInit is `wsrun init [dir]`.
func runInit(args []string, s streams) int {
	fmt.Fprintln(s.err, "wsrun init: not available in this build yet")
	return exitUsage
}
