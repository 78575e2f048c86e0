package docjson

import (
	"bytes"
	"unicode/utf8"
)

// skipSpace skips whitespace and comments. It returns false (with p.err
// set and p.pos at the comment) for an unclosed block comment.
func (p *parser) skipSpace() bool {
	src := p.src
	i := p.pos
	oddEnd := -1 // end of the last odd space, to report a run of them once
	for i < len(src) {
		switch c := src[i]; c {
		case ' ', '\t', '\r':
			i++
		case '\n':
			i++
			p.line++
			p.lineStart = i
		case '/':
			if i+1 >= len(src) || (src[i+1] != '/' && src[i+1] != '*') {
				p.pos = i
				return true
			}
			i0, line, col := i, p.line, i-p.lineStart+1
			if src[i+1] == '/' {
				j := bytes.IndexByte(src[i+2:], '\n')
				if j < 0 {
					i = len(src)
				} else {
					i += 2 + j // the newline is handled by the loop
				}
			} else {
				j := bytes.Index(src[i+2:], []byte("*/"))
				if j < 0 {
					p.pos = i
					return p.fail(i, "unclosed /* comment")
				}
				end := i + 2 + j + 2
				if n := bytes.Count(src[i:end], nl); n > 0 {
					p.line += n
					p.lineStart = i + bytes.LastIndexByte(src[i:end], '\n') + 1
				}
				i = end
			}
			p.lens = append(grow(p.lens), Leniency{Kind: Comment, Line: line, Col: col, Offset: i0})
		default:
			if c < utf8.RuneSelf && c != '\f' && c != '\v' {
				p.pos = i
				return true
			}
			n := oddSpaceLen(src, i)
			if n == 0 {
				p.pos = i
				return true
			}
			if i != oddEnd {
				p.lens = append(grow(p.lens), Leniency{Kind: OddWhitespace, Line: p.line, Col: i - p.lineStart + 1, Offset: i})
			}
			i += n
			oddEnd = i
		}
	}
	p.pos = i
	return true
}

// oddSpaceLen returns the length of the non-JSON whitespace character at
// src[i], or 0.
func oddSpaceLen(src []byte, i int) int {
	switch src[i] {
	case '\f', '\v':
		return 1
	case 0xC2: // U+0085, U+00A0
		if i+1 < len(src) && (src[i+1] == 0x85 || src[i+1] == 0xA0) {
			return 2
		}
	case 0xE1: // U+1680
		if i+2 < len(src) && src[i+1] == 0x9A && src[i+2] == 0x80 {
			return 3
		}
	case 0xE2:
		if i+2 < len(src) {
			b1, b2 := src[i+1], src[i+2]
			// U+2000..U+200B, U+2028, U+2029, U+202F; U+205F
			if b1 == 0x80 && (b2 <= 0x8B || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF) && b2 >= 0x80 ||
				b1 == 0x81 && b2 == 0x9F {
				return 3
			}
		}
	case 0xE3: // U+3000
		if i+2 < len(src) && src[i+1] == 0x80 && src[i+2] == 0x80 {
			return 3
		}
	case 0xEF: // U+FEFF
		if i+2 < len(src) && src[i+1] == 0xBB && src[i+2] == 0xBF {
			return 3
		}
	}
	return 0
}

// ellipsisLen returns the length of an ellipsis at p.pos, or 0: a run of
// "." and "…" holding three or more dots or at least one "…", not followed
// by a character that continues a bare word.
func (p *parser) ellipsisLen() int {
	src := p.src
	i := p.pos
	dots, ell := 0, false
	for i < len(src) {
		if src[i] == '.' {
			dots++
			i++
		} else if src[i] == 0xE2 && i+2 < len(src) && src[i+1] == 0x80 && src[i+2] == 0xA6 {
			ell = true
			i += 3
		} else {
			break
		}
	}
	if dots < 3 && !ell {
		return 0
	}
	if i < len(src) && bareTab[src[i]] && !p.commentAt(i) {
		return 0
	}
	return i - p.pos
}

func (p *parser) commentAt(i int) bool {
	return p.src[i] == '/' && i+1 < len(p.src) && (p.src[i+1] == '/' || p.src[i+1] == '*')
}

var (
	strStop    [256]bool // bytes that end the fast scan of a "string"
	bareTab    [256]bool // bytes of a bare word: letters, digits, : - . _ + /
	identStart [256]bool // first byte of an unquoted key: letters _ $ @
	identChar  [256]bool // later bytes of an unquoted key: also digits . -
	valueStart [256]bool // bytes that can start a value
)

func init() {
	for c := 0; c < 256; c++ {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		digit := c >= '0' && c <= '9'
		strStop[c] = c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf
		bareTab[c] = letter || digit || c == ':' || c == '-' || c == '.' || c == '_' || c == '+' || c == '/'
		identStart[c] = letter || c == '_' || c == '$' || c == '@'
		identChar[c] = identStart[c] || digit || c == '.' || c == '-'
		valueStart[c] = letter || digit || c == '-' || c == '.' || c == '_' || c == '+' || c == '"' || c == '\'' || c == '{' || c == '['
	}
}
