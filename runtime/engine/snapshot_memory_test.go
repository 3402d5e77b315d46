package engine

import (
	"strings"
	"testing"
)

// TestSnapshotFileThatAllocates: a .snap file is JavaScript, evaluated in a VM of its own
// that the memory watchdog does not see. One edited to allocate in a loop took all it could
// until its 5 s were up (gigabytes); it now stops at the memory limit. This one allocates
// 200 MB against a limit of 64 MiB, then loops without allocating.
func TestSnapshotFileThatAllocates(t *testing.T) {
	src := "var a = new Uint8Array(2e8); for (;;) {}"
	_, err := parseSnapshots("big.snap", src, 64<<20)
	if err == nil || !strings.Contains(err.Error(), "reading it used more than 64 MiB (--max-memory)") {
		t.Errorf("err = %v, want the memory limit", err)
	}
}
