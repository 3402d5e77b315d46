// Command rawclient is the baseline of the wsrun benchmarks: a plain gorilla/websocket client
// doing, workload for workload, what the scripts in ../scripts do, the way most Go code would
// write it. The benchmark runs it as a child process, exactly like wsrun, so both are measured
// the same way (wall time, user+sys CPU, peak RSS).
//
// Usage:
//
//	rawclient noop
//	rawclient connect    BASE_URL
//	rawclient echo       BASE_URL N
//	rawclient push       BASE_URL N SIZE
//	rawclient concurrent BASE_URL C
//
// BASE_URL is the benchmark server, e.g. ws://127.0.0.1:40123; each workload appends its own
// path. A workload that does not see what it expects exits with status 1 and says why.
package main

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// timeout bounds every workload, so a broken server cannot hang the benchmark.
const timeout = 2 * time.Minute

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "rawclient:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("usage: rawclient noop|connect|echo|push|concurrent BASE_URL [N [SIZE]]")
	}
	deadline := time.Now().Add(timeout)
	num := func(i int) (int, error) {
		if len(args) <= i {
			return 0, fmt.Errorf("%s: missing argument %d", args[0], i)
		}
		return strconv.Atoi(args[i])
	}
	if args[0] == "noop" {
		return nil
	}
	if len(args) < 2 {
		return fmt.Errorf("%s: missing BASE_URL", args[0])
	}
	base := args[1]
	switch args[0] {
	case "connect":
		return connectClose(base, deadline)
	case "echo":
		n, err := num(2)
		if err != nil {
			return err
		}
		return echo(base, n, deadline)
	case "push":
		n, err := num(2)
		if err != nil {
			return err
		}
		size, err := num(3)
		if err != nil {
			return err
		}
		return push(base, n, size, deadline)
	case "concurrent":
		c, err := num(2)
		if err != nil {
			return err
		}
		return concurrent(base, c, deadline)
	}
	return fmt.Errorf("unknown workload %q", args[0])
}
