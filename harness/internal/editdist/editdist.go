// Package editdist measures how far apart two sequences are: the Levenshtein distance,
// the fewest insertions, deletions and substitutions that turn one into the other. It
// serves the suggestions docconform makes ("did you mean ...?", "the closest documented
// route is ...").
package editdist

// Distance is the edit distance between a sequence of n items and one of m items, where
// same(i, j) says whether the i-th item of the first equals the j-th of the second.
func Distance(n, m int, same func(i, j int) bool) int {
	prev := make([]int, m+1)
	cur := make([]int, m+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= n; i++ {
		cur[0] = i
		for j := 1; j <= m; j++ {
			sub := 1
			if same(i-1, j-1) {
				sub = 0
			}
			cur[j] = min(prev[j-1]+sub, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[m]
}

// Strings is the edit distance between two strings, in bytes.
func Strings(a, b string) int {
	return Distance(len(a), len(b), func(i, j int) bool { return a[i] == b[j] })
}
