package safefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// noTemps fails when dir holds a leftover temporary file.
func noTemps(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestMissingFileIsCreatedWithUmaskedMode(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "sub", "deeper", "report.xml")
	if err := WriteFile(dest, []byte("<x/>")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(dest)
	if string(got) != "<x/>" {
		t.Errorf("content %q", got)
	}
	info, _ := os.Stat(dest)
	if want := fs.FileMode(0o644) &^ umask(); info.Mode().Perm() != want {
		t.Errorf("mode %v, want %v", info.Mode().Perm(), want)
	}
	noTemps(t, filepath.Dir(dest))
}

func TestExistingFileKeepsItsMode(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "report.json")
	if err := os.WriteFile(dest, []byte("old content that is longer"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dest, 0o640); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(dest)
	if err := WriteFile(dest, []byte("new")); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(dest)
	if after.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", after.Mode().Perm())
	}
	if os.SameFile(before, after) {
		t.Error("a regular file was written in place, not replaced atomically")
	}
	if got, _ := os.ReadFile(dest); string(got) != "new" {
		t.Errorf("content %q", got)
	}
	noTemps(t, dir)
}

func TestAbortLeavesTheOldFileAndNoTemp(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "report.json")
	if err := os.WriteFile(dest, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Create(dest)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("half a rep")); err != nil {
		t.Fatal(err)
	}
	if err := f.Abort(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(dest); string(got) != "old" {
		t.Errorf("content %q, want the old one", got)
	}
	noTemps(t, dir)
}

func TestFailedCommitLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "report.json")
	f, err := Create(dest)
	if err != nil {
		t.Fatal(err)
	}
	// The destination turns into a non-empty directory while the report is written: rename fails.
	if err := os.MkdirAll(filepath.Join(dest, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := f.Commit(); err == nil {
		t.Fatal("commit over a directory succeeded")
	}
	noTemps(t, dir)
}

func TestRemoveTemps(t *testing.T) {
	dir := t.TempDir()
	f, err := Create(filepath.Join(dir, "r.txt"))
	if err != nil {
		t.Fatal(err)
	}
	RemoveTemps()
	noTemps(t, dir)
	_ = f.Abort()
}

func TestDirectoryIsAnError(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "link")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	// A path ending in a separator names a directory even where nothing is yet: Create used
	// to make it one, then fail to rename the finished file onto it.
	missing := filepath.Join(dir, "out") + string(filepath.Separator)
	for _, p := range []string{dir, link, missing} {
		if _, err := Create(p); !errors.Is(err, ErrIsDir) {
			t.Errorf("Create(%s): %v, want ErrIsDir", p, err)
		}
		if err := Check(p); !errors.Is(err, ErrIsDir) {
			t.Errorf("Check(%s): %v, want ErrIsDir", p, err)
		}
	}
	if _, err := os.Stat(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s was made: %v", missing, err)
	}
}

func TestMissingDirectoryCannotBeMade(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Create(filepath.Join(file, "report.xml")); err == nil {
		t.Error("created a report under a regular file")
	}
}

func TestSymlinkIsWrittenThrough(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "elsewhere", "target.txt")
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(target, []byte("old content, longer than the new"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "report.txt")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("the symlink was replaced: %v %v", info.Mode(), err)
	}
	if got, _ := os.ReadFile(target); string(got) != "new" {
		t.Errorf("target holds %q, want it truncated and rewritten", got)
	}
	// A dangling link creates its target.
	dangling := filepath.Join(dir, "dangling")
	if err := os.Symlink(filepath.Join(dir, "new-target"), dangling); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(dangling, []byte("x")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "new-target")); string(got) != "x" {
		t.Errorf("dangling link target holds %q", got)
	}
	noTemps(t, dir)
}

func TestDeviceIsWrittenThrough(t *testing.T) {
	dir := t.TempDir()
	// A null device of our own, so the test never risks the machine's /dev/null.
	null := filepath.Join(dir, "null")
	if err := syscall.Mknod(null, syscall.S_IFCHR|0o666, int(1<<8|3)); err != nil {
		t.Skipf("cannot make a device node here (needs root): %v", err)
	}
	if err := WriteFile(null, []byte("gone")); err != nil {
		t.Fatal(err)
	}
	info, err := os.Lstat(null)
	if err != nil || info.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("the device was replaced: %v %v", info.Mode(), err)
	}
	noTemps(t, dir)
}

func TestFIFOIsWrittenThrough(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		b, _ := os.ReadFile(fifo) // opening for reading waits for the writer
		got <- string(b)
	}()
	if err := WriteFile(fifo, []byte("through the pipe")); err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-got:
		if s != "through the pipe" {
			t.Errorf("read %q", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("nothing came through the FIFO")
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&fs.ModeNamedPipe == 0 {
		t.Fatalf("the FIFO was replaced: %v %v", info.Mode(), err)
	}
	noTemps(t, dir)
}
