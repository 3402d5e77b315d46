package ws

import (
	"slices"
	"testing"

	"github.com/wsrun/wsrun/jsapi/argcheck"
	"github.com/wsrun/wsrun/jsapi/types/typestest"
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
			want := typestest.Members(t, tc.iface)
			got := tc.opts.Names()
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s takes %v; wsrun.d.ts's %s declares %v", tc.opts.Func, got, tc.iface, want)
			}
		})
	}
}
