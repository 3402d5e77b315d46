// Command launch runs one program and prints what it cost, for the wsrun benchmarks.
//
// Why it exists: on Linux a process started with fork/vfork and exec inherits its parent's
// peak RSS as a floor on its own ru_maxrss (exec folds the old address space's high-water
// mark into it, and Go's os/exec shares the parent's address space until exec). The
// benchmark process holds the server and grows to tens of MB, so it cannot measure a child's
// peak memory itself. This launcher is small: it first resets its own high-water mark
// (/proc/self/clear_refs), then starts the program, so the floor is only its own few MB,
// which it reports as floor-kib.
//
// Usage:
//
//	launch PROGRAM [ARG ...]
//
// When WSRUN_BENCH_CPU is a CPU number (not -1), launch pins itself, and so the program, to
// that CPU first. The program's stdout and stderr go to launch's stderr; launch's stdout gets one line,
// "wall-ns=N cpu-ns=N maxrss-kib=N floor-kib=N", and launch exits with the program's status.
package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: launch PROGRAM [ARG ...]")
		os.Exit(2)
	}
	// "5" resets the peak RSS to the current RSS (see proc(5)); without it the floor would
	// be this process's own peak, which is already small.
	// pin sets this thread's mask, and fork copies the forking thread's: keep both one thread.
	runtime.LockOSThread()
	if err := pin(os.Getenv("WSRUN_BENCH_CPU")); err != nil {
		fmt.Fprintln(os.Stderr, "launch:", err)
		os.Exit(2)
	}
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	floor := selfHWM()
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = nil, os.Stderr, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if cmd.ProcessState == nil {
		fmt.Fprintln(os.Stderr, "launch:", err)
		os.Exit(127)
	}
	ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	var maxrss int64
	if ru != nil {
		maxrss = ru.Maxrss
	}
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	fmt.Printf("wall-ns=%d cpu-ns=%d maxrss-kib=%d floor-kib=%d\n", wall.Nanoseconds(), cpu.Nanoseconds(), maxrss, floor)
	os.Exit(cmd.ProcessState.ExitCode())
}

// selfHWM is this process's peak RSS in KiB, from /proc/self/status (0 if unknown).
func selfHWM() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return n
		}
	}
	return 0
}

// pin sets the CPU affinity of this process, which the child inherits, to the CPU cpu names;
// "" or "-1" leave it alone. Only the calling thread's mask changes; main locks it.
func pin(cpu string) error {
	if cpu == "" || cpu == "-1" {
		return nil
	}
	n, err := strconv.Atoi(cpu)
	if err != nil || n < 0 {
		return fmt.Errorf("WSRUN_BENCH_CPU=%q: want a CPU number or -1", cpu)
	}
	var set unix.CPUSet
	set.Set(n)
	if err := unix.SchedSetaffinity(0, &set); err != nil {
		return fmt.Errorf("pin to CPU %d: %w", n, err)
	}
	return nil
}
