package argcheck

import "strings"

// Closest returns the word of known that word is most likely a misspelling of, or "" when
// none is close: a different case, or an edit distance (insertions, deletions, substitutions
// and swaps of neighbours) of at most a third of the known word's length, at least 1. Ties go
// to the earlier word.
func Closest(word string, known []string) string {
	best, bestDist := "", -1
	lw := strings.ToLower(word)
	for _, k := range known {
		d := distance(lw, strings.ToLower(k))
		if d > max(1, len(k)/3) {
			continue
		}
		if bestDist < 0 || d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// distance is the optimal string alignment distance between a and b, by bytes: Levenshtein
// with a swap of two neighbouring characters counted as one edit ("timoeut" → "timeout").
func distance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return max(len(a), len(b)) // no name is that long; do not spend time on it
	}
	// Three rows: the one before the previous is needed for swaps.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
