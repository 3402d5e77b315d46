//go:build !unix

package safefile

import "io/fs"

// umask is nothing where there is none.
func umask() fs.FileMode { return 0 }
