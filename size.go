package main

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// sizeUnits are the suffixes parseSize takes, case-insensitively. A bare K, M or G is binary,
// as in ulimit and docker; KB, MB and GB are decimal.
var sizeUnits = []struct {
	suffix string
	bytes  float64
}{
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"tib", 1 << 40},
	{"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9}, {"tb", 1e12},
	{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"t", 1 << 40},
	{"b", 1},
}

// parseSize reads a size in bytes like "512MiB", "2GiB", "1.5G" or "1000000". It must be
// more than 0.
func parseSize(s string) (int64, error) {
	num, mult := strings.ToLower(strings.TrimSpace(s)), 1.0
	for _, u := range sizeUnits {
		if strings.HasSuffix(num, u.suffix) {
			num, mult = strings.TrimSpace(strings.TrimSuffix(num, u.suffix)), u.bytes
			break
		}
	}
	n, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) || strings.ContainsAny(num, "xXpP_") {
		return 0, errors.New("want a size like 512MiB, 2GiB or a number of bytes")
	}
	n *= mult
	switch {
	case n < 1:
		return 0, errors.New("the size must be more than 0")
	case n >= math.MaxInt64:
		return 0, errors.New("the size is too large")
	}
	return int64(n), nil
}
