//go:build !unix

package transport

// Elsewhere every write stays on the writer goroutine.
const canWriteDirect = false

func rawWrite(uintptr, []byte) (int, error) { panic("transport: no direct writes here") }
