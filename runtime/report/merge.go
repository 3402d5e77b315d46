package report

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Merge combines runs read from the JSON reports of shards (wsrun --shard I/N) into the run
// one unsharded run would have reported; names are the runs' report files, for messages.
//
// The files come in order of path, as the machine reports list them, and the summary is
// counted from them again, as the engine counts it: files, tests, flaky tests, snapshot
// changes and the operations' histograms come out equal to those of the unsharded run. The
// run's duration is the time from the earliest shard's start to the latest shard's end (the
// longest shard's duration when a report does not say when it started); Run.Start is the
// earliest start, Verbose and Latency are on when a shard had them on, and Run.Merged says
// how many runs were merged. A merged run is interrupted when any shard was, and when it
// lacks a shard of 1..N or mixes shards of different counts: the files it lacks never ran or
// were not reported, and the merged run must not pass for them.
//
// A file in more than one run, and two runs that say they are the same shard, are errors: the
// merged counts would be wrong. The returned warnings say what the merged run may lack or
// mix: shards of a different count, missing shards, interrupted ones, other wsrun versions.
func Merge(runs []Run, names []string) (Run, []string, error) {
	if len(runs) != len(names) {
		return Run{}, nil, fmt.Errorf("report: Merge got %d runs and %d names", len(runs), len(names))
	}
	warnings, incomplete, err := checkShards(runs, names)
	if err != nil {
		return Run{}, nil, err
	}
	var files []FileResult
	from := map[string]string{} // file path → the report it came from
	for i, r := range runs {
		for _, f := range r.Files {
			if first, dup := from[f.Path]; dup {
				return Run{}, nil, fmt.Errorf("%s is in both %s and %s; merging would count its tests twice (are they reports of different runs?)",
					f.Path, first, names[i])
			}
			from[f.Path] = names[i]
			files = append(files, f)
		}
	}
	files = sortedByPath(files, func(f FileResult) string { return f.Path })
	var agg Aggregator
	for _, f := range files {
		agg.Add(f)
	}
	info, duration, interrupted := RunInfo{Merged: len(runs)}, time.Duration(0), incomplete
	var end time.Time
	allStarted := true
	for i, r := range runs {
		s := r.Summary
		switch v := s.Run.Version; {
		case info.Version == "":
			info.Version = v
		case v != "" && v != info.Version:
			warnings = append(warnings, fmt.Sprintf("%s was written by wsrun %s, %s by wsrun %s", names[0], info.Version, names[i], v))
		}
		if s.Interrupted {
			interrupted = true
			warnings = append(warnings, fmt.Sprintf("%s: its run was interrupted; the merged run is too", names[i]))
		}
		info.Verbose = info.Verbose || s.Run.Verbose
		info.Latency = info.Latency || s.Run.Latency
		duration = max(duration, s.Duration)
		if start := s.Run.Start; !start.IsZero() {
			if info.Start.IsZero() || start.Before(info.Start) {
				info.Start = start
			}
			if e := start.Add(s.Duration); e.After(end) {
				end = e
			}
		} else {
			allStarted = false
		}
	}
	if allStarted && len(runs) > 0 {
		duration = end.Sub(info.Start)
	}
	sum := agg.Summary(duration, interrupted)
	sum.Run = info
	for _, r := range runs {
		sum.SnapshotFiles.Obsolete = append(sum.SnapshotFiles.Obsolete, r.Summary.SnapshotFiles.Obsolete...)
		sum.SnapshotFiles.Removed = append(sum.SnapshotFiles.Removed, r.Summary.SnapshotFiles.Removed...)
	}
	sum.SnapshotFiles.Obsolete = sortedSet(sum.SnapshotFiles.Obsolete)
	sum.SnapshotFiles.Removed = sortedSet(sum.SnapshotFiles.Removed)
	return Run{Files: files, Summary: sum}, warnings, nil
}

// checkShards refuses two runs of the same shard and warns about shards of different counts,
// or else about missing ones; either makes the merged run incomplete, which Merge reports as
// interrupted: files of the run are in no report, and they may have failed. Runs that were
// not sharded take no part.
func checkShards(runs []Run, names []string) (warnings []string, incomplete bool, err error) {
	seen := map[Shard]string{}
	count, mixed := 0, false
	filesFrom := -1 // the first run that says which files it dealt out
	for i, r := range runs {
		sh := r.Summary.Run.Shard
		if sh.Count == 0 {
			continue
		}
		if id := r.Summary.Run.FileSet; id != "" {
			switch {
			case filesFrom < 0:
				filesFrom = i
			case id != runs[filesFrom].Summary.Run.FileSet:
				warnings = append(warnings, fmt.Sprintf("%s ran other test files than %s (other paths, or another checkout): files may be in no report; the merged run counts as interrupted",
					names[i], names[filesFrom]))
				incomplete = true
			}
		}
		if first, dup := seen[sh]; dup {
			return nil, false, fmt.Errorf("%s and %s are both shard %d/%d; give each shard's report once", first, names[i], sh.Index, sh.Count)
		}
		seen[sh] = names[i]
		if count != 0 && sh.Count != count {
			warnings = append(warnings, fmt.Sprintf("%s is shard %d/%d, but other reports are of %d shards; the merged run counts as interrupted",
				names[i], sh.Index, sh.Count, count))
			mixed = true
		}
		count = max(count, sh.Count)
	}
	var missing []string
	for i := 1; i <= count && !mixed; i++ {
		if _, ok := seen[Shard{Index: i, Count: count}]; !ok {
			missing = append(missing, fmt.Sprintf("%d/%d", i, count))
		}
	}
	if len(missing) > 0 {
		warnings = append(warnings, fmt.Sprintf("no report of shard %s: the merged run lacks its files, and counts as interrupted", strings.Join(missing, ", ")))
	}
	return warnings, incomplete || mixed || len(missing) > 0, nil
}

// sortedSet returns s sorted without repeats; nil when empty.
func sortedSet(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}
