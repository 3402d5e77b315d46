//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package main

import "errors"

// cbreak is not implemented here (Windows): watch mode re-runs on changes, without keys.
func cbreak(int) (func() error, error) {
	return nil, errors.New("reading single keys is not supported on this system")
}
