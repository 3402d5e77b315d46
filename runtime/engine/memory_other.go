//go:build !linux

package engine

// machineMemory is 0, unknown, where wsrun does not read it.
func machineMemory() int64 { return 0 }
