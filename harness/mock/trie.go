package mock

import "strings"

// node is a trie node over path segments: literal ones (in lower case) and whole-segment
// placeholders.
type node struct {
	children map[string]*node
	wild     *node      // a segment that is one placeholder
	ends     []*example // paths that end here
	tails    []tail     // paths whose rest, from here, needs the template matcher
}

// tail is the rest of an example's path from the first segment that is neither literal
// nor one placeholder (a placeholder inside a segment, or one spanning segments).
type tail struct {
	ex *example
	t  template // starts with "/"
}

// wildSeg is a whole-segment placeholder on an example's trie path: the segment index and
// the placeholder as written.
type wildSeg struct {
	seg int
	ph  string
}

// trie is the trie of a version, made when missing.
func (m *Mock) trie(version string) *node {
	v := strings.ToLower(version)
	n := m.tries[v]
	if n == nil {
		n = &node{}
		m.tries[v] = n
	}
	return n
}

// insert files the example in a trie, and returns its whole-segment placeholders on the
// way.
func insert(n *node, ex *example) []wildSeg {
	var wild []wildSeg
	segs := splitSegments(ex.path)
	for i, seg := range segs {
		switch {
		case len(seg) == 0 || len(seg) == 1 && seg[0].ph == "":
			k := ""
			if len(seg) == 1 {
				k = strings.ToLower(seg[0].lit)
			}
			c := n.children[k]
			if c == nil {
				if n.children == nil {
					n.children = map[string]*node{}
				}
				c = &node{}
				n.children[k] = c
			}
			n = c
		case len(seg) == 1 && !seg[0].multi:
			if n.wild == nil {
				n.wild = &node{}
			}
			n = n.wild
			wild = append(wild, wildSeg{i, seg[0].ph})
		default:
			n.tails = append(n.tails, tail{ex, joinSegments(segs[i:])})
			return wild
		}
	}
	n.ends = append(n.ends, ex)
	return wild
}

// splitSegments splits a path template ("" or starting with "/") at its slashes: one
// template per segment. A placeholder spanning segments stays whole, in the segment
// where it starts.
func splitSegments(t template) []template {
	if len(t) == 0 {
		return nil
	}
	var segs []template
	var cur template
	first := true
	for _, tok := range t {
		if tok.ph != "" {
			cur = append(cur, tok)
			continue
		}
		parts := strings.Split(tok.lit, "/")
		for j, part := range parts {
			if j > 0 {
				if !first {
					segs = append(segs, cur)
				}
				first = false
				cur = nil
			}
			if part != "" {
				cur = append(cur, token{lit: part})
			}
		}
	}
	return append(segs, cur)
}

// joinSegments is the template of segments joined, each after a "/".
func joinSegments(segs []template) template {
	var t template
	for _, seg := range segs {
		t = appendLit(t, "/")
		for _, tok := range seg {
			if tok.ph == "" {
				t = appendLit(t, tok.lit)
			} else {
				t = append(t, tok)
			}
		}
	}
	return t
}

func appendLit(t template, lit string) template {
	if n := len(t); n > 0 && t[n-1].ph == "" {
		t[n-1].lit += lit
		return t
	}
	return append(t, token{lit: lit})
}

// candidate is an example whose path matches a request.
type candidate struct {
	ex   *example
	spec int // literal bytes of the path matched, with placeholders sent as written
}

// lookup finds the examples whose path matches.
func (m *Mock) lookup(version, path string) []candidate {
	root := m.tries[version]
	if root == nil {
		return nil
	}
	return walk(root, path)
}

// walk finds the examples of a trie whose path matches.
func walk(root *node, path string) []candidate {
	// offs[i] is where the "/" before segment i is; offs[len(segs)] is len(path).
	var segs []string
	var offs []int
	if path != "" {
		for i := 0; i < len(path); {
			j := strings.IndexByte(path[i+1:], '/')
			if j < 0 {
				j = len(path)
			} else {
				j += i + 1
			}
			segs = append(segs, path[i+1:j])
			offs = append(offs, i)
			i = j
		}
	}
	offs = append(offs, len(path))
	var out []candidate
	hits := func(ex *example) int {
		h := 0
		for _, w := range ex.wild {
			if segs[w.seg] == w.ph {
				h += len(w.ph)
			}
		}
		return h
	}
	var step func(n *node, i int)
	step = func(n *node, i int) {
		for _, tl := range n.tails {
			if ok, h := tl.t.match(path[offs[i]:]); ok {
				out = append(out, candidate{tl.ex, tl.ex.litLen + hits(tl.ex) + h})
			}
		}
		if i == len(segs) {
			for _, ex := range n.ends {
				out = append(out, candidate{ex, ex.litLen + hits(ex)})
			}
			return
		}
		if c := n.children[strings.ToLower(segs[i])]; c != nil {
			step(c, i+1)
		}
		if n.wild != nil && segs[i] != "" {
			step(n.wild, i+1)
		}
	}
	step(root, 0)
	return out
}
