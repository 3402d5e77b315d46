// Package env provides process.env: the OS environment overlaid by --env-file and then -e,
// as the engine computed it. It runs on the loop goroutine.
package env

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/modules"
)

// Module is process.env of one VM: a mutable copy of Vars. Its exports are { process },
// which the engine makes a global and an export of "wsrun".
type Module struct{ Vars map[string]string }

// Instantiate returns { process }.
func (m Module) Instantiate(vu modules.VU) (goja.Value, error) {
	vm := vu.VM()
	envObj := vm.NewObject()
	for k, v := range m.Vars {
		if err := envObj.Set(k, v); err != nil {
			return nil, err
		}
	}
	process := vm.NewObject()
	if err := process.Set("env", envObj); err != nil {
		return nil, err
	}
	exports := vm.NewObject()
	_ = exports.Set("process", process)
	return exports, nil
}

// Parse reads KEY=VALUE lines, as dotenv files are written: blank lines and lines starting
// with # are skipped, an optional "export " prefix is allowed, and a value may be wrapped in
// single or double quotes (double quotes understand \n).
func Parse(r io.Reader) (map[string]string, error) {
	vars := map[string]string{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.TrimPrefix(line, "export ")
		k, v, ok := strings.Cut(line, "=")
		k = strings.TrimSpace(k)
		// The line is not quoted: an env file holds secrets, and a line missing its = (a
		// PASSWORD hunter2 typo, a token pasted alone) would put one on stderr, in CI logs.
		if !ok {
			return nil, fmt.Errorf("line %d: expected KEY=VALUE, got a line without = (not shown: env files hold secrets)", n)
		}
		if k == "" {
			return nil, fmt.Errorf("line %d: expected KEY=VALUE, got no name before =", n)
		}
		vars[k] = unquote(strings.TrimSpace(v))
	}
	return vars, sc.Err()
}

func unquote(v string) string {
	if len(v) >= 2 {
		switch {
		case v[0] == '"' && v[len(v)-1] == '"':
			return strings.NewReplacer(`\n`, "\n", `\"`, `"`, `\\`, `\`).Replace(v[1 : len(v)-1])
		case v[0] == '\'' && v[len(v)-1] == '\'':
			return v[1 : len(v)-1]
		}
	}
	if i := strings.Index(v, " #"); i >= 0 { // trailing comment on an unquoted value
		v = strings.TrimSpace(v[:i])
	}
	return v
}
