package report

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// shardRuns splits files round-robin into n runs, as --shard does, each read back from its
// JSON report; run i started at start[i] and took took[i].
func shardRuns(t *testing.T, files []FileResult, start []time.Time, took []time.Duration) ([]Run, []string) {
	t.Helper()
	n := len(start)
	var runs []Run
	var names []string
	for i := range n {
		var agg Aggregator
		var out bytes.Buffer
		rep := NewJSON(&out)
		for j, f := range files {
			if j%n == i {
				agg.Add(f)
				rep.FileDone(f)
			}
		}
		sum := agg.Summary(took[i], false)
		sum.Run = RunInfo{Version: "1.0.0", Start: start[i], Shard: Shard{Index: i + 1, Count: n}, Latency: i == 1}
		if err := rep.RunDone(sum); err != nil {
			t.Fatal(err)
		}
		runs = append(runs, readBack(t, out.String()))
		names = append(names, "shard-"+string(rune('1'+i))+".json")
	}
	return runs, names
}

// TestMergeEqualsOneRun checks that three shards, merged, print in every reporter what the
// run that ran all the files printed, but for the run object's start and shard count.
func TestMergeEqualsOneRun(t *testing.T) {
	files := append(append(htmlFixture(), latencyFiles()...), snapshotFiles(false)...)
	files = sortedByPath(files, func(f FileResult) string { return f.Path })
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	// The last shard to end ends fixtureDuration after the first one started.
	runs, names := shardRuns(t, files, []time.Time{t0.Add(time.Second), t0, t0.Add(2 * time.Second)},
		[]time.Duration{time.Second, 3 * time.Second, fixtureDuration - 2*time.Second})
	merged, warnings, err := Merge(runs, names)
	if err != nil || len(warnings) > 0 {
		t.Fatalf("Merge: %v, warnings %q", err, warnings)
	}
	wantRun := RunInfo{Version: "1.0.0", Start: t0, Merged: 3, Latency: true}
	if merged.Summary.Run != wantRun {
		t.Errorf("run %+v, want %+v", merged.Summary.Run, wantRun)
	}
	reps := replayReporters()
	for name, newRep := range reps {
		t.Run(name, func(t *testing.T) {
			var out bytes.Buffer
			rep := newRep(&out)
			var agg Aggregator
			for _, f := range files {
				agg.Add(f)
				rep.FileDone(f)
			}
			sum := agg.Summary(fixtureDuration, false)
			sum.Run = wantRun
			if err := rep.RunDone(sum); err != nil {
				t.Fatal(err)
			}
			if got := replay(t, newRep, merged); got != out.String() {
				t.Errorf("merged, it prints:\n%s\none run printed:\n%s", got, out.String())
			}
		})
	}
}

func TestMergeRefuses(t *testing.T) {
	t0 := time.Now()
	runs, names := shardRuns(t, machineFiles(), []time.Time{t0, t0}, []time.Duration{1, 1})
	if _, _, err := Merge([]Run{runs[0], runs[1], runs[0]}, []string{"a.json", "b.json", "c.json"}); err == nil ||
		err.Error() != "a.json and c.json are both shard 1/2; give each shard's report once" {
		t.Errorf("the same shard twice: %v", err)
	}
	unsharded := runs[0]
	unsharded.Summary.Run.Shard = Shard{}
	_, _, err := Merge([]Run{runs[0], unsharded}, []string{names[0], "all.json"})
	if err == nil || !strings.Contains(err.Error(), "scripts/auth.test.js is in both shard-1.json and all.json; merging would count its tests twice") {
		t.Errorf("a file twice: %v", err)
	}
}

func TestMergeWarns(t *testing.T) {
	t0 := time.Now()
	runs, names := shardRuns(t, machineFiles(), []time.Time{t0, t0, t0}, []time.Duration{1, 1, 1})
	runs[0].Summary.Interrupted = true
	runs[0].Summary.Run.Version = "0.9.0"
	other := runs[1]
	other.Summary.Run.Shard = Shard{Index: 4, Count: 4}
	other.Files = nil
	merged, warnings, err := Merge([]Run{runs[0], runs[2], other}, []string{names[0], names[2], "x.json"})
	if err != nil {
		t.Fatal(err)
	}
	want := "x.json is shard 4/4, but other reports are of 3 shards; the merged run counts as interrupted\n" +
		"shard-1.json: its run was interrupted; the merged run is too\n" +
		"shard-1.json was written by wsrun 0.9.0, shard-3.json by wsrun 1.0.0\n" +
		"shard-1.json was written by wsrun 0.9.0, x.json by wsrun 1.0.0"
	if got := strings.Join(warnings, "\n"); got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
	if !merged.Summary.Interrupted || merged.Summary.OK() {
		t.Errorf("a merged run with an interrupted shard is not interrupted: %+v", merged.Summary)
	}
}

func TestMergeWarnsOfMissingShards(t *testing.T) {
	t0 := time.Now()
	runs, names := shardRuns(t, machineFiles(), []time.Time{t0, t0, t0, t0}, []time.Duration{1, 1, 1, 1})
	merged, warnings, err := Merge([]Run{runs[0], runs[2]}, []string{names[0], names[2]})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(warnings, "\n"); got != "no report of shard 2/4, 4/4: the merged run lacks its files, and counts as interrupted" {
		t.Errorf("warnings: %s", got)
	}
	if len(merged.Files) != 2 {
		t.Errorf("%d files, want the 2 of shards 1 and 3", len(merged.Files))
	}
	// The files of the missing shards never ran, or failed unreported: the merged run must not
	// pass (a CI job that gates on merge-reports alone would be green).
	if !merged.Summary.Interrupted || merged.Summary.OK() {
		t.Errorf("a merged run that lacks shards passes: %+v", merged.Summary)
	}
}

// TestMergeOfMixedShardCountsFails: reports of 1/3 and 2/2 are of different runs; whatever
// they hold, some files of either run are in no report.
func TestMergeOfMixedShardCountsFails(t *testing.T) {
	t0 := time.Now()
	runs, names := shardRuns(t, machineFiles(), []time.Time{t0, t0, t0}, []time.Duration{1, 1, 1})
	other := runs[1]
	other.Summary.Run.Shard = Shard{Index: 2, Count: 2}
	merged, warnings, err := Merge([]Run{runs[0], other, runs[2]}, []string{names[0], "x.json", names[2]})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(warnings, "\n"); got != "x.json is shard 2/2, but other reports are of 3 shards; the merged run counts as interrupted" {
		t.Errorf("warnings: %s", got)
	}
	if !merged.Summary.Interrupted || merged.Summary.OK() {
		t.Errorf("a merge of shards of different counts passes: %+v", merged.Summary)
	}
}

// TestMergeOfOtherFileSetsFails: shards that dealt out other files (another checkout) can
// leave a file in no report without any shard missing.
func TestMergeOfOtherFileSetsFails(t *testing.T) {
	t0 := time.Now()
	runs, names := shardRuns(t, machineFiles(), []time.Time{t0, t0, t0}, []time.Duration{1, 1, 1})
	for i := range runs {
		runs[i].Summary.Run.FileSet = "aaaa"
	}
	runs[2].Summary.Run.FileSet = "bbbb"
	merged, warnings, err := Merge(runs, names)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(warnings, "\n"); got != "shard-3.json ran other test files than shard-1.json (other paths, or another checkout): files may be in no report; the merged run counts as interrupted" {
		t.Errorf("warnings: %s", got)
	}
	if !merged.Summary.Interrupted || merged.Summary.OK() || merged.Summary.Run.FileSet != "" {
		t.Errorf("a merge of shards of other file sets passes: %+v", merged.Summary)
	}
	runs[2].Summary.Run.FileSet = "" // a report from before fileSet existed takes no part
	if _, warnings, _ := Merge(runs, names); len(warnings) != 0 {
		t.Errorf("warnings: %v", warnings)
	}
}
