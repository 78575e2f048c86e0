package docjson

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strconv"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// Parse parses one JSON value as written in docs. It returns the value,
// every place the text was not strict JSON (in document order), and a
// *SyntaxError when the text cannot be read as JSON even leniently; then the
// Value is the zero Value and the leniencies are those met before the error.
// Empty or whitespace-only input is a SyntaxError ("no JSON value").
//
// Parse never panics and never modifies src. Strings, keys and number texts
// in the result share one copy of src, so keeping any part of the result
// keeps that copy alive.
func Parse(src []byte) (Value, []Leniency, error) {
	p := parserPool.Get().(*parser)
	p.reset(src)
	v, ok := p.run()
	lens, err := p.lens, p.err
	p.release()
	sortLeniencies(lens)
	if !ok {
		return Value{}, lens, err
	}
	return v, lens, nil
}

// state is where the parser stands.
type state uint8

const (
	stValue    state = iota // a value starts at p.pos (a non-space byte)
	stAttach                // cur is complete: hand it to the enclosing container
	stArrFirst              // just after "["
	stArrAfter              // after an array item or ellipsis
	stArrComma              // after a comma in an array
	stObjFirst              // just after "{"
	stObjAfter              // after a member or ellipsis
	stObjComma              // after a comma in an object
	stObjColon              // after a member's key
)

// frame is one open object or array.
type frame struct {
	kind          Kind
	truncated     bool
	afterEllipsis bool // the last thing seen in the container was an ellipsis
	lastBare      bool // the last item (or member value) was a bare word
	pendSameLine  bool // the item being parsed follows the previous one on the same line, with no comma
	start         int  // index of this container's first child in p.vals or p.mems
	line, col     int
	off           int
	commaLine     int // position of the last comma seen
	commaCol      int
	commaOff      int
	key           string // key of the member being parsed
	keyLine       int
	keyCol        int
	keyOff        int
	keyMask       uint64              // bloom filter of the keys seen so far
	keys          map[string]struct{} // all keys, only for objects with many members
}

// scan results of scalar and str.
const (
	scOK = iota
	scEOF
	scErr
)

type parser struct {
	src       []byte
	s         string // string(src): strings, keys and numbers are substrings of it
	pos       int
	line      int // line number at p.pos
	lineStart int // offset of the first byte of that line
	bare      bool
	lens      []Leniency
	err       *SyntaxError

	stack []frame
	vals  []Value  // items of the open arrays
	mems  []Member // members of the open objects
	buf   []byte   // decoded string being built

	valSlab []Value // exact-size Items slices are cut from these
	memSlab []Member
	chunk   int

	hiVals, hiMems, hiStack int // high-water marks, to clear before pooling
}

var parserPool = sync.Pool{New: func() any { return new(parser) }}

func (p *parser) reset(src []byte) {
	p.src = src
	p.s = string(src)
	p.pos = 0
	p.line = 1
	p.lineStart = 0
	p.bare = false
	p.lens = nil
	p.err = nil
	p.valSlab = nil
	p.memSlab = nil
	// Small texts (annotations) get exact-size slices; larger ones slabs that grow.
	p.chunk = min(max(len(src)/64, 2), 1024)
}

// release clears everything that points into the caller's data and returns
// the parser to the pool.
func (p *parser) release() {
	p.hiVals = max(p.hiVals, len(p.vals))
	p.hiMems = max(p.hiMems, len(p.mems))
	p.hiStack = max(p.hiStack, len(p.stack))
	clear(p.vals[:p.hiVals])
	clear(p.mems[:p.hiMems])
	clear(p.stack[:p.hiStack])
	p.hiVals, p.hiMems, p.hiStack = 0, 0, 0
	p.vals, p.mems, p.stack = p.vals[:0], p.mems[:0], p.stack[:0]
	p.src, p.s, p.lens, p.err, p.valSlab, p.memSlab = nil, "", nil, nil, nil, nil
	if cap(p.vals) > 1<<14 || cap(p.mems) > 1<<14 || cap(p.buf) > 1<<16 || cap(p.stack) > 1<<10 {
		return // do not keep big buffers alive
	}
	p.buf = p.buf[:0]
	parserPool.Put(p)
}

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

// unexpectedEnd closes every open container, marking it Truncated, and
// returns the outermost one.
func (p *parser) unexpectedEnd() Value {
	line, col := p.lineCol(len(p.src))
	p.lenientAt(UnexpectedEnd, line, col, len(p.src))
	for {
		p.stack[len(p.stack)-1].truncated = true
		v := p.closeTop()
		if len(p.stack) == 0 {
			return v
		}
		p.attach(&p.stack[len(p.stack)-1], v)
	}
}

func (p *parser) push(k Kind) {
	p.stack = append(p.stack, frame{
		kind: k,
		line: p.line, col: p.pos - p.lineStart + 1, off: p.pos,
		start: len(p.vals),
	})
	if k == Object {
		p.stack[len(p.stack)-1].start = len(p.mems)
	}
	p.hiStack = max(p.hiStack, len(p.stack))
}

// closeTop pops the innermost container and returns it as a Value.
func (p *parser) closeTop() Value {
	f := &p.stack[len(p.stack)-1]
	v := Value{Kind: f.kind, Truncated: f.truncated, Line: f.line, Col: f.col, Offset: f.off}
	if f.kind == Array {
		if n := len(p.vals) - f.start; n > 0 {
			v.Items = p.allocVals(p.vals[f.start:])
			p.hiVals = max(p.hiVals, len(p.vals))
			p.vals = p.vals[:f.start]
		}
	} else {
		if n := len(p.mems) - f.start; n > 0 {
			v.Members = p.allocMems(p.mems[f.start:])
			p.hiMems = max(p.hiMems, len(p.mems))
			p.mems = p.mems[:f.start]
		}
	}
	f.keys = nil
	p.stack = p.stack[:len(p.stack)-1]
	p.bare = false
	return v
}

func (p *parser) attach(f *frame, v Value) {
	if f.kind == Array {
		p.vals = append(grow(p.vals), v)
	} else {
		p.mems = append(grow(p.mems), Member{Key: f.key, Line: f.keyLine, Col: f.keyCol, Offset: f.keyOff, Value: v})
	}
}

func (p *parser) growChunk() int {
	size := p.chunk
	if p.chunk < 1<<14 {
		p.chunk *= 2
	}
	return size
}

func (p *parser) allocVals(src []Value) []Value {
	n := len(src)
	if n > p.chunk/4 {
		return append([]Value(nil), src...)
	}
	if cap(p.valSlab)-len(p.valSlab) < n {
		p.valSlab = make([]Value, 0, p.growChunk())
	}
	l := len(p.valSlab)
	s := p.valSlab[l : l+n : l+n]
	copy(s, src)
	p.valSlab = p.valSlab[:l+n]
	return s
}

func (p *parser) allocMems(src []Member) []Member {
	n := len(src)
	if n > p.chunk/4 {
		return append([]Member(nil), src...)
	}
	if cap(p.memSlab)-len(p.memSlab) < n {
		p.memSlab = make([]Member, 0, p.growChunk())
	}
	l := len(p.memSlab)
	s := p.memSlab[l : l+n : l+n]
	copy(s, src)
	p.memSlab = p.memSlab[:l+n]
	return s
}

// run parses the whole text. It returns false after a syntax error.
func (p *parser) run() (Value, bool) {
	if !p.skipSpace() {
		return Value{}, false
	}
	if p.pos >= len(p.src) {
		return Value{}, p.fail(p.pos, "no JSON value")
	}
	var cur Value
	st := stValue
	for {
		switch st {
		case stValue:
			c := p.src[p.pos]
			if c == '{' || c == '[' {
				if len(p.stack) >= MaxDepth {
					return Value{}, p.fail(p.pos, "nesting deeper than 10000")
				}
				if c == '{' {
					p.push(Object)
					st = stObjFirst
				} else {
					p.push(Array)
					st = stArrFirst
				}
				p.pos++
				continue
			}
			if n := p.ellipsisLen(); n > 0 {
				p.lenient(Ellipsis)
				cur = Value{Kind: Omitted, Text: p.s[p.pos : p.pos+n], Line: p.line, Col: p.pos - p.lineStart + 1, Offset: p.pos}
				p.pos += n
				p.bare = false
				if len(p.stack) > 0 {
					p.stack[len(p.stack)-1].truncated = true
				}
				st = stAttach
				continue
			}
			switch p.scalar(&cur) {
			case scEOF:
				if len(p.stack) == 0 {
					return Value{}, p.fail(cur.Offset, "unterminated string")
				}
				return p.unexpectedEnd(), true
			case scErr:
				return Value{}, false
			}
			st = stAttach

		case stAttach:
			if len(p.stack) == 0 {
				p.finish()
				return cur, true
			}
			f := &p.stack[len(p.stack)-1]
			if f.kind == Array {
				if f.pendSameLine && p.bare {
					return Value{}, p.fail(cur.Offset, `expected "," or "]" after array item, found `+p.describe(cur.Offset))
				}
				p.vals = append(grow(p.vals), cur)
				st = stArrAfter
			} else {
				p.mems = append(grow(p.mems), Member{Key: f.key, Line: f.keyLine, Col: f.keyCol, Offset: f.keyOff, Value: cur})
				st = stObjAfter
			}
			f.lastBare = p.bare
			f.afterEllipsis = false
			f.pendSameLine = false

		case stArrFirst, stArrAfter, stArrComma:
			f := &p.stack[len(p.stack)-1]
			endLine := p.line
			if !p.skipSpace() {
				return Value{}, false
			}
			if p.pos >= len(p.src) {
				return p.unexpectedEnd(), true
			}
			c := p.src[p.pos]
			switch c {
			case ']':
				if st == stArrComma {
					p.lenientAt(TrailingComma, f.commaLine, f.commaCol, f.commaOff)
				}
				cur = p.closeTop()
				p.pos++
				st = stAttach
				continue
			case ',':
				switch st {
				case stArrFirst:
					return Value{}, p.fail(p.pos, `unexpected "," where a value or "]" should be`)
				case stArrComma:
					switch p.extraCommas(f, ']') {
					case scErr:
						return Value{}, false
					case scEOF:
						return p.unexpectedEnd(), true
					}
					cur = p.closeTop()
					p.pos++
					st = stAttach
					continue
				}
				f.commaLine, f.commaCol, f.commaOff = p.line, p.pos-p.lineStart+1, p.pos
				p.pos++
				st = stArrComma
				continue
			}
			if n := p.ellipsisLen(); n > 0 {
				p.lenient(Ellipsis)
				p.pos += n
				f.truncated, f.afterEllipsis, f.lastBare = true, true, false
				st = stArrAfter
				continue
			}
			if st == stArrAfter {
				if !valueStart[c] {
					return Value{}, p.fail(p.pos, `expected "," or "]" after array item, found `+p.describe(p.pos))
				}
				if !f.afterEllipsis {
					sameLine := p.line == endLine
					if sameLine && f.lastBare {
						return Value{}, p.fail(p.pos, `expected "," or "]" after array item, found `+p.describe(p.pos))
					}
					p.lenient(MissingComma)
					f.pendSameLine = sameLine
				}
			}
			st = stValue

		case stObjFirst, stObjAfter, stObjComma:
			f := &p.stack[len(p.stack)-1]
			endLine := p.line
			if !p.skipSpace() {
				return Value{}, false
			}
			if p.pos >= len(p.src) {
				return p.unexpectedEnd(), true
			}
			c := p.src[p.pos]
			switch c {
			case '}':
				if st == stObjComma {
					p.lenientAt(TrailingComma, f.commaLine, f.commaCol, f.commaOff)
				}
				cur = p.closeTop()
				p.pos++
				st = stAttach
				continue
			case ',':
				switch st {
				case stObjFirst:
					return Value{}, p.fail(p.pos, `unexpected "," where an object key or "}" should be`)
				case stObjComma:
					switch p.extraCommas(f, '}') {
					case scErr:
						return Value{}, false
					case scEOF:
						return p.unexpectedEnd(), true
					}
					cur = p.closeTop()
					p.pos++
					st = stAttach
					continue
				}
				f.commaLine, f.commaCol, f.commaOff = p.line, p.pos-p.lineStart+1, p.pos
				p.pos++
				st = stObjComma
				continue
			}
			if n := p.ellipsisLen(); n > 0 {
				p.lenient(Ellipsis)
				p.pos += n
				f.truncated, f.afterEllipsis, f.lastBare = true, true, false
				st = stObjAfter
				continue
			}
			missing := false
			if st == stObjAfter && !f.afterEllipsis {
				missing = true
				if (p.line == endLine && f.lastBare) || !(c == '"' || c == '\'' || identStart[c]) {
					return Value{}, p.fail(p.pos, `expected "," or "}" after object member, found `+p.describe(p.pos))
				}
			}
			switch p.key(f, st, missing) {
			case scErr:
				return Value{}, false
			case scEOF:
				return p.unexpectedEnd(), true
			}
			st = stObjColon

		case stObjColon:
			if !p.skipSpace() {
				return Value{}, false
			}
			if p.pos >= len(p.src) {
				return p.unexpectedEnd(), true
			}
			if p.src[p.pos] != ':' {
				return Value{}, p.fail(p.pos, `expected ":" after object key, found `+p.describe(p.pos))
			}
			p.pos++
			if !p.skipSpace() {
				return Value{}, false
			}
			if p.pos >= len(p.src) {
				return p.unexpectedEnd(), true
			}
			st = stValue
		}
	}
}

// extraCommas handles a second comma in a row at p.pos. Any number of
// commas is accepted right before the closing bracket close (one
// TrailingComma at the first of them); before anything else the second comma
// is a syntax error. On scOK p.pos is at close.
func (p *parser) extraCommas(f *frame, close byte) int {
	errOff := p.pos
	for {
		p.pos++
		if !p.skipSpace() {
			return scErr
		}
		if p.pos >= len(p.src) {
			return scEOF
		}
		switch p.src[p.pos] {
		case ',':
			continue
		case close:
			p.lenientAt(TrailingComma, f.commaLine, f.commaCol, f.commaOff)
			return scOK
		}
		if close == ']' {
			p.fail(errOff, `unexpected "," where a value should be`)
		} else {
			p.fail(errOff, `unexpected "," where an object key should be`)
		}
		return scErr
	}
}

// finish looks at what follows the top-level value.
func (p *parser) finish() {
	if !p.skipSpace() {
		// An unclosed /* after the value is trailing text, not an error.
		p.err = nil
	} else if p.pos >= len(p.src) {
		return
	}
	line, col := p.lineCol(p.pos)
	p.lenientAt(TrailingText, line, col, p.pos)
}

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
		if st == stObjComma {
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

func (p *parser) failInt(off int, msg string) int {
	p.fail(off, msg)
	return scErr
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

// grow makes room for one more element, doubling the capacity: append grows
// large slices by only 1.25x, which costs much copying and GC on big
// documents.
func grow[T any](s []T) []T {
	if len(s) < cap(s) {
		return s
	}
	return slices.Grow(s, max(cap(s), 16))
}
