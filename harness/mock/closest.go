package mock

import (
	"strings"

	"github.com/docconform/docconform/harness/internal/docurl"
	"github.com/docconform/docconform/harness/internal/editdist"
)

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
		got := strings.ToLower(anyValue(strings.TrimPrefix(r.path, "/"+r.examples[0].version)))
		if d := levenshtein(want, got); bestLetters < 0 || d < bestLetters {
			win, bestLetters = r, d
		}
	}
	return win
}

// segDistance is the edit distance between request segments and a route's.
func segDistance(a []string, b []routeSeg) int {
	return editdist.Distance(len(a), len(b), func(i, j int) bool { return b[j].wild || b[j].lit == a[i] })
}

// maxLetters bounds the strings compared letter by letter.
const maxLetters = 256

// levenshtein is the edit distance between two strings, in bytes, up to maxLetters each.
func levenshtein(a, b string) int {
	return editdist.Strings(a[:min(len(a), maxLetters)], b[:min(len(b), maxLetters)])
}

// anyValue writes every placeholder of a route's path as "*": how a placeholder is
// spelled ({id} or {id | userPrincipalName}) says nothing of how close a request is.
func anyValue(path string) string {
	phs := docurl.Placeholders(path)
	if len(phs) == 0 {
		return path
	}
	var pairs []string
	for _, p := range phs {
		pairs = append(pairs, p.Text, "*")
	}
	return strings.NewReplacer(pairs...).Replace(path)
}
