package compare

import (
	"fmt"
	"strings"

	"github.com/tidwall/match"
)

// pattern is a compiled ignore path: segments of a gjson path, where "#" matches any
// array index, "**" any number of levels, and "*" and "?" match within a key.
type pattern []string

// ValidIgnore reports whether a path can be used with Ignore: a dotted gjson path of keys
// (escaped with \ where gjson needs it), indexes, "#", "*", "?" and "**" — no queries,
// modifiers or pipes.
func ValidIgnore(path string) error {
	_, err := compile(path)
	return err
}

func compile(path string) (pattern, error) {
	if path == "" {
		return nil, fmt.Errorf("empty ignore path")
	}
	segs := splitPath(path)
	for _, s := range segs {
		switch {
		case s == "":
			return nil, fmt.Errorf("ignore path %q has an empty segment", path)
		case strings.HasPrefix(s, "@"):
			return nil, fmt.Errorf("ignore path %q: %q is a gjson modifier; escape a key that starts with @ as \\%s", path, s, s)
		case strings.HasPrefix(s, "#(") || strings.ContainsAny(unescaped(s), "|()"):
			return nil, fmt.Errorf("ignore path %q: queries, modifiers and pipes are not supported, only keys, indexes, #, *, ? and **", path)
		}
	}
	return pattern(segs), nil
}

// splitPath splits a gjson path on the dots that are not escaped.
func splitPath(path string) []string {
	var segs []string
	start := 0
	for i := 0; i < len(path); i++ {
		switch path[i] {
		case '\\':
			i++
		case '.':
			segs = append(segs, path[start:i])
			start = i + 1
		}
	}
	return append(segs, path[start:])
}

// unescaped drops the characters a backslash escapes, leaving the syntax.
func unescaped(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// match reports whether a path (raw keys, and indexes marked with a leading NUL) is
// matched by the pattern.
func (p pattern) match(path []string) bool {
	if len(p) == 0 {
		return len(path) == 0
	}
	if p[0] == "**" {
		for i := 0; i <= len(path); i++ {
			if p[1:].match(path[i:]) {
				return true
			}
		}
		return false
	}
	if len(path) == 0 || !segMatch(p[0], path[0]) {
		return false
	}
	return p[1:].match(path[1:])
}

func segMatch(pat, seg string) bool {
	if idx, ok := strings.CutPrefix(seg, "\x00"); ok {
		return pat == "#" || pat == "*" || pat == idx
	}
	return pat != "#" && match.Match(seg, pat)
}
