package docjson

// scalar reads a string, number, literal or bare word at p.pos into v.
func (p *parser) scalar(v *Value) int {
	src := p.src
	pos := p.pos
	*v = Value{Line: p.line, Col: pos - p.lineStart + 1, Offset: pos}
	p.bare = false
	c := src[pos]
	switch c {
	case '"':
		s, r := p.str('"')
		v.Kind, v.Text = String, s
		return r
	case '\'':
		p.lenient(SingleQuote)
		s, r := p.str('\'')
		v.Kind, v.Text = String, s
		return r
	case 't':
		if p.literal("true") {
			v.Kind, v.Text = Bool, "true"
			return scOK
		}
	case 'f':
		if p.literal("false") {
			v.Kind, v.Text = Bool, "false"
			return scOK
		}
	case 'n':
		if p.literal("null") {
			return scOK
		}
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		if end := strictNumber(src, pos); end > 0 && (end == len(src) || !bareTab[src[end]] || p.commentAt(end)) {
			v.Kind, v.Text = Number, p.s[pos:end]
			p.pos = end
			return scOK
		}
	}
	if !bareTab[c] || c == '/' || c == ':' {
		return p.failInt(pos, "unexpected "+p.describe(pos)+" where a value should be")
	}
	j := pos + 1
	for j < len(src) && bareTab[src[j]] && !p.commentAt(j) {
		j++
	}
	run := p.s[pos:j]
	switch {
	case strictNumber(src[:j], pos) == j:
		v.Kind = Number
	case lenientNumber(run):
		v.Kind = Number
		p.lenient(NumberForm)
	case run == "true" || run == "false":
		v.Kind = Bool
	case run == "null":
		v.Kind = Null
	case equalFold(run, "true") || equalFold(run, "false"):
		v.Kind = Bool
		p.lenient(BareWord)
	case equalFold(run, "null") || equalFold(run, "none"):
		v.Kind = Null
		p.lenient(BareWord)
	default:
		if len(p.stack) == 0 {
			return p.failInt(pos, "unexpected "+p.describe(pos)+" where a value should be (bare words are accepted only inside objects and arrays)")
		}
		v.Kind = String
		p.lenient(BareWord)
		p.bare = true
	}
	switch v.Kind {
	case Bool:
		v.Text = "false"
		if len(run) == 4 {
			v.Text = "true"
		}
	case Number, String:
		v.Text = run
	}
	p.pos = j
	return scOK
}

func (p *parser) literal(lit string) bool {
	end := p.pos + len(lit)
	if end > len(p.src) || p.s[p.pos:end] != lit || end < len(p.src) && bareTab[p.src[end]] && !p.commentAt(end) {
		return false
	}
	p.pos = end
	return true
}

// equalFold reports whether s equals the lower-case ASCII word w, ignoring
// ASCII case.
func equalFold(s, w string) bool {
	if len(s) != len(w) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i]|0x20 != w[i] {
			return false
		}
	}
	return true
}

// strictNumber returns the end of the JSON number starting at src[i], or
// 0 if there is none.
func strictNumber[T string | []byte](src T, i int) int {
	n := len(src)
	if i < n && src[i] == '-' {
		i++
	}
	switch {
	case i < n && src[i] == '0':
		i++
	case i < n && src[i] >= '1' && src[i] <= '9':
		i++
		for i < n && isDigit(src[i]) {
			i++
		}
	default:
		return 0
	}
	if i < n && src[i] == '.' {
		i++
		if i >= n || !isDigit(src[i]) {
			return 0
		}
		for i < n && isDigit(src[i]) {
			i++
		}
	}
	if i < n && (src[i] == 'e' || src[i] == 'E') {
		i++
		if i < n && (src[i] == '+' || src[i] == '-') {
			i++
		}
		if i >= n || !isDigit(src[i]) {
			return 0
		}
		for i < n && isDigit(src[i]) {
			i++
		}
	}
	return i
}

// validNumber reports whether s is exactly one JSON number.
func validNumber(s string) bool {
	return len(s) > 0 && strictNumber(s, 0) == len(s)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// lenientNumber reports whether s is a number form that JSON does not
// allow: an optional sign, then NaN, Infinity, 0x<hex>, or digits with an
// optional fraction (either side of the point may be empty, not both) and
// an optional exponent.
func lenientNumber(s string) bool {
	if len(s) > 0 && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if s == "NaN" || s == "Infinity" {
		return true
	}
	if len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		for i := 2; i < len(s); i++ {
			if c := s[i] | 0x20; !isDigit(s[i]) && (c < 'a' || c > 'f') {
				return false
			}
		}
		return true
	}
	i, digits := 0, 0
	for i < len(s) && isDigit(s[i]) {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i >= len(s) || !isDigit(s[i]) {
			return false
		}
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	return i == len(s)
}
