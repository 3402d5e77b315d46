package fetch

import (
	"slices"
	"testing"

	"github.com/wsrun/wsrun/jsapi/types/typestest"
)

// The keys fetch's init object may have are those wsrun.d.ts's FetchInit declares.
func TestOptionsMatchTheDeclarations(t *testing.T) {
	got, want := fetchOptions.Names(), typestest.Members(t, "FetchInit")
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("fetch takes %v; wsrun.d.ts's FetchInit declares %v", got, want)
	}
}
