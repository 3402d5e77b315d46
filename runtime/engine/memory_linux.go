package engine

import (
	"os"
	"strconv"
	"strings"
	"syscall"
)

// machineMemory is the memory the process may use: the machine's RAM, or its cgroup's limit
// when lower (a container); 0 when unknown.
func machineMemory() int64 {
	var info syscall.Sysinfo_t
	total := int64(0)
	if syscall.Sysinfo(&info) == nil {
		total = int64(info.Totalram) * int64(info.Unit)
	}
	for _, path := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		b, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		// "max" (v2) or a huge number (v1) mean no limit.
		if n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil && n > 0 && (total <= 0 || n < total) {
			total = n
		}
	}
	return total
}
