//go:build race

package expect

// raceEnabled: the race detector slows goja several times over; timing tests use less work.
const raceEnabled = true
