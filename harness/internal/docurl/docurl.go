// Package docurl reads request URLs as API docs write them and turns them into URLs that
// can be sent. It is shared by the stages that send requests (replay) and answer them
// (mock), so both read a documented URL the same way.
//
// A documented URL may be absolute (https://graph.microsoft.com/v1.0/me), a bare path
// (/me/drive), or a path without its leading slash (sites/{id}); it may lack a version
// segment, hold a backslash for a slash (the seed page: docs\api), raw spaces and quotes
// in OData query values ($filter=startswith(displayName, 'A')), placeholders with
// alternatives ({id | userPrincipalName}), angle-bracket placeholders (<row>), and URLs
// inside query values ($ref?$id=https://graph.microsoft.com/v1.0/users/{id}), which are
// data and left alone.
package docurl

import (
	"path"
	"strings"
	"unicode/utf8"
)

// URL is a documented request URL taken apart. Nothing is decoded or encoded.
type URL struct {
	// Scheme and Host are those written ("https", "graph.microsoft.com"); empty when the
	// doc gives a bare path.
	Scheme, Host string
	// Version is the path's first segment when it names an API version ("v1.0", "beta",
	// "V1.0", "v1"); empty when the path has none.
	Version string
	// Path is the rest of the path, starting with "/" ("/users/{id}/drive"), "" for none.
	Path string
	// Query is the raw query without "?" ("$select=id,displayName"), "" for none.
	Query string
}

// Parse takes a documented URL apart. Backslashes in the path are read as slashes.
func Parse(raw string) URL {
	var u URL
	s := strings.TrimSpace(raw)
	if i := strings.Index(s, "://"); i > 0 && !strings.ContainsAny(s[:i], "/?{ ") {
		u.Scheme = s[:i]
		s = s[i+3:]
		end := strings.IndexAny(s, `/\?`)
		if end < 0 {
			end = len(s)
		}
		u.Host, s = s[:end], s[end:]
	}
	p, q, _ := strings.Cut(s, "?")
	u.Query = q
	p = strings.ReplaceAll(p, `\`, "/")
	if p != "" && !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if first, rest, ok := strings.Cut(strings.TrimPrefix(p, "/"), "/"); first != "" && IsVersion(first) {
		u.Version = first
		if ok {
			p = "/" + rest
		} else {
			p = ""
		}
	}
	u.Path = p
	return u
}

// IsVersion reports whether a path segment names an API version: "beta", or "v" followed
// by a number ("v1.0", "v1", "V2.1"), in any case.
func IsVersion(seg string) bool {
	if strings.EqualFold(seg, "beta") {
		return true
	}
	if len(seg) < 2 || (seg[0] != 'v' && seg[0] != 'V') {
		return false
	}
	dot := false
	for i := 1; i < len(seg); i++ {
		switch c := seg[i]; {
		case c >= '0' && c <= '9':
		case c == '.' && !dot && i > 1 && i < len(seg)-1:
			dot = true
		default:
			return false
		}
	}
	return true
}

// PageVersion returns the API version a page's folder gives: the nearest enclosing folder
// named like a version ("v1.0", "beta") or ending in one after a "-" ("graph-docs-v1.0",
// "api-reference-beta"); "" when none does. page is slash-separated.
func PageVersion(page string) string {
	dir := path.Dir(page)
	for dir != "." && dir != "/" && dir != "" {
		base := path.Base(dir)
		if IsVersion(base) {
			return base
		}
		if i := strings.LastIndexByte(base, '-'); i >= 0 && IsVersion(base[i+1:]) {
			return base[i+1:]
		}
		parent := path.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return ""
}

// Placeholder is a documented placeholder: "{id}", "{id | userPrincipalName}", "<row>".
type Placeholder struct {
	// Text is the placeholder as written, with its brackets.
	Text string
	// Names are its alternatives, trimmed, in order ("id", "userPrincipalName").
	Names []string
}

// Placeholders lists the placeholders in s, in order: "{...}" or "<...>" holding one or
// more names separated by "|", each name made of letters, digits and "-_.: " (so JSON
// objects and HTML tags are not placeholders).
func Placeholders(s string) []Placeholder {
	var out []Placeholder
	for i := 0; i < len(s); i++ {
		if s[i] != '{' && s[i] != '<' {
			continue
		}
		if p, n, ok := placeholderAt(s, i); ok {
			out = append(out, p)
			i += n - 1
		}
	}
	return out
}

func placeholderAt(s string, i int) (Placeholder, int, bool) {
	closer := byte('}')
	if s[i] == '<' {
		closer = '>'
	}
	end := strings.IndexByte(s[i+1:], closer)
	if end < 0 {
		return Placeholder{}, 0, false
	}
	inner := s[i+1 : i+1+end]
	var names []string
	for _, alt := range strings.Split(inner, "|") {
		name := strings.TrimSpace(alt)
		if !isName(name) {
			return Placeholder{}, 0, false
		}
		names = append(names, name)
	}
	return Placeholder{Text: s[i : i+end+2], Names: names}, end + 2, true
}

func isName(s string) bool {
	if s == "" || len(s) > 80 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-_.: ", c) >= 0) {
			return false
		}
	}
	c := s[0]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// Fill replaces each placeholder in s with the value of its first alternative that
// lookup knows, and returns the result and the placeholders left unfilled.
func Fill(s string, lookup func(name string) (string, bool)) (string, []Placeholder) {
	var b strings.Builder
	var left []Placeholder
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '{' && s[i] != '<' {
			continue
		}
		p, n, ok := placeholderAt(s, i)
		if !ok {
			continue
		}
		val, found := "", false
		for _, name := range p.Names {
			if val, found = lookup(name); found {
				break
			}
		}
		if !found {
			left = append(left, p)
			i += n - 1
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(val)
		i += n - 1
		last = i + 1
	}
	if last == 0 {
		return s, left
	}
	b.WriteString(s[last:])
	return b.String(), left
}

// Escape percent-encodes what cannot stand in a URL as written — spaces, control
// characters, non-ASCII, and "\"<>\\^`{|}" — and a "%" not followed by two hex digits.
// Everything else is kept as the docs write it: OData's $, (, ), ', commas and
// already-encoded %XX sequences. "#" is encoded too (it would start a fragment), and in a
// path "?" (it would start the query).
func Escape(s string, query bool) string {
	const hexdigits = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(c)
		case c <= ' ' || c >= utf8.RuneSelf || c == 0x7f || strings.IndexByte("\"<>\\^`{|}%", c) >= 0 || c == '#' || (!query && c == '?'):
			b.WriteByte('%')
			b.WriteByte(hexdigits[c>>4])
			b.WriteByte(hexdigits[c&15])
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// Target is the path and query to request for a documented URL: the version segment (the
// doc's, else version), the path and the query, escaped. "/v1.0/users/%7Bid%7D?$top=2".
func (u URL) Target(version string) string {
	v := u.Version
	if v == "" {
		v = version
	}
	t := ""
	if v != "" {
		t = "/" + v
	}
	t += Escape(u.Path, false)
	if t == "" {
		t = "/"
	}
	if u.Query != "" {
		t += "?" + Escape(u.Query, true)
	}
	return t
}
