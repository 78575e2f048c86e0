package docjson

import (
	"bytes"
	"slices"
	"strconv"
	"unicode/utf8"
)

// sortLeniencies puts leniencies in document order. A few are found after
// later ones (a trailing comma after the comments that follow it, an
// unquoted key after the comments before its colon), so the slice is
// almost always sorted already.
func sortLeniencies(lens []Leniency) {
	for i := 1; i < len(lens); i++ {
		if lens[i].Offset < lens[i-1].Offset {
			slices.SortStableFunc(lens, func(a, b Leniency) int { return a.Offset - b.Offset })
			return
		}
	}
}

// lenient records a leniency at the current position.
func (p *parser) lenient(k LeniencyKind) {
	p.lens = append(grow(p.lens), Leniency{Kind: k, Line: p.line, Col: p.pos - p.lineStart + 1, Offset: p.pos})
}

func (p *parser) lenientAt(k LeniencyKind, line, col, off int) {
	p.lens = append(grow(p.lens), Leniency{Kind: k, Line: line, Col: col, Offset: off})
}

// lineCol computes the position of off from scratch; it is used only for
// the rare positions that are not the current one.
func (p *parser) lineCol(off int) (line, col int) {
	b := p.src[:off]
	return 1 + bytes.Count(b, nl), off - bytes.LastIndexByte(b, '\n')
}

var nl = []byte{'\n'}

// fail records a syntax error at off and returns false.
func (p *parser) fail(off int, msg string) bool {
	line, col := p.lineCol(off)
	p.err = &SyntaxError{Line: line, Col: col, Offset: off, Msg: msg}
	return false
}

func (p *parser) failInt(off int, msg string) int {
	p.fail(off, msg)
	return scErr
}

// describe names the token at off for error messages.
func (p *parser) describe(off int) string {
	if off >= len(p.src) {
		return "end of text"
	}
	c := p.src[off]
	switch {
	case c == '"' || c == '\'':
		return "a string"
	case bareTab[c] || c == '<' || c == '$' || c == '@':
		j := off + 1
		for j < len(p.src) && (bareTab[p.src[j]] || p.src[j] == '>' || p.src[j] == '$' || p.src[j] == '@') {
			if j-off == 32 {
				return strconv.Quote(p.s[off:j] + "…")
			}
			j++
		}
		return strconv.Quote(p.s[off:j])
	case c < utf8.RuneSelf:
		return strconv.Quote(p.s[off : off+1])
	}
	_, size := utf8.DecodeRune(p.src[off:])
	return strconv.Quote(p.s[off : off+size])
}
