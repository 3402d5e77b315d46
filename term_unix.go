//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import "golang.org/x/sys/unix"

// cbreak turns off line buffering and echo on the terminal fd, so that watch mode reads each
// key as it is typed. Unlike a raw mode, signals and output processing stay on: Ctrl-C is
// still SIGINT, which ends watch mode as it ends a run, and "\n" still starts a line, so the
// reporters' output is unchanged. It returns what restores the terminal.
func cbreak(fd int) (restore func() error, err error) {
	old, err := unix.IoctlGetTermios(fd, ioctlGetTermios)
	if err != nil {
		return nil, err
	}
	t := *old
	t.Lflag &^= unix.ICANON | unix.ECHO
	t.Cc[unix.VMIN], t.Cc[unix.VTIME] = 1, 0
	if err := unix.IoctlSetTermios(fd, ioctlSetTermios, &t); err != nil {
		return nil, err
	}
	return func() error { return unix.IoctlSetTermios(fd, ioctlSetTermios, old) }, nil
}
