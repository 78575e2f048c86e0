package docjson

import (
	"encoding/binary"
	"unicode/utf16"
	"unicode/utf8"
)

// str reads a string whose opening quote q is at p.pos. On scEOF the text
// ended inside the string.
func (p *parser) str(q byte) (string, int) {
	src := p.src
	start := p.pos + 1
	i := start
	if q == '"' {
		// Eight bytes at a time while none is a quote, a backslash, a
		// control character or non-ASCII.
		const lo, hi = 0x0101010101010101, 0x8080808080808080
		for i+8 <= len(src) {
			x := binary.LittleEndian.Uint64(src[i:])
			xq, xb := x^(lo*'"'), x^(lo*'\\')
			if ((xq-lo)&^xq|(xb-lo)&^xb|(x-lo*0x20)|x)&hi != 0 {
				break
			}
			i += 8
		}
		for i < len(src) && !strStop[src[i]] {
			i++
		}
		if i < len(src) && src[i] == '"' {
			p.pos = i + 1
			return p.s[start:i], scOK
		}
	}
	return p.strSlow(q, start, i)
}

// strSlow continues reading a string from src[i]; src[start:i] needs no
// decoding.
func (p *parser) strSlow(q byte, start, i int) (string, int) {
	src := p.src
	buf := p.buf[:0]
	copying := false // the decoded text is being built in buf
	seg := start     // src[seg:i] is still to be copied to buf
	for i < len(src) {
		c := src[i]
		switch {
		case c == q:
			p.pos = i + 1
			if !copying {
				return p.s[start:i], scOK
			}
			buf = append(buf, src[seg:i]...)
			p.buf = buf
			return string(buf), scOK
		case c < 0x20:
			if c != '\n' || i == 0 || src[i-1] != '\r' {
				p.lens = append(grow(p.lens), Leniency{Kind: RawControlChar, Line: p.line, Col: i - p.lineStart + 1, Offset: i})
			}
			i++
			if c == '\n' {
				p.line++
				p.lineStart = i
			}
		case c == '\\':
			if !copying {
				copying = true
			}
			buf = append(buf, src[seg:i]...)
			if i+1 >= len(src) {
				p.buf = buf
				return "", scEOF
			}
			switch e := src[i+1]; e {
			case '"', '\\', '/':
				buf = append(buf, e)
				i += 2
			case 'b':
				buf = append(buf, '\b')
				i += 2
			case 'f':
				buf = append(buf, '\f')
				i += 2
			case 'n':
				buf = append(buf, '\n')
				i += 2
			case 'r':
				buf = append(buf, '\r')
				i += 2
			case 't':
				buf = append(buf, '\t')
				i += 2
			case 'u':
				r := hex4(src, i+2)
				if r < 0 {
					p.lens = append(grow(p.lens), Leniency{Kind: BadEscape, Line: p.line, Col: i - p.lineStart + 1, Offset: i})
					buf = append(buf, '\\')
					i++ // the "u" and what follows are read as plain text
					break
				}
				i += 6
				if utf16.IsSurrogate(r) {
					// As encoding/json: a valid pair is combined, anything
					// else becomes U+FFFD.
					r2 := rune(-1)
					if i+1 < len(src) && src[i] == '\\' && src[i+1] == 'u' {
						r2 = hex4(src, i+2)
					}
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						r = d
						i += 6
					} else {
						r = utf8.RuneError
					}
				}
				buf = utf8.AppendRune(buf, r)
			case '\'':
				if q == '\'' {
					buf = append(buf, '\'')
					i += 2
					break
				}
				fallthrough
			default:
				p.lens = append(grow(p.lens), Leniency{Kind: BadEscape, Line: p.line, Col: i - p.lineStart + 1, Offset: i})
				buf = append(buf, '\\')
				i++ // the escaped character is read as plain text
			}
			seg = i
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && size == 1 {
				copying = true
				buf = append(buf, src[seg:i]...)
				buf = append(buf, "\uFFFD"...)
				i++
				seg = i
				continue
			}
			i += size
		default:
			i++
		}
	}
	p.buf = buf
	return "", scEOF
}

func hex4(src []byte, i int) rune {
	if i+4 > len(src) {
		return -1
	}
	var r rune
	for _, c := range src[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}
