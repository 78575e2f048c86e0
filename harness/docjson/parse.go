package docjson

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

// state is where the parser stands.
type state uint8

// The states within a container serve objects and arrays alike: the frame on
// top of the stack says which.
const (
	stValue  state = iota // a value starts at p.pos (a non-space byte)
	stAttach              // cur is complete: hand it to the enclosing container
	stFirst               // just after "{" or "["
	stAfter               // after a member, an item or an ellipsis
	stComma               // after a comma
	stColon               // after a member's key
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

// end is the byte that closes the container.
func (f *frame) end() byte {
	if f.kind == Array {
		return ']'
	}
	return '}'
}

// holds names what stands after the opening bracket or a comma, for messages.
func (f *frame) holds() string {
	if f.kind == Array {
		return "a value"
	}
	return "an object key"
}

// scan results of scalar and str.
const (
	scOK = iota
	scEOF
	scErr
)

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
				} else {
					p.push(Array)
				}
				p.pos++
				st = stFirst
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
			// p.attach, written out: it does not inline, and calling it here
			// costs 3-4% more instructions per Parse.
			f := &p.stack[len(p.stack)-1]
			if f.kind == Array {
				if f.pendSameLine && p.bare {
					return Value{}, p.fail(cur.Offset, `expected "," or "]" after array item, found `+p.describe(cur.Offset))
				}
				p.vals = append(grow(p.vals), cur)
			} else {
				p.mems = append(grow(p.mems), Member{Key: f.key, Line: f.keyLine, Col: f.keyCol, Offset: f.keyOff, Value: cur})
			}
			f.lastBare = p.bare
			f.afterEllipsis = false
			f.pendSameLine = false
			st = stAfter

		case stFirst, stAfter, stComma:
			// Objects and arrays alike up to the next item or member: the closing
			// bracket, commas and ellipses.
			f := &p.stack[len(p.stack)-1]
			end := f.end()
			endLine := p.line
			if !p.skipSpace() {
				return Value{}, false
			}
			if p.pos >= len(p.src) {
				return p.unexpectedEnd(), true
			}
			c := p.src[p.pos]
			if c == ',' {
				switch st {
				case stFirst:
					return Value{}, p.fail(p.pos, `unexpected "," where `+f.holds()+` or "`+string(end)+`" should be`)
				case stAfter:
					f.commaLine, f.commaCol, f.commaOff = p.line, p.pos-p.lineStart+1, p.pos
					p.pos++
					st = stComma
					continue
				}
				// A second comma: only more commas and the closing bracket may follow.
				switch p.extraCommas(f) {
				case scErr:
					return Value{}, false
				case scEOF:
					return p.unexpectedEnd(), true
				}
				c = end
			}
			if c == end {
				if st == stComma {
					p.lenientAt(TrailingComma, f.commaLine, f.commaCol, f.commaOff)
				}
				cur = p.closeTop()
				p.pos++
				st = stAttach
				continue
			}
			if n := p.ellipsisLen(); n > 0 {
				p.lenient(Ellipsis)
				p.pos += n
				f.truncated, f.afterEllipsis, f.lastBare = true, true, false
				st = stAfter
				continue
			}
			// Then an array's item or an object's key, which are read and checked
			// differently. One that follows another with no comma is checked here
			// (an item again at stAttach, once it is known to be a bare word); after
			// an ellipsis no comma is needed.
			if f.kind == Array {
				if st == stAfter {
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
				continue
			}
			missing := false
			if st == stAfter && !f.afterEllipsis {
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
			st = stColon

		case stColon:
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
// commas is accepted right before the container's closing bracket; before
// anything else the second comma is a syntax error. On scOK p.pos is at the
// closing bracket.
func (p *parser) extraCommas(f *frame) int {
	errOff := p.pos
	end := f.end()
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
		case end:
			return scOK
		}
		return p.failInt(errOff, `unexpected "," where `+f.holds()+` should be`)
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
