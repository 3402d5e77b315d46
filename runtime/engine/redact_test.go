package engine_test

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wsrun/wsrun/runtime/engine"
	"github.com/wsrun/wsrun/runtime/report"
)

// TestRunRedactsWhatReportersGet: a host program's own reporter and Live writer get results
// without secrets by default, and as they are with NoRedact.
func TestRunRedactsWhatReportersGet(t *testing.T) {
	for _, noRedact := range []bool{false, true} {
		t.Run(fmt.Sprint("NoRedact=", noRedact), func(t *testing.T) {
			var got, live bytes.Buffer
			_, err := engine.Run(context.Background(), engine.Options{
				Paths:    []string{filepath.Join("..", "..", "testdata", "trust", "redact", "secrets.test.js")},
				Live:     &live,
				NoRedact: noRedact,
				Reporters: []report.Reporter{report.Funcs{OnFile: func(f report.FileResult) {
					fmt.Fprintf(&got, "%+v", f)
					for _, tr := range f.Tests {
						for _, e := range tr.Errors {
							if e.CodeFrame != nil {
								fmt.Fprintf(&got, "%+v", *e.CodeFrame)
							}
						}
					}
				}}},
			})
			if err != nil {
				t.Fatal(err)
			}
			for name, text := range map[string]string{"results": got.String(), "live": live.String()} {
				if leaked := strings.Contains(text, "SECRET"); leaked != noRedact {
					t.Errorf("%s: secrets shown %v, want %v:\n%s", name, leaked, noRedact, text)
				}
			}
		})
	}
}

func TestRunRejectsARedactNameTextCannotHold(t *testing.T) {
	_, err := engine.Run(context.Background(), engine.Options{Paths: []string{filepath.Join("..", "..", "testdata", "trust", "redact")}, Redact: []string{"user.password"}})
	if err == nil || !strings.Contains(err.Error(), `cannot redact "user.password"`) {
		t.Errorf("got %v", err)
	}
}
