package mock

import "strings"

// maxClosestSegs bounds the request segments compared with routes.
const maxClosestSegs = 64

// maxClosestTies bounds the routes compared letter by letter when many are equally close
// by segments.
const maxClosestTies = 256

// closest is the documented route most like a request that matched none: fewest
// segment edits (a placeholder segment matches any segment), counting another version
// or method as half an edit; then fewest letter edits; then the first documented.
func (m *Mock) closest(method, version, path string) *route {
	var segs []string
	if path != "" {
		segs = strings.SplitN(strings.ToLower(path[1:]), "/", maxClosestSegs+1)
		segs = segs[:min(len(segs), maxClosestSegs)]
	}
	best := -1
	var ties []*route
	for _, r := range m.routes {
		d := 2 * segDistance(segs, r.segs)
		if r.version != version {
			d++
		}
		if r.method != method {
			d++
		}
		switch {
		case best < 0 || d < best:
			best, ties = d, append(ties[:0], r)
		case d == best && len(ties) < maxClosestTies:
			ties = append(ties, r)
		}
	}
	if len(ties) <= 1 {
		if len(ties) == 1 {
			return ties[0]
		}
		return nil
	}
	want := strings.ToLower(path)
	var win *route
	bestLetters := -1
	for _, r := range ties {
		got := strings.ToLower(strings.TrimPrefix(r.path, "/"+r.examples[0].version))
		if d := levenshtein(want, got); bestLetters < 0 || d < bestLetters {
			win, bestLetters = r, d
		}
	}
	return win
}

// segDistance is the edit distance between request segments and a route's.
func segDistance(a []string, b []routeSeg) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			sub := 1
			if b[j-1].wild || b[j-1].lit == a[i-1] {
				sub = 0
			}
			cur[j] = min(prev[j-1]+sub, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// maxLetters bounds the strings compared letter by letter.
const maxLetters = 256

// levenshtein is the edit distance between two strings, in bytes, up to maxLetters each.
func levenshtein(a, b string) int {
	a, b = a[:min(len(a), maxLetters)], b[:min(len(b), maxLetters)]
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			sub := 1
			if a[i-1] == b[j-1] {
				sub = 0
			}
			cur[j] = min(prev[j-1]+sub, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
