package report

import (
	"fmt"
	"strings"
)

// maxSnapshotKeys is how many removed or obsolete keys a file's line names; the rest are
// counted.
const maxSnapshotKeys = 5

// writeSnapshots writes what the run did with a file's snapshots, one line per kind:
//
//	› 2 snapshots written
//	› 1 snapshot obsolete: `old name 1` (run with -u to remove)
func (p *pretty) writeSnapshots(b *strings.Builder, s *FileSnapshots) {
	if s == nil {
		return
	}
	line := func(text string, paint func(string) string) {
		fmt.Fprintf(b, "  %s %s\n", p.c.Dim("›"), paint(text))
	}
	if s.Written > 0 {
		line(snapshotCount(s.Written, "written"), p.c.Green)
	}
	if s.Updated > 0 {
		line(snapshotCount(s.Updated, "updated"), p.c.Green)
	}
	if len(s.Removed) > 0 {
		line(snapshotCount(len(s.Removed), "removed")+": "+snapshotKeys(s.Removed), p.c.Green)
	}
	if len(s.Obsolete) > 0 {
		line(snapshotCount(len(s.Obsolete), "obsolete")+": "+snapshotKeys(s.Obsolete)+" (run with -u to remove)", p.c.Yellow)
	}
}

func snapshotCount(n int, what string) string {
	if n == 1 {
		return "1 snapshot " + what
	}
	return fmt.Sprintf("%d snapshots %s", n, what)
}

// snapshotKeys names the first few keys, each in backticks as in the .snap file.
func snapshotKeys(keys []string) string {
	var parts []string
	for i, k := range keys {
		if i == maxSnapshotKeys {
			parts = append(parts, fmt.Sprintf("and %d more", len(keys)-i))
			break
		}
		parts = append(parts, "`"+oneLine(k)+"`")
	}
	return strings.Join(parts, ", ")
}

// writeSnapshotSummary writes "Snapshots: 2 written, 1 obsolete" above the summary when
// the run changed or left obsolete any snapshot; only the counts that are not zero. Snapshot
// files without a test file follow, one per line:
//
//	Snapshots: 1 file obsolete
//	  › __snapshots__/old.test.js.snap: its test file is gone (run with -u to remove)
func (p *pretty) writeSnapshotSummary(b *strings.Builder, c SnapshotCounts, files SnapshotFiles) {
	var parts []string
	for _, n := range []struct {
		n     int
		what  string
		paint func(string) string
	}{
		{c.Written, "written", p.c.Green},
		{c.Updated, "updated", p.c.Green},
		{c.Removed, "removed", p.c.Green},
		{c.Obsolete, "obsolete", p.c.Yellow},
		{len(files.Removed), fileCount(len(files.Removed)) + " removed", p.c.Green},
		{len(files.Obsolete), fileCount(len(files.Obsolete)) + " obsolete", p.c.Yellow},
	} {
		if n.n > 0 {
			parts = append(parts, n.paint(fmt.Sprintf("%d %s", n.n, n.what)))
		}
	}
	if len(parts) == 0 {
		return
	}
	fmt.Fprintf(b, "%s %s\n", p.c.Bold("Snapshots:"), strings.Join(parts, ", "))
	for _, f := range files.Removed {
		fmt.Fprintf(b, "  › %s\n", p.c.Green(f+": removed, its test file is gone"))
	}
	for _, f := range files.Obsolete {
		fmt.Fprintf(b, "  › %s\n", p.c.Yellow(f+": its test file is gone (run with -u to remove)"))
	}
}

func fileCount(n int) string {
	if n == 1 {
		return "file"
	}
	return "files"
}
