package wsrun

import (
	"slices"
	"testing"

	"github.com/wsrun/wsrun/jsapi/types/typestest"
)

// The options of test(name, fn, options) are those wsrun.d.ts's TestOptions declares.
func TestOptionsMatchTheDeclarations(t *testing.T) {
	got, want := testOptions.Names(), typestest.Members(t, "TestOptions")
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("test takes %v; wsrun.d.ts's TestOptions declares %v", got, want)
	}
}
