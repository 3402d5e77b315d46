package engine_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/wsrun/wsrun/runtime/engine"
)

// TestColoredFailureOutput pins the colored form of two failures: an assertion diff and a ws
// timeout with its transcript.
func TestColoredFailureOutput(t *testing.T) {
	for _, name := range []string{"assertion", "ws-expect-timeout"} {
		t.Run(name, func(t *testing.T) {
			_, out, err := run(t, engine.Options{
				Paths:         []string{filepath.Join("fail", name+".test.js")},
				ExpectTimeout: 500 * time.Millisecond,
			}, true)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "fail-"+name+"-color.golden", out)
		})
	}
}
