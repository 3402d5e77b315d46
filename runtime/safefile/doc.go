// Package safefile writes the files a run produces — reports, trace files, snapshots — so that
// a reader never sees half of one and a path the user gave is never destroyed.
//
// A regular file, or one that does not exist yet, is written to a temporary file in the same
// directory and renamed into place on Commit: a crash or an interrupted run leaves the old file
// (or none), never a truncated one. A new file gets mode 0644 less the umask; an existing one
// keeps its mode. Anything else that can be written — a device such as /dev/null, a FIFO, or a
// symbolic link to anything (/proc/self/fd/1, a file elsewhere) — is opened and written
// through, never replaced. A directory is an error.
//
// It is a leaf under runtime/ (it imports only the standard library) so that both main, for
// report files, and runtime/engine, for traces and snapshots, use the one copy.
//
// A File is not safe for concurrent use; one goroutine writes it and commits it.
//
//	f, err := safefile.Create("reports/junit.xml")
//	if err != nil { … }
//	_, err = io.WriteString(f, report)
//	err = errors.Join(err, f.Commit()) // or f.Abort() to leave the destination as it was
package safefile
