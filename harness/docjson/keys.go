package docjson

import "strconv"

// key reads an object key at p.pos (a quote or an identifier start) and
// checks it against the keys already seen.
func (p *parser) key(f *frame, st state, missing bool) int {
	line, col, off := p.line, p.pos-p.lineStart+1, p.pos
	c := p.src[p.pos]
	var k string
	switch {
	case c == '"' || c == '\'':
		if missing {
			p.lenient(MissingComma)
		}
		if c == '\'' {
			p.lenient(SingleQuote)
		}
		var r int
		k, r = p.str(c)
		if r != scOK {
			return r
		}
	case identStart[c]:
		j := p.pos + 1
		for j < len(p.src) && identChar[p.src[j]] {
			j++
		}
		p.pos = j
		if !p.skipSpace() {
			return scErr
		}
		if p.pos >= len(p.src) {
			return scEOF
		}
		if p.src[p.pos] != ':' {
			if missing {
				return p.failInt(off, `expected "," or "}" after object member, found `+p.describe(off))
			}
			return p.failInt(p.pos, `expected ":" after object key `+strconv.Quote(p.s[off:j])+`, found `+p.describe(p.pos))
		}
		if missing {
			p.lenientAt(MissingComma, line, col, off)
		}
		p.lenientAt(UnquotedKey, line, col, off)
		k = p.s[off:j]
	default:
		if st == stComma {
			return p.failInt(p.pos, `expected an object key after ",", found `+p.describe(p.pos))
		}
		return p.failInt(p.pos, `expected an object key or "}", found `+p.describe(p.pos))
	}
	if p.seen(f, k) {
		p.lenientAt(DuplicateKey, line, col, off)
	}
	f.key, f.keyLine, f.keyCol, f.keyOff = k, line, col, off
	return scOK
}

// seen reports whether the object f already has a member with key k, and
// remembers k.
func (p *parser) seen(f *frame, k string) bool {
	if f.keys != nil {
		if _, ok := f.keys[k]; ok {
			return true
		}
		f.keys[k] = struct{}{}
		return false
	}
	members := p.mems[f.start:]
	var h uint
	if len(k) > 0 {
		h = uint(len(k)) + uint(k[0])*7 + uint(k[len(k)-1])*31 + uint(k[len(k)/2])*131
	}
	bit := uint64(1) << (h & 63)
	dup := false
	if f.keyMask&bit != 0 {
		for i := range members {
			if members[i].Key == k {
				dup = true
				break
			}
		}
	}
	f.keyMask |= bit
	if len(members) >= 32 {
		f.keys = make(map[string]struct{}, 2*len(members))
		for i := range members {
			f.keys[members[i].Key] = struct{}{}
		}
		f.keys[k] = struct{}{}
	}
	return dup
}
