//go:build unix

package safefile

import (
	"io/fs"
	"syscall"
)

// processUmask is the file mode creation mask. The only way to read it is to set it, so it is
// read once while the package initialises, before any goroutine of the program can create a
// file under the wrong mask, and put back at once.
var processUmask = func() fs.FileMode {
	m := syscall.Umask(0o022)
	syscall.Umask(m)
	return fs.FileMode(m)
}()

func umask() fs.FileMode { return processUmask }
