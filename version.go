package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// version is set at release build time with -ldflags "-X main.version=…".
var version = "dev"

func printVersion(w io.Writer) {
	deps := map[string]string{}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			deps[d.Path] = d.Version
		}
	}
	fmt.Fprintf(w, "wsrun %s\n", wsrunVersion())
	fmt.Fprintf(w, "go %s\n", runtime.Version())
	fmt.Fprintf(w, "goja %s\n", orUnknown(deps["github.com/dop251/goja"]))
	fmt.Fprintf(w, "esbuild %s\n", orUnknown(deps["github.com/evanw/esbuild"]))
}

// wsrunVersion is the version set at build time, else the module's version when it was
// installed with go install, else "dev". Reports record it.
func wsrunVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && version == "dev" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return version
}

func orUnknown(v string) string {
	if v == "" {
		return "unknown"
	}
	return v
}
