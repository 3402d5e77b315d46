package main

import (
	"runtime/debug"
	"runtime/metrics"
	"testing"
)

// gcSettings reads the collector's GOGC and memory limit without changing them.
func gcSettings() (percent, limit int64) {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64()), int64(s[1].Value.Uint64())
}

func TestStartupGCTuning(t *testing.T) {
	const userPercent, userLimit = 150, 3 << 30
	prevPercent := debug.SetGCPercent(-1)
	prevLimit := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetGCPercent(prevPercent); debug.SetMemoryLimit(prevLimit) })

	for _, c := range []struct {
		name string
		env  map[string]string
		tune bool
	}{
		{"nothing set", nil, true},
		{"GOGC set", map[string]string{"GOGC": "200"}, false},
		{"GOGC off", map[string]string{"GOGC": "off"}, false},
		{"GOMEMLIMIT set", map[string]string{"GOMEMLIMIT": "3GiB"}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			debug.SetGCPercent(userPercent) // as the runtime had it from the environment
			debug.SetMemoryLimit(userLimit)
			restore := tuneStartupGC(func(k string) string { return c.env[k] })
			percent, limit := gcSettings()
			if !c.tune {
				if restore != nil || percent != userPercent || limit != userLimit {
					t.Fatalf("tuned the collector (GOGC %d, limit %d) although the environment sets it", percent, limit)
				}
				return
			}
			if restore == nil || percent != -1 || limit != startupHeap {
				t.Fatalf("start-up phase: GOGC %d, limit %d; want off and %d", percent, limit, startupHeap)
			}
			restore()
			if percent, limit := gcSettings(); percent != userPercent || limit != userLimit {
				t.Fatalf("after the start-up phase: GOGC %d, limit %d; want the earlier %d and %d", percent, limit, userPercent, userLimit)
			}
		})
	}
}
