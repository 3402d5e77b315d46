package engine

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/wsrun/wsrun/runtime/report"
)

// orphanSnapshots finds the .snap files in the searched directories whose test file is gone
// (deleted or renamed); with -u it removes them.
// It looks only when the run covered every test file it found: not with a shard, -g, Select
// or a .only anywhere, and not after an interruption or --bail. A file given by name is not
// searched for snapshot files.
func (r *runner) orphanSnapshots(ctx context.Context, files []testFile) (report.SnapshotFiles, error) {
	o := r.opts
	if o.Shard.Count > 1 || o.Grep != nil || o.GrepInvert != nil || o.Select != nil || r.onlyRun ||
		ctx.Err() != nil || r.bailed() {
		return report.SnapshotFiles{}, nil
	}
	inRun := map[string]bool{}
	for _, f := range files {
		inRun[f.abs] = true
	}
	var out report.SnapshotFiles
	for _, snap := range findSnapFiles(o.Cwd, o.Paths) {
		test := filepath.Join(filepath.Dir(filepath.Dir(snap)), strings.TrimSuffix(filepath.Base(snap), ".snap"))
		if inRun[test] {
			continue
		}
		if _, err := os.Lstat(test); err == nil {
			// The test file is there, only not one the search finds (a scenario script run
			// by naming it): as in Jest, only a .snap file whose test file is gone is obsolete.
			continue
		}
		shown := displayPath(o.Cwd, snap)
		if !o.UpdateSnapshots {
			out.Obsolete = append(out.Obsolete, shown)
			continue
		}
		if err := os.Remove(snap); err != nil {
			return out, fmt.Errorf("remove the obsolete snapshot file %s: %w", shown, err)
		}
		_ = os.Remove(filepath.Dir(snap)) // only when empty
		out.Removed = append(out.Removed, shown)
	}
	return out, nil
}

// findSnapFiles returns the files named *.snap in a __snapshots__ directory under the
// directories among paths, searched as discover searches them, sorted.
func findSnapFiles(cwd string, paths []string) []string {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	seen := map[string]bool{}
	for _, p := range paths {
		if !filepath.IsAbs(p) {
			p = filepath.Join(cwd, p)
		}
		if info, err := os.Stat(p); err != nil || !info.IsDir() {
			continue
		}
		_ = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // unreadable: discover has already said what it could not search
			}
			if d.IsDir() {
				if path != p && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasSuffix(d.Name(), ".snap") && filepath.Base(filepath.Dir(path)) == "__snapshots__" {
				seen[path] = true
			}
			return nil
		})
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}
