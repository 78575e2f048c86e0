// Package docjson parses "JSON as written in docs": the request and response
// bodies and the HTML-comment annotations of Microsoft-Graph-style API
// pages, which are often not strict JSON. Parse builds a tree of Values that
// keeps every number's exact text and every position, and returns a
// Leniency for each place where the text departed from strict JSON
// (RFC 8259), so that callers can tell "strict", "lenient" and "not JSON"
// apart and say precisely where and why.
//
// Strict JSON is accepted with the same result as encoding/json (strings
// decoded identically, including invalid UTF-8 and lone surrogates becoming
// U+FFFD) and with no leniency, except that a repeated key is reported as
// DuplicateKey.
//
// # Lenient grammar
//
// This section is the specification; the tests follow it rule by rule.
// Positions are 1-based lines and byte columns within the parsed text; only
// LF ends a line, so a CR of a CRLF pair is ordinary whitespace. Leniencies
// are returned sorted by offset (document order).
//
// Whitespace. Besides space, tab, LF and CR, these are accepted wherever
// whitespace may stand:
//   - "//" up to (not including) the end of the line, and "/*" to the next
//     "*/" (no nesting): one Comment each. An unclosed "/*" is a SyntaxError,
//     except after the top-level value, where it is TrailingText.
//   - \f, \v, U+0085, U+00A0, U+1680, U+2000 to U+200B, U+2028, U+2029,
//     U+202F, U+205F, U+3000 and U+FEFF: one OddWhitespace for each run of
//     such characters with no ordinary whitespace or comment between them.
//
// Strings. A string is "double-quoted" or 'single-quoted' (SingleQuote, at
// the opening quote). Escapes are those of JSON; inside single quotes \' is
// a quote too, and " needs no escape. Then:
//   - a raw control character (below U+0020: newline, tab, ...) is kept as
//     is: one RawControlChar for each, a CR LF pair counting once. A string
//     may therefore run over several lines;
//   - a backslash that does not start a valid escape, including \u without
//     four hex digits, is kept with the character after it, which is then
//     read as ordinary text ("\d" decodes to `\d`): BadEscape;
//   - \u escapes of UTF-16 surrogates are combined when they form a pair and
//     become U+FFFD otherwise, and each byte of invalid UTF-8 becomes U+FFFD,
//     exactly as encoding/json does; these are not leniencies.
//
// Keys. An object key is a string of either kind, or an unquoted identifier
// [A-Za-z_$@][A-Za-z0-9_$@.-]* followed (after optional whitespace) by ":"
// (UnquotedKey). A key that repeats an earlier key of the same object gives
// DuplicateKey at the later key; both members are kept in Members, and
// Value.Get returns the last.
//
// Words. A value that starts with a letter, a digit, "-", "+", "." or "_"
// is read as the longest run of letters, digits and ": - . _ + /" (a run
// stops before "//" and "/*"), so "00:00:00" or "2021-01-01T00:00:00Z" is one
// run, never a number followed by junk. The run is then:
//   - a JSON number: Number, Text the run;
//   - true, false, null: Bool or Null;
//   - another number form: an optional sign, then digits with an optional
//     fraction where one side of the point may be empty (0001, +1, .5, 5.,
//     1.e5), with an optional exponent; or 0x followed by hex digits; or NaN;
//     or Infinity. Number with Text the run, and NumberForm. AppendJSON
//     writes such numbers as JSON strings;
//   - true or false in any other letter case (True, TRUE): Bool with Text
//     "true" or "false"; null or none in any letter case (Null, None): Null.
//     Both with BareWord;
//   - anything else (String, 00:00:00, tru): a String holding the run, with
//     BareWord. Such a bare word is accepted only inside an object or array;
//     as the top-level value it is a SyntaxError, because a body of prose
//     ("Binary data for the image") is not JSON.
//
// Ellipses. An ellipsis is a run of "." and "…" (U+2026) holding at least
// three dots or at least one "…" and not followed directly by a word
// character; each gives one Ellipsis. In an array, or in member position of
// an object, an ellipsis is neither an item nor a member: it sets the
// container's Truncated, and no comma is needed before or after it. As the
// value of a member, or as the whole text, it is a value of Kind Omitted
// whose Text is the ellipsis as written, and the enclosing object (if any)
// is Truncated. So {...} and [...] are empty Truncated containers, and
// [ {...}, ... ] is a Truncated array of one Truncated object. A quoted
// "..." is an ordinary string, and "// ..." is an ordinary comment.
//
// Commas.
//   - One or more commas right before "}" or "]" are accepted: one
//     TrailingComma, at the first of them. A comma right after "{" or "[",
//     or two commas in a row followed by anything but the closing bracket,
//     is a SyntaxError.
//   - An item or member that follows another with no comma between them is
//     accepted with MissingComma at its first character, unless one of the
//     two is a bare word (as the value) and both are on the same line: then
//     it is a SyntaxError, because that is prose such as
//     [Zip file containing a package], not a list.
//
// End of text. If the text ends inside an object or array (after an opening
// bracket, an item, a comma, a key, a colon, or inside a string or escape),
// the incomplete member or item is dropped, every open container is closed
// and marked Truncated, and one UnexpectedEnd is reported at the end of the
// text. If it ends inside a top-level string, or before any value, it is a
// SyntaxError.
//
// Trailing text. After the top-level value and any whitespace and comments,
// anything else gives TrailingText at its first character and is ignored
// (not even read).
//
// Depth. Objects and arrays may nest MaxDepth (10000, as encoding/json) deep;
// one more is a SyntaxError. The parser uses an explicit stack, so neither
// deep nor long input can overflow the goroutine stack, and memory is
// linear in the size of the input.
//
// Errors. Anything else is a *SyntaxError that gives the line and column
// of the offending token and says what was found and what was expected,
// for example `1:6: expected ":" after object key, found "1"` for {"a" 1}.
// Parse reports only the first error; there is no recovery after it.
//
// # Non-goals
//
// docjson is not JSON5 or HJSON: it has no "#" comments, no backslash line
// continuations (a backslash before a newline is a BadEscape and a
// RawControlChar), no \x escapes, no multi-word unquoted values, no
// ellipses written with spaces between the dots, and no string
// concatenation. It never converts
// numbers to float64 (Text keeps them exact: 64-bit IDs survive), does not
// interpret placeholders such as {id} or <bytes>, does not decode HTML
// entities, does not read several top-level values, and is not a streaming
// decoder: it reads one []byte that fits in memory.
package docjson
