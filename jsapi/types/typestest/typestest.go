// Package typestest reads wsrun.d.ts for tests that compare it with the runtime: the members an
// interface declares. It has no state and no goroutines.
package typestest

import (
	"regexp"
	"strings"
	"testing"

	"github.com/wsrun/wsrun/jsapi/types"
)

var (
	memberRe  = regexp.MustCompile(`^\s*(?:readonly\s+)?(\w+)\??\s*[(:<]`)
	extendsRe = regexp.MustCompile(`extends\s+(\w+)\s*\{$`)
)

// Members returns the member names of interface name in wsrun.d.ts, those of the interface it
// extends included; it fails t if there is no such interface.
func Members(t testing.TB, name string) []string {
	t.Helper()
	dts := types.Declarations
	i := regexp.MustCompile(`interface ` + name + `\b[^{]*\{`).FindStringIndex(dts)
	if i == nil {
		t.Fatalf("wsrun.d.ts has no interface %s", name)
	}
	var names []string
	if m := extendsRe.FindStringSubmatch(dts[i[0]:i[1]]); m != nil {
		names = Members(t, m[1])
	}
	depth := 0
	for _, line := range strings.Split(dts[i[1]:], "\n") {
		if depth == 0 {
			if strings.HasPrefix(strings.TrimSpace(line), "}") {
				break
			}
			if m := memberRe.FindStringSubmatch(line); m != nil {
				names = append(names, m[1])
			}
		}
		depth += strings.Count(line, "{") - strings.Count(line, "}")
	}
	return names
}
