package report

// Reporter receives results as a run produces them. The engine calls it from one goroutine at
// a time, a whole file at once, so output of files that ran in parallel is never interleaved.
type Reporter interface {
	// FileDone is called once per file, when all its tests have finished.
	FileDone(f FileResult)
	// RunDone is called once, after the last file, also when the run was interrupted.
	RunDone(s Summary) error
}
