package mock

import (
	"strings"
	"unicode/utf8"

	"github.com/docconform/docconform/harness/internal/docurl"
)

// token is one piece of a compiled template: a literal (matched case-insensitively) or a
// placeholder (matched by one or more characters).
type token struct {
	lit string // the literal, decoded; "" for a placeholder
	// ph is the placeholder as written ("{id}"), "" for a literal. A request that carries
	// exactly this text matches it as a literal would (see hits).
	ph string
	// multi: the placeholder may span several path segments (it stands right after ":/",
	// OneDrive path addressing), or it is in a query value.
	multi bool
}

// template is a documented path or query value, compiled.
type template []token

// compile reads s, a documented path or query value as written, into a template.
// Placeholders are found as docurl finds them; literal text becomes what a server reads
// from the request the replay stage sends for it: escaped with docurl.Escape, then
// decoded (decode). Adjacent placeholders merge into one.
func compile(s string, query bool) template {
	var t template
	add := func(lit string) {
		if lit == "" {
			return
		}
		lit = decode(docurl.Escape(lit, query), query)
		if query {
			lit = squeeze(lit)
		}
		if n := len(t); n > 0 && t[n-1].ph == "" {
			t[n-1].lit += lit
			return
		}
		t = append(t, token{lit: lit})
	}
	rest := s
	for _, p := range docurl.Placeholders(s) {
		i := strings.Index(rest, p.Text)
		if i < 0 { // cannot happen: placeholders are listed in order
			break
		}
		add(rest[:i])
		rest = rest[i+len(p.Text):]
		multi := query
		if n := len(t); n > 0 && t[n-1].ph == "" && strings.HasSuffix(t[n-1].lit, ":/") {
			multi = true
		}
		if n := len(t); n > 0 && t[n-1].ph != "" {
			t[n-1].ph += p.Text
			t[n-1].multi = t[n-1].multi || multi
			continue
		}
		t = append(t, token{ph: p.Text, multi: multi})
	}
	add(rest)
	return t
}

// literal reports whether the template holds no placeholder.
func (t template) literal() bool {
	for _, tok := range t {
		if tok.ph != "" {
			return false
		}
	}
	return true
}

// litLen is the number of literal bytes in the template.
func (t template) litLen() int {
	n := 0
	for _, tok := range t {
		n += len(tok.lit)
	}
	return n
}

// String writes the template as documented (placeholders as written, literals decoded).
func (t template) String() string {
	var b strings.Builder
	for _, tok := range t {
		b.WriteString(tok.lit)
		b.WriteString(tok.ph)
	}
	return b.String()
}

// key is the template with literals folded to lower case and placeholders as written
// (exact) or as "{}" (shape).
func (t template) key(shape bool) string {
	var b strings.Builder
	for _, tok := range t {
		switch {
		case tok.ph == "":
			b.WriteString(strings.ToLower(tok.lit))
		case shape:
			b.WriteString("{}")
		default:
			b.WriteString(tok.ph)
		}
	}
	return b.String()
}

// maxSteps bounds the work of one match: past it the template does not match.
const maxSteps = 1 << 20

// match reports whether s matches the template, and how many bytes of s matched a
// placeholder by its own text as written (hits): a request that sends "{id}" for the
// placeholder {id} is as specific as a literal.
func (t template) match(s string) (ok bool, hits int) {
	phs := 0
	for _, tok := range t {
		if tok.ph != "" {
			phs++
		}
	}
	m := matcher{t: t, s: s}
	if phs > 1 {
		n := (len(t) + 1) * (len(s) + 1)
		if n > maxSteps {
			return false, 0
		}
		m.failed = make([]bool, n)
	}
	return m.run(0, 0)
}

type matcher struct {
	t      template
	s      string
	failed []bool // memo of (token, position) pairs known not to match; nil: no memo
	steps  int
}

func (m *matcher) run(i, pos int) (bool, int) {
	if i == len(m.t) {
		return pos == len(m.s), 0
	}
	memo := i*(len(m.s)+1) + pos
	if m.failed != nil && m.failed[memo] || m.steps > maxSteps {
		return false, 0
	}
	m.steps++
	tok := m.t[i]
	if tok.ph == "" {
		if len(m.s)-pos >= len(tok.lit) && foldEqual(m.s[pos:pos+len(tok.lit)], tok.lit) {
			if ok, h := m.run(i+1, pos+len(tok.lit)); ok {
				return true, h
			}
		}
	} else {
		// The placeholder's own text first, so that a request carrying it counts it as a hit.
		if strings.HasPrefix(m.s[pos:], tok.ph) {
			if ok, h := m.run(i+1, pos+len(tok.ph)); ok {
				return true, h + len(tok.ph)
			}
		}
		var next string
		if i+1 < len(m.t) {
			next = m.t[i+1].lit
		}
		for end := pos + 1; end <= len(m.s) && m.steps <= maxSteps; end++ {
			m.steps += 1 + len(next)
			if c := m.s[end-1]; c == '/' && !tok.multi {
				break
			}
			if next != "" && (len(m.s)-end < len(next) || !foldEqual(m.s[end:end+len(next)], next)) {
				continue
			}
			if next == "" && i+1 < len(m.t) {
				// cannot happen: adjacent placeholders are merged
				continue
			}
			if ok, h := m.run(i+1, end); ok {
				return true, h
			}
		}
	}
	if m.failed != nil {
		m.failed[memo] = true
	}
	return false, 0
}

// foldEqual is strings.EqualFold for two strings of the same length in bytes.
func foldEqual(a, b string) bool {
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		if x >= utf8.RuneSelf || y >= utf8.RuneSelf {
			return strings.EqualFold(a[i:], b[i:])
		}
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// decode percent-decodes s: every %XX with two hex digits, and nothing else (a lone "%"
// stays). In a query, "+" is read as a space, as forms send it.
func decode(s string, query bool) string {
	i := strings.IndexByte(s, '%')
	if i < 0 && (!query || strings.IndexByte(s, '+') < 0) {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s) && ishex(s[i+1]) && ishex(s[i+2]):
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
		case c == '+' && query:
			b = append(b, ' ')
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

func ishex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// squeeze replaces every run of white space with one space: query values are compared
// without regard to how OData expressions are spaced.
func squeeze(s string) string {
	if !strings.ContainsAny(s, "\t\r\n\v\f") && !strings.Contains(s, "  ") {
		return s
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f' {
			if !space {
				b = append(b, ' ')
			}
			space = true
			continue
		}
		space = false
		b = append(b, c)
	}
	return string(b)
}
