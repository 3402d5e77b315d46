//go:build unix

package transport

import "syscall"

const canWriteDirect = true

func rawWrite(fd uintptr, p []byte) (int, error) { return syscall.Write(int(fd), p) }
