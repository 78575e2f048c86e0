package docjson

import "strconv"

// MaxDepth is the deepest nesting of objects and arrays that Parse accepts.
// It is the same limit as encoding/json's.
const MaxDepth = 10000

// Kind is the kind of a Value.
type Kind uint8

// The kinds of values.
const (
	Null Kind = iota
	Bool
	Number
	String
	Object
	Array
	Omitted // a value written only as an ellipsis: "key": ...   or  "key": …
)

var kindNames = [...]string{
	Null:    "null",
	Bool:    "bool",
	Number:  "number",
	String:  "string",
	Object:  "object",
	Array:   "array",
	Omitted: "omitted",
}

// String returns the lower-case name of the kind: "null", "bool", "number",
// "string", "object", "array" or "omitted".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Value is one parsed JSON value with its position in the parsed text.
//
// The fields are ordered so that Value is 96 bytes on 64-bit platforms; use
// keyed composite literals.
type Value struct {
	Kind Kind
	// Truncated is set on an Object or Array when an ellipsis stood
	// somewhere inside it (as an item, in member position, or as a member's
	// value) or when the text ended before it was closed.
	Truncated bool
	// Text is "true" or "false" for a Bool; for a Number the exact text as
	// written (it never goes through float64); for a String the decoded
	// string; for Omitted the ellipsis as written. It is empty otherwise.
	Text    string
	Members []Member // Object: in document order; duplicate keys are kept; nil when empty
	Items   []Value  // Array: nil when empty
	// Line and Col are the 1-based position of the value's first character
	// within the parsed text; Col counts bytes. Offset is its byte offset.
	Line, Col int
	Offset    int
}

// Member is one member of an Object.
type Member struct {
	Key               string
	Line, Col, Offset int // position of the key's first character (its quote, if quoted)
	Value             Value
}

// Get returns the value of the last member with that key (JSON "last one
// wins") and whether there was one. It returns false for any value that is
// not an Object.
func (v Value) Get(key string) (Value, bool) {
	for i := len(v.Members) - 1; i >= 0; i-- {
		if v.Members[i].Key == key {
			return v.Members[i].Value, true
		}
	}
	return Value{}, false
}

// LeniencyKind says how a text departed from strict JSON at one place.
type LeniencyKind uint8

// The kinds of leniency. See the package documentation for the exact rules.
const (
	TrailingComma  LeniencyKind = iota // ,} or ,]
	Comment                            // // line comment or /* block */ comment
	SingleQuote                        // 'single-quoted' string or key
	UnquotedKey                        // isCollection: true
	BareWord                           // an unquoted value that is not true/false/null/number: 00:00:00, String, True
	Ellipsis                           // ... or … standing for omitted items, members or a value
	MissingComma                       // two members/items with no comma between them
	RawControlChar                     // raw newline, tab or other control character inside a string
	BadEscape                          // invalid backslash escape inside a string ("\d"): both characters are kept
	OddWhitespace                      // U+00A0, U+202F, U+FEFF, other Unicode spaces, \f or \v used as whitespace
	UnexpectedEnd                      // the text ended before all containers were closed
	NumberForm                         // a number JSON does not allow: +1, 0001, .5, 5., 0x1F, NaN, Infinity
	TrailingText                       // non-whitespace text after the top-level value (ignored)
	DuplicateKey                       // the same key twice in one object
)

// NumLeniencyKinds is the number of LeniencyKind values; it is handy for
// counting leniencies in an array indexed by kind.
const NumLeniencyKinds = int(DuplicateKey) + 1

var leniencyNames = [...]string{
	TrailingComma:  "trailing-comma",
	Comment:        "comment",
	SingleQuote:    "single-quote",
	UnquotedKey:    "unquoted-key",
	BareWord:       "bare-word",
	Ellipsis:       "ellipsis",
	MissingComma:   "missing-comma",
	RawControlChar: "raw-control-char",
	BadEscape:      "bad-escape",
	OddWhitespace:  "odd-whitespace",
	UnexpectedEnd:  "unexpected-end",
	NumberForm:     "number-form",
	TrailingText:   "trailing-text",
	DuplicateKey:   "duplicate-key",
}

// String returns a short kebab-case name such as "trailing-comma".
func (k LeniencyKind) String() string {
	if int(k) < len(leniencyNames) {
		return leniencyNames[k]
	}
	return "LeniencyKind(" + strconv.Itoa(int(k)) + ")"
}

// Leniency is one place where the text was not strict JSON.
type Leniency struct {
	Kind      LeniencyKind
	Line, Col int // 1-based, within the parsed text; Col counts bytes
	Offset    int // byte offset
}

// String returns "line:col: kind", for example "3:17: trailing-comma".
func (l Leniency) String() string {
	return strconv.Itoa(l.Line) + ":" + strconv.Itoa(l.Col) + ": " + l.Kind.String()
}

// SyntaxError is returned by Parse when the text cannot be read as JSON even
// leniently.
type SyntaxError struct {
	Line, Col int // 1-based position of the offending character; Col counts bytes
	Offset    int // its byte offset
	Msg       string
}

// Error returns "line:col: msg".
func (e *SyntaxError) Error() string {
	return strconv.Itoa(e.Line) + ":" + strconv.Itoa(e.Col) + ": " + e.Msg
}

// Strict reports whether src is strict JSON: Parse accepts it with no
// leniencies at all. Note that a duplicate key, which RFC 8259 tolerates, is
// a leniency (DuplicateKey) and makes Strict false.
func Strict(src []byte) bool {
	_, lens, err := Parse(src)
	return err == nil && len(lens) == 0
}

// Opening is the first character of text that is not whitespace or a comment, as Parse
// skips them; 0 when there is none (or a block comment is not closed). A body whose
// Opening is '{' or '[' is meant as JSON.
func Opening(text string) byte {
	if text != "" && (text[0] == '{' || text[0] == '[') {
		return text[0]
	}
	p := parser{src: []byte(text), line: 1}
	if !p.skipSpace() || p.pos >= len(p.src) {
		return 0
	}
	return p.src[p.pos]
}
