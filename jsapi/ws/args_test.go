package ws

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/wsrun/wsrun/jsapi/argcheck"
	"github.com/wsrun/wsrun/jsapi/types"
)

// The options argcheck accepts are the options wsrun.d.ts declares: an option missing from
// the declarations is one an editor flags as an error, and one missing here throws at run time.
// (runtime/engine's TestDeclarationsCoverTheAPI compares the exports and members; options are
// not objects the runtime hands out, so only these tables can be compared.)
func TestOptionsMatchTheDeclarations(t *testing.T) {
	for _, tc := range []struct {
		iface string
		opts  *argcheck.Options
	}{
		{"ConnectOptions", connectOptions},
		{"ServeOptions", serveOptions},
		{"WaitOptions", expectOptions},
		{"WaitOptions", expectNextOptions},
		{"WaitOptions", expectAllOptions},
		{"WaitOptions", requestOptions},
		{"WaitOptions", expectConnectionOptions},
		{"ExpectNoneOptions", expectNoneOptions},
		{"ExpectCloseOptions", expectCloseOptions},
	} {
		t.Run(tc.opts.Func, func(t *testing.T) {
			want := declaredMembers(t, tc.iface)
			got := tc.opts.Names()
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s takes %v; wsrun.d.ts's %s declares %v", tc.opts.Func, got, tc.iface, want)
			}
		})
	}
}

var (
	memberRe  = regexp.MustCompile(`^\s*(?:readonly\s+)?(\w+)\??\s*[(:<]`)
	extendsRe = regexp.MustCompile(`extends\s+(\w+)\s*\{$`)
)

// declaredMembers returns the member names of interface name in wsrun.d.ts, those of the
// interface it extends included.
func declaredMembers(t *testing.T, name string) []string {
	t.Helper()
	dts := types.Declarations
	i := regexp.MustCompile(`interface ` + name + `\b[^{]*\{`).FindStringIndex(dts)
	if i == nil {
		t.Fatalf("wsrun.d.ts has no interface %s", name)
	}
	var names []string
	if m := extendsRe.FindStringSubmatch(dts[i[0]:i[1]]); m != nil {
		names = declaredMembers(t, m[1])
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
