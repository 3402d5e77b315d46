package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// ErrIsDir is returned, wrapped, for a destination that is a directory.
var ErrIsDir = errors.New("is a directory")

// File is a destination being written. Write to it, then Commit or Abort exactly once.
type File struct {
	f       *os.File
	dest    string
	through bool        // written in place: device, FIFO, symlink
	mode    fs.FileMode // the mode the destination ends with, when replaced
	done    bool
}

// Check reports whether path could be a destination, without touching it: nil for a missing
// path or a writable kind of file, an error wrapping ErrIsDir for a directory, and for a path
// ending in a separator, which can only name one.
func Check(path string) error {
	if path != "" && os.IsPathSeparator(path[len(path)-1]) {
		return fmt.Errorf("%s: %w", path, ErrIsDir)
	}
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		// What the link points to decides: a link to a directory cannot take a file either.
		if target, err := os.Stat(path); err == nil && target.IsDir() {
			return fmt.Errorf("%s: %w", path, ErrIsDir)
		}
		return nil
	}
	if info.IsDir() {
		return fmt.Errorf("%s: %w", path, ErrIsDir)
	}
	return nil
}

// Create starts writing path, creating its parent directories. See the package comment for
// which paths are replaced and which are written through.
func Create(path string) (*File, error) {
	if err := Check(path); err != nil {
		return nil, err
	}
	info, err := os.Lstat(path)
	switch {
	case err == nil && !info.Mode().IsRegular():
		// O_TRUNC empties a regular file behind a symlink and is ignored by devices and FIFOs.
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
		if err != nil {
			return nil, err
		}
		return &File{f: f, dest: path, through: true}, nil
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	mode := fs.FileMode(0o644) &^ umask()
	if err == nil {
		mode = info.Mode().Perm()
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, err
	}
	track(tmp.Name(), true)
	return &File{f: tmp, dest: path, mode: mode}, nil
}

// Write writes to the temporary file, or through to the destination.
func (f *File) Write(p []byte) (int, error) { return f.f.Write(p) }

// Name is the destination's path.
func (f *File) Name() string { return f.dest }

// Commit puts what was written in place: the temporary file is flushed to disk, given its
// mode and renamed over the destination; a written-through file is closed. On an error the
// temporary file is removed and the destination is as it was.
func (f *File) Commit() error {
	if f.done {
		return nil
	}
	f.done = true
	if f.through {
		return f.f.Close()
	}
	err := errors.Join(f.f.Sync(), f.f.Chmod(f.mode), f.f.Close())
	if err == nil {
		err = os.Rename(f.f.Name(), f.dest)
	}
	if err != nil {
		_ = os.Remove(f.f.Name())
	}
	track(f.f.Name(), false)
	return err
}

// Abort drops what was written: the temporary file is removed and the destination left as it
// was. A written-through destination keeps what was written to it so far.
func (f *File) Abort() error {
	if f.done {
		return nil
	}
	f.done = true
	err := f.f.Close()
	if !f.through {
		if rerr := os.Remove(f.f.Name()); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
			err = errors.Join(err, rerr)
		}
		track(f.f.Name(), false)
	}
	return err
}

// WriteFile writes data to path as Create, Write and Commit do.
func WriteFile(path string, data []byte) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		return errors.Join(err, f.Abort())
	}
	return f.Commit()
}

// temps are the temporary files not yet committed or aborted, for RemoveTemps.
var temps struct {
	sync.Mutex
	names map[string]bool
}

func track(name string, open bool) {
	temps.Lock()
	defer temps.Unlock()
	if temps.names == nil {
		temps.names = map[string]bool{}
	}
	if open {
		temps.names[name] = true
	} else {
		delete(temps.names, name)
	}
}

// RemoveTemps removes every temporary file still open, for a process about to exit without
// committing (a second Ctrl-C), so that no .tmp file is left behind.
func RemoveTemps() {
	temps.Lock()
	defer temps.Unlock()
	for name := range temps.names {
		_ = os.Remove(name)
	}
	temps.names = nil
}
