package docjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Value constructors for expected trees (positions are left zero; compare
// with stripPos).

func obj(members ...Member) Value { return Value{Kind: Object, Members: members} }
func arr(items ...Value) Value    { return Value{Kind: Array, Items: items} }
func str(s string) Value          { return Value{Kind: String, Text: s} }
func num(s string) Value          { return Value{Kind: Number, Text: s} }
func boolean(b bool) Value {
	if b {
		return Value{Kind: Bool, Text: "true"}
	}
	return Value{Kind: Bool, Text: "false"}
}
func null() Value                  { return Value{Kind: Null} }
func omitted(s string) Value       { return Value{Kind: Omitted, Text: s} }
func mem(k string, v Value) Member { return Member{Key: k, Value: v} }
func trunc(v Value) Value          { v.Truncated = true; return v }

// stripPos returns v without positions, for comparisons where they do not
// matter.
func stripPos(v Value) Value {
	v.Line, v.Col, v.Offset = 0, 0, 0
	if v.Members != nil {
		ms := make([]Member, len(v.Members))
		for i, m := range v.Members {
			ms[i] = Member{Key: m.Key, Value: stripPos(m.Value)}
		}
		v.Members = ms
	}
	if v.Items != nil {
		is := make([]Value, len(v.Items))
		for i, it := range v.Items {
			is[i] = stripPos(it)
		}
		v.Items = is
	}
	return v
}

func kindsOf(lens []Leniency) []LeniencyKind {
	var ks []LeniencyKind
	for _, l := range lens {
		ks = append(ks, l.Kind)
	}
	return ks
}

type L = []LeniencyKind

// parseCase is one accepted input: the expected tree (without positions)
// and the kinds of its leniencies in document order.
type parseCase struct {
	name string
	in   string
	want Value
	lens L
	why  string
}

func runParseCases(t *testing.T, cases []parseCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v, lens, err := Parse([]byte(tc.in))
			if err != nil {
				t.Fatalf("Parse(%q): unexpected error %v (%s)", tc.in, err, tc.why)
			}
			if d := cmp.Diff(tc.want, stripPos(v)); d != "" {
				t.Errorf("Parse(%q) value mismatch (-want +got) (%s):\n%s", tc.in, tc.why, d)
			}
			if d := cmp.Diff(tc.lens, kindsOf(lens)); d != "" {
				t.Errorf("Parse(%q) leniencies mismatch (-want +got) (%s):\n%s\nall: %v", tc.in, tc.why, d, lens)
			}
			out := v.AppendJSON(nil)
			if !json.Valid(out) {
				t.Errorf("AppendJSON gave invalid JSON %q", out)
			}
		})
	}
}

func TestStrict(t *testing.T) { runParseCases(t, strictCases) }

var strictCases = []parseCase{
	{"null", `null`, null(), nil, "literal"},
	{"true", `true`, boolean(true), nil, "literal"},
	{"false", ` false `, boolean(false), nil, "literal with JSON whitespace"},
	{"zero", `0`, num("0"), nil, "single zero is a JSON number"},
	{"negative zero", `-0`, num("-0"), nil, "JSON allows -0"},
	{"int64 id", `9223372036854775807`, num("9223372036854775807"), nil, "64-bit IDs keep their exact text"},
	{"huge", `123456789012345678901234567890`, num("123456789012345678901234567890"), nil, "never through float64"},
	{"float exp", `-1.50e+10`, num("-1.50e+10"), nil, "exact text, trailing zero kept"},
	{"exp upper", `1E-7`, num("1E-7"), nil, "upper-case exponent"},
	{"string", `"abc"`, str("abc"), nil, "plain string"},
	{"empty string", `""`, str(""), nil, "empty string"},
	{"escapes", `"\"\\\/\b\f\n\r\t"`, str("\"\\/\b\f\n\r\t"), nil, "every JSON escape"},
	{"unicode escape", `"\u00e9\u20AC"`, str("é€"), nil, "hex escapes in both cases"},
	{"surrogate pair", `"\ud83d\ude00"`, str("😀"), nil, "a valid pair is combined"},
	{"lone surrogate", `"\ud800x"`, str("\uFFFDx"), nil, "as encoding/json"},
	{"lone low surrogate", `"\udc00"`, str("\uFFFD"), nil, "as encoding/json"},
	{"surrogate then non-low", `"\ud800\u0041"`, str("\uFFFDA"), nil, "the second escape is read on its own"},
	{"utf8", `"héllo 日本"`, str("héllo 日本"), nil, "raw UTF-8 kept"},
	{"invalid utf8", "\"a\xffb\"", str("a\uFFFDb"), nil, "invalid bytes become U+FFFD, no leniency (json.Valid accepts them)"},
	{"u2028 raw", "\"a\u2028b\"", str("a\u2028b"), nil, "U+2028 is legal in JSON strings"},
	{"quoted ellipsis", `"..."`, str("..."), nil, "a quoted ellipsis is just a string"},
	{"empty object", `{}`, obj(), nil, "empty containers have nil slices"},
	{"empty array", `[ ]`, arr(), nil, "empty array"},
	{"object", `{"a":1,"b":"x","c":true,"d":null}`,
		obj(mem("a", num("1")), mem("b", str("x")), mem("c", boolean(true)), mem("d", null())), nil, "members in order"},
	{"nested", "{\r\n  \"v\": [ {\"id\": 1}, [], {} ]\r\n}",
		obj(mem("v", arr(obj(mem("id", num("1"))), arr(), obj()))), nil, "CRLF is JSON whitespace"},
	{"comment-like in string", `{"url": "http://x/*y*/"}`, obj(mem("url", str("http://x/*y*/"))), nil, "no comments inside strings"},
	{"empty key", `{"": 1}`, obj(mem("", num("1"))), nil, "empty key is legal"},
}

func TestLenient(t *testing.T) { runParseCases(t, lenientCases) }

var lenientCases = []parseCase{
	// Comments.
	{"line comment", "{\n// note\n\"a\": 1 // end\n}", obj(mem("a", num("1"))), L{Comment, Comment}, "// to end of line, twice"},
	{"block comment", `[1, /* two */ 2]`, arr(num("1"), num("2")), L{Comment}, "/* */ where whitespace may stand"},
	{"block comment multiline", "{ /* rel\nations */ \"a\": 1}", obj(mem("a", num("1"))), L{Comment}, "QUIRKS G: /* relationships */ in resources"},
	{"comment ellipsis", "[1,\n// ...\n2]", arr(num("1"), num("2")), L{Comment}, "// ... is a comment only, not an ellipsis"},
	{"comment after value", "{\"a\": 1}// done", obj(mem("a", num("1"))), L{Comment}, "a comment after the top-level value is not trailing text"},
	{"comment after word", "[String// c\n]", arr(str("String")), L{BareWord, Comment}, "a bare word stops before //"},
	{"comment after number", "[1/*c*/]", arr(num("1")), L{Comment}, "a number stops before /*"},

	// Trailing commas.
	{"trailing comma object", "{\n  \"blockType\": \"response\",\n}", obj(mem("blockType", str("response"))), L{TrailingComma}, "QUIRKS A1: the most common annotation defect"},
	{"trailing comma array", `["a","b",]`, arr(str("a"), str("b")), L{TrailingComma}, "QUIRKS A3"},
	{"doubled trailing comma", `[1,,]`, arr(num("1")), L{TrailingComma}, "extra commas before the close: one leniency"},
	{"trailing comma after ellipsis", `[1, ..., ]`, trunc(arr(num("1"))), L{Ellipsis, TrailingComma}, "the comma after the ellipsis is trailing"},

	// Single quotes.
	{"single quotes", `[{'target':'#para-id','content':'<img src="x" />'}]`,
		arr(obj(mem("target", str("#para-id")), mem("content", str(`<img src="x" />`)))),
		L{SingleQuote, SingleQuote, SingleQuote, SingleQuote}, "QUIRKS F39 page-update.md: keys and values; \" needs no escape"},
	{"single quote escape", `'it\'s'`, str("it's"), L{SingleQuote}, `\' escapes the quote`},
	{"single quote other escapes", `'a\n\u0041'`, str("a\nA"), L{SingleQuote}, "JSON escapes work in single quotes"},

	// Unquoted keys.
	{"unquoted key", "{\n  \"blockType\": \"response\",\n  isCollection: true\n}",
		obj(mem("blockType", str("response")), mem("isCollection", boolean(true))), L{UnquotedKey}, "QUIRKS A2 user-getmailtips.md"},
	{"unquoted key chars", `{@odata.type: "x", $top-1_a: 2, k : 3}`,
		obj(mem("@odata.type", str("x")), mem("$top-1_a", num("2")), mem("k", num("3"))), L{UnquotedKey, UnquotedKey, UnquotedKey}, "@ $ . - _ digits, space before colon"},

	// Bare words.
	{"bare time", `{"audioDuration": 00:00:00}`, obj(mem("audioDuration", str("00:00:00"))), L{BareWord}, "QUIRKS G: not the number 00"},
	{"bare type name", `{"size": Int64, "name": String}`, obj(mem("size", str("Int64")), mem("name", str("String"))), L{BareWord, BareWord}, "type names as values"},
	{"bare date", `[2018-04-01T12:39:16Z]`, arr(str("2018-04-01T12:39:16Z")), L{BareWord}, "an unquoted date is one word"},
	{"bare url", "[https://x.example/a\n]", arr(str("https:")), L{BareWord, Comment}, "a word stops before //: the rest of the line is a comment"},
	{"True", `{"a": True, "b": FALSE, "c": tRuE}`, obj(mem("a", boolean(true)), mem("b", boolean(false)), mem("c", boolean(true))), L{BareWord, BareWord, BareWord}, "booleans in other cases"},
	{"Null None", `[Null, None, NULL]`, arr(null(), null(), null()), L{BareWord, BareWord, BareWord}, "null in other cases, Python None"},
	{"top-level True", `True`, boolean(true), L{BareWord}, "a boolean word is allowed at top level"},
	{"truncated literal", `[tru]`, arr(str("tru")), L{BareWord}, "not a literal: a word"},
	{"literal prefix", `[nullable, trueish]`, arr(str("nullable"), str("trueish")), L{BareWord, BareWord}, "words are whole runs"},
	{"version", `[1.2.3]`, arr(str("1.2.3")), L{BareWord}, "not a number"},
	{"lone minus", `[-]`, arr(str("-")), L{BareWord}, "not a number"},
	{"two dots", `[..]`, arr(str("..")), L{BareWord}, "two dots are not an ellipsis"},

	// Number forms.
	{"plus", `+1`, num("+1"), L{NumberForm}, "leading +"},
	{"leading zeros", `{"notAfter": 0000000000}`, obj(mem("notAfter", num("0000000000"))), L{NumberForm}, "QUIRKS G resources"},
	{"number forms", `[-01, .5, -.5, 5., 1.e5, 0x1F, -0XaB, NaN, Infinity, -Infinity, +NaN]`,
		arr(num("-01"), num(".5"), num("-.5"), num("5."), num("1.e5"), num("0x1F"), num("-0XaB"), num("NaN"), num("Infinity"), num("-Infinity"), num("+NaN")),
		L{NumberForm, NumberForm, NumberForm, NumberForm, NumberForm, NumberForm, NumberForm, NumberForm, NumberForm, NumberForm, NumberForm}, "each lenient form"},
	{"not number forms", `[1e, 0x, 1e+, nan, inf]`, arr(str("1e"), str("0x"), str("1e+"), str("nan"), str("inf")),
		L{BareWord, BareWord, BareWord, BareWord, BareWord}, "incomplete forms are words"},

	// Ellipses.
	{"ellipsis item", "[\n {\"a\": 1},\n ...\n]", trunc(arr(obj(mem("a", num("1"))))), L{Ellipsis}, "QUIRKS G: a bare ... line"},
	{"ellipsis wrapped", `[ {...}, ... ]`, trunc(arr(trunc(obj()))), L{Ellipsis, Ellipsis}, "{...} is an empty truncated object"},
	{"ellipsis array", `{"a": [...]}`, obj(mem("a", trunc(arr()))), L{Ellipsis}, "[...] is an empty truncated array; the object itself is not truncated"},
	{"ellipsis member", `{ "a": 1, ... }`, trunc(obj(mem("a", num("1")))), L{Ellipsis}, "member position, no comma after"},
	{"ellipsis member comma", `{ "a": 1, ..., "b": 2 }`, trunc(obj(mem("a", num("1")), mem("b", num("2")))), L{Ellipsis}, "member position, comma after"},
	{"ellipsis no commas", "{ \"a\": 1 ...\n \"b\": 2 }", trunc(obj(mem("a", num("1")), mem("b", num("2")))), L{Ellipsis}, "no comma is needed around an ellipsis"},
	{"ellipsis first", `[..., 3]`, trunc(arr(num("3"))), L{Ellipsis}, "before the items"},
	{"ellipsis value", `{"a": ..., "b": …}`, trunc(obj(mem("a", omitted("...")), mem("b", omitted("…")))), L{Ellipsis, Ellipsis}, "a member value written as an ellipsis is Omitted"},
	{"unicode ellipsis item", `[1, …]`, trunc(arr(num("1"))), L{Ellipsis}, "U+2026"},
	{"long ellipsis", `[1, .....]`, trunc(arr(num("1"))), L{Ellipsis}, "more than three dots"},
	{"top ellipsis", `...`, omitted("..."), L{Ellipsis}, "the whole text"},
	{"top wrapped ellipsis", `{...}`, trunc(obj()), L{Ellipsis}, "the whole text"},
	{"ellipsis then word", `[...abc]`, arr(str("...abc")), L{BareWord}, "followed by a word character it is a word"},
	{"ellipsis comment", `[1, .../* more */]`, trunc(arr(num("1"))), L{Ellipsis, Comment}, "a comment may follow an ellipsis"},

	// Missing commas.
	{"missing comma members", "{\"a\": 1\n \"b\": 2}", obj(mem("a", num("1")), mem("b", num("2"))), L{MissingComma}, "QUIRKS G, resources/teamsappinstallation.md"},
	{"missing comma items", `[1 2 "x"{}]`, arr(num("1"), num("2"), str("x"), obj()), L{MissingComma, MissingComma, MissingComma}, "no whitespace needed after a string"},
	{"missing comma unquoted", "{a: 1\n b: 2}", obj(mem("a", num("1")), mem("b", num("2"))), L{UnquotedKey, MissingComma, UnquotedKey}, "an unquoted key after a missing comma"},
	{"missing comma bare next line", "{\"d\": 00:00:00\n \"e\": 1}", obj(mem("d", str("00:00:00")), mem("e", num("1"))), L{BareWord, MissingComma}, "a bare word then a line break"},
	{"missing comma bare lines", "[\nfoo\nbar\n]", arr(str("foo"), str("bar")), L{BareWord, MissingComma, BareWord}, "words on separate lines"},

	// Strings.
	{"raw newline", "{\"id\": \"https://x/extensions\n('y')\"}", obj(mem("id", str("https://x/extensions\n('y')"))), L{RawControlChar}, "QUIRKS G opentypeextension-get.md: a URL broken across lines"},
	{"raw crlf", "\"a\r\nb\"", str("a\r\nb"), L{RawControlChar}, "CR LF counts once"},
	{"raw tab", "\"a\tb\x01\"", str("a\tb\x01"), L{RawControlChar, RawControlChar}, "each control character"},
	{"bad escape", `"\d\'\x"`, str(`\d\'\x`), L{BadEscape, BadEscape, BadEscape}, "backslash and character kept"},
	{"bad unicode escape", `"\u12G4"`, str(`\u12G4`), L{BadEscape}, "\\u without four hex digits"},
	{"escape backslash quote", `"a\\"`, str(`a\`), nil, "an escaped backslash before the quote"},
	{"bad escape newline", "\"a\\\nb\"", str("a\\\nb"), L{BadEscape, RawControlChar}, "no line continuations"},
	{"invalid utf8 single", "'\xe2\x80'", str("\uFFFD\uFFFD"), L{SingleQuote}, "each invalid byte becomes U+FFFD"},

	// Whitespace.
	{"nbsp", "{\u00a0\u00a0\"a\":\u00a01}", obj(mem("a", num("1"))), L{OddWhitespace, OddWhitespace}, "QUIRKS F39: U+00A0 as indentation, one per run"},
	{"narrow nbsp", "[1,\u202f2]", arr(num("1"), num("2")), L{OddWhitespace}, "QUIRKS G: U+202F after commas"},
	{"bom", "\ufeff{}", obj(), L{OddWhitespace}, "a byte order mark"},
	{"other spaces", "[\u2003\u200b\u3000\f\v1]", arr(num("1")), L{OddWhitespace}, "a run counts once"},
	{"nbsp in string", "\"a\u00a0b\"", str("a\u00a0b"), nil, "inside a string it is just a character"},

	// Unexpected end.
	{"end after open", `{`, trunc(obj()), L{UnexpectedEnd}, "right after an opening brace"},
	{"end after item", "[1, 2", trunc(arr(num("1"), num("2"))), L{UnexpectedEnd}, "after an item"},
	{"end after comma", "[1,", trunc(arr(num("1"))), L{UnexpectedEnd}, "after a comma: not a trailing comma"},
	{"end nested", `{"a": [1, {"b": 2`, trunc(obj(mem("a", trunc(arr(num("1"), trunc(obj(mem("b", num("2"))))))))), L{UnexpectedEnd}, "every open container is closed and truncated"},
	{"end in string", `{"a": 1, "b": "abc`, trunc(obj(mem("a", num("1")))), L{UnexpectedEnd}, "the incomplete member is dropped"},
	{"end in key", `{"a": 1, "b`, trunc(obj(mem("a", num("1")))), L{UnexpectedEnd}, "the incomplete member is dropped"},
	{"end after key", `{"a": 1, "b"`, trunc(obj(mem("a", num("1")))), L{UnexpectedEnd}, "the incomplete member is dropped"},
	{"end after colon", `{"a": 1, "b": `, trunc(obj(mem("a", num("1")))), L{UnexpectedEnd}, "the incomplete member is dropped"},
	{"end after unquoted key", `{"a": 1, b`, trunc(obj(mem("a", num("1")))), L{UnexpectedEnd}, "the incomplete member is dropped"},
	{"end in array string", `["a", "b`, trunc(arr(str("a"))), L{UnexpectedEnd}, "the incomplete item is dropped"},
	{"end in escape", `["a", "b\`, trunc(arr(str("a"))), L{UnexpectedEnd}, "the incomplete item is dropped"},
	{"end after comment", "[1 // c", trunc(arr(num("1"))), L{Comment, UnexpectedEnd}, "a line comment may end the text"},

	// Trailing text.
	{"trailing text", "{\"a\": 1}\n}", obj(mem("a", num("1"))), L{TrailingText}, "a stray line after the JSON"},
	{"trailing prose", "[1]\nSee also the docs. /* unclosed", arr(num("1")), L{TrailingText}, "not read further"},
	{"trailing unclosed comment", "[1] /* unclosed", arr(num("1")), L{TrailingText}, "an unclosed comment after the value is trailing text, not a comment"},
	{"second value", `{} {}`, obj(), L{TrailingText}, "only one top-level value"},

	// Duplicate keys.
	{"duplicate key", `{"@odata.type": "a", "id": 1, "@odata.type": "b"}`,
		obj(mem("@odata.type", str("a")), mem("id", num("1")), mem("@odata.type", str("b"))), L{DuplicateKey}, "QUIRKS G educationsubmittedsubmissionresource-get.md: both kept"},
	{"duplicate key nested values", `{"a": 1, "a": [1,], "b": {"a": 2}}`,
		obj(mem("a", num("1")), mem("a", arr(num("1"))), mem("b", obj(mem("a", num("2"))))), L{DuplicateKey, TrailingComma}, "document order; keys of nested objects are separate"},
	{"duplicate across quoting", `{a: 1, 'a': 2}`, obj(mem("a", num("1")), mem("a", num("2"))), L{UnquotedKey, SingleQuote, DuplicateKey}, "same key however written"},
}

func TestBadEscapeAtEnd(t *testing.T) {
	// A top-level string cut inside an escape is an unterminated string.
	_, _, err := Parse([]byte(`"a\`))
	checkErr(t, err, "1:1", "unterminated string")
}

func checkErr(t *testing.T, err error, pos, msg string) {
	t.Helper()
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("got error %v, want a *SyntaxError", err)
	}
	if got := se.Error(); !strings.HasPrefix(got, pos+": ") || !strings.Contains(se.Msg, msg) {
		t.Errorf("got error %q, want %s: ...%s...", got, pos, msg)
	}
}

type errorCase struct {
	name, in, pos, msg, why string
}

var errorCases = []errorCase{
	{"empty", ``, "1:1", "no JSON value", "nothing at all"},
	{"spaces", " \n\t ", "2:3", "no JSON value", "whitespace only"},
	{"comment only", "// x\n", "2:1", "no JSON value", "a comment is not a value"},
	{"missing colon", `{"a" 1}`, "1:6", `expected ":" after object key, found "1"`, "brief example"},
	{"missing value", `{"a":}`, "1:6", `unexpected "}" where a value should be`, "brief example"},
	{"missing value then more", `{"a":, "b": 1}`, "1:6", `unexpected "," where a value should be`, "a comma where a value should be"},
	{"stray close", `}`, "1:1", `unexpected "}" where a value should be`, "a stray } at top"},
	{"placeholder", "<bytes 0-25 of the file>", "1:1", `unexpected "<bytes" where a value should be`, "QUIRKS E36"},
	{"placeholder braces", "{Raw bytes of the file}", "1:6", `expected ":" after object key "Raw", found "bytes"`, "attachment-get.md"},
	{"zip", "[Zip file containing a Teams app package]", "1:6", `expected "," or "]" after array item, found "file"`, "QUIRKS F38: prose is not a list"},
	{"bare then item same line", `[foo 1]`, "1:6", `expected "," or "]"`, "a word and an item on one line"},
	{"item then bare same line", `[1 foo]`, "1:4", `expected "," or "]"`, "an item and a word on one line"},
	{"bare member same line", `{"a": foo "b": 1}`, "1:11", `expected "," or "}" after object member, found a string`, "a word and a member on one line"},
	{"words in value", `{"a": foo bar}`, "1:11", `expected "," or "}" after object member, found "bar"`, "no multi-word values"},
	{"top bare word", "Binary data for the image", "1:1", `unexpected "Binary" where a value should be (bare words`, "QUIRKS F38: prose body"},
	{"top bare time", "00:00:00", "1:1", "bare words are accepted only inside", "no bare word at top"},
	{"unterminated", `"abc`, "1:1", "unterminated string", "top-level string"},
	{"unclosed comment", "{/* x", "1:2", "unclosed /* comment", "brief: unclosed /* is an error"},
	{"leading comma", `[,1]`, "1:2", `unexpected "," where a value or "]" should be`, "no empty first item"},
	{"lone comma", `[,]`, "1:2", `unexpected ","`, "no empty item"},
	{"object leading comma", `{,}`, "1:2", `unexpected "," where an object key or "}" should be`, "no empty first member"},
	{"double comma", `[1,,2]`, "1:4", `unexpected "," where a value should be`, "an empty item between commas"},
	{"double comma object", `{"a":1,,"b":2}`, "1:8", `unexpected "," where an object key should be`, "an empty member between commas"},
	{"key not string", `{1: 2}`, "1:2", `expected an object key or "}", found "1:"`, "numbers are not keys"},
	{"key after comma", `{"a": 1, [}`, "1:10", `expected an object key after ",", found "["`, "after a comma"},
	{"after member", `{"a": 1 [}`, "1:9", `expected "," or "}" after object member, found "["`, "not a key"},
	{"after item", `[1 :]`, "1:4", `expected "," or "]" after array item, found ":"`, "not a value"},
	{"unquoted key no colon", `{abc}`, "1:5", `expected ":" after object key "abc", found "}"`, "a word is a key only before a colon"},
	{"mismatched close", `[1}`, "1:3", `expected "," or "]" after array item, found "}"`, "wrong bracket"},
	{"mismatched close object", `{"a":1]`, "1:7", `expected "," or "}" after object member, found "]"`, "wrong bracket"},
	{"slash", `[/]`, "1:2", `unexpected "/" where a value should be`, "a lone slash is not a comment"},
	{"colon value", `[:]`, "1:2", `unexpected ":" where a value should be`, "a word cannot start with a colon"},
	{"odd char", `[#]`, "1:2", `unexpected "#" where a value should be`, "no # comments"},
	{"unicode char", `{"a": «1»}`, "1:7", `unexpected "«" where a value should be`, "multi-byte character named in full"},
	{"unicode ellipsis then word", `[…x]`, "1:2", `unexpected "…"`, "an ellipsis glued to a word is not an ellipsis"},
	{"control outside string", "[\x00]", "1:2", `unexpected "\x00" where a value should be`, "raw NUL outside strings"},
	{"error after lines", "{\n  \"a\": 1,\n  \"b\" 2\n}", "3:7", `expected ":" after object key, found "2"`, "line and column of the token"},
	{"error after multibyte", "{\"é\": 1, x}", "1:12", `expected ":" after object key "x", found "}"`, "columns count bytes"},
	{"error after crlf", "{\r\n\"a\": ]\r\n}", "2:6", `unexpected "]" where a value should be`, "CRLF: the CR is not a column of the next line"},
	{"broken quote", `{"code": ""internalServerError", "x": 1}`, "1:12", `expected "," or "}" after object member, found "internalServerError"`, "workbookoperation-get.md"},
}

func TestErrors(t *testing.T) {
	for _, tc := range errorCases {
		t.Run(tc.name, func(t *testing.T) {
			v, _, err := Parse([]byte(tc.in))
			checkErr(t, err, tc.pos, tc.msg)
			if d := cmp.Diff(Value{}, v); d != "" {
				t.Errorf("on error the value must be zero (%s): %s", tc.why, d)
			}
		})
	}
}

func TestDepth(t *testing.T) {
	deep := func(n int) []byte {
		return append(bytes.Repeat([]byte("["), n), bytes.Repeat([]byte("]"), n)...)
	}
	v, lens, err := Parse(deep(MaxDepth))
	if err != nil || len(lens) != 0 {
		t.Fatalf("depth %d: err=%v lens=%v", MaxDepth, err, lens)
	}
	for d := 1; d < MaxDepth; d++ {
		if len(v.Items) != 1 {
			t.Fatalf("depth %d: %d items", d, len(v.Items))
		}
		v = v.Items[0]
	}
	if !json.Valid(v.AppendJSON(nil)) {
		t.Error("AppendJSON")
	}
	_, _, err = Parse(deep(MaxDepth + 1))
	checkErr(t, err, "1:10001", "nesting deeper than 10000")

	// A million open brackets fail at the limit, quickly and without a
	// stack overflow; so does a deep unclosed mix.
	_, _, err = Parse(bytes.Repeat([]byte("["), 1e6))
	checkErr(t, err, "1:10001", "nesting deeper than 10000")
	_, _, err = Parse(bytes.Repeat([]byte(`{"a":[`), 1e5))
	checkErr(t, err, "1:30001", "nesting deeper than 10000")

	// Unclosed but within the limit: closed and truncated.
	v, lens, err = Parse(bytes.Repeat([]byte("["), MaxDepth))
	if err != nil || len(lens) != 1 || lens[0].Kind != UnexpectedEnd || !v.Truncated {
		t.Fatalf("unclosed: err=%v lens=%v truncated=%v", err, lens, v.Truncated)
	}
}

func TestPositions(t *testing.T) {
	// Line 2 starts after a CRLF; "é" is two bytes, so columns after it are
	// shifted by one more than the characters.
	in := "{\r\n \"é\": [1, 'x'],\r\n\tb: …\r\n}"
	v, lens, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := Value{Kind: Object, Truncated: true, Line: 1, Col: 1, Offset: 0, Members: []Member{
		{Key: "é", Line: 2, Col: 2, Offset: 4, Value: Value{Kind: Array, Line: 2, Col: 8, Offset: 10, Items: []Value{
			{Kind: Number, Text: "1", Line: 2, Col: 9, Offset: 11},
			{Kind: String, Text: "x", Line: 2, Col: 12, Offset: 14},
		}}},
		{Key: "b", Line: 3, Col: 2, Offset: 22, Value: Value{Kind: Omitted, Text: "…", Line: 3, Col: 5, Offset: 25}},
	}}
	if d := cmp.Diff(want, v); d != "" {
		t.Errorf("positions (-want +got):\n%s", d)
	}
	wantL := []Leniency{
		{Kind: SingleQuote, Line: 2, Col: 12, Offset: 14},
		{Kind: UnquotedKey, Line: 3, Col: 2, Offset: 22},
		{Kind: Ellipsis, Line: 3, Col: 5, Offset: 25},
	}
	if d := cmp.Diff(wantL, lens); d != "" {
		t.Errorf("leniency positions (-want +got):\n%s", d)
	}
	for _, l := range lens {
		if got := in[l.Offset:]; l.Kind == Ellipsis && !strings.HasPrefix(got, "…") {
			t.Errorf("offset %d does not point at the ellipsis: %q", l.Offset, got)
		}
	}
}

func TestLeniencyPositions(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want []Leniency
		why  string
	}{
		{"trailing comma at the comma", "[1,\n]", []Leniency{{TrailingComma, 1, 3, 2}}, "the comma, not the bracket"},
		{"trailing comma before comment", "[1, /* c */ ]", []Leniency{{TrailingComma, 1, 3, 2}, {Comment, 1, 5, 4}}, "sorted by offset though found later"},
		{"doubled trailing commas", "[1, ,\n ,]", []Leniency{{TrailingComma, 1, 3, 2}}, "at the first of them"},
		{"missing comma at next item", "{\"a\": 1\n  \"b\": 2}", []Leniency{{MissingComma, 2, 3, 10}}, "at the item that lacks the comma"},
		{"unquoted key with comment", "{a /* c */ : 1}", []Leniency{{UnquotedKey, 1, 2, 1}, {Comment, 1, 4, 3}}, "document order"},
		{"raw control chars", "\"a\nb\r\nc\"", []Leniency{{RawControlChar, 1, 3, 2}, {RawControlChar, 2, 2, 4}}, "line tracking inside strings"},
		{"after raw newline", "[\"a\nb\", x]", []Leniency{{RawControlChar, 1, 4, 3}, {BareWord, 2, 5, 8}}, "columns restart after a raw newline"},
		{"bad escape at backslash", `"ab\q"`, []Leniency{{BadEscape, 1, 4, 3}}, "at the backslash"},
		{"odd whitespace runs", "[\u00a0\u00a01,\n\u00a02]", []Leniency{{OddWhitespace, 1, 2, 1}, {OddWhitespace, 2, 1, 8}}, "one per run"},
		{"nbsp around newline", "[1,\u00a0\n\u00a02]", []Leniency{{OddWhitespace, 1, 4, 3}, {OddWhitespace, 2, 1, 6}}, "a newline splits runs"},
		{"unexpected end at end", "{\n\"a\": [1,", []Leniency{{UnexpectedEnd, 2, 9, 10}}, "position of the end of the text"},
		{"trailing text", "{}\r\n x", []Leniency{{TrailingText, 2, 2, 5}}, "first character of the trailing text"},
		{"duplicate at later key", "{\"k\": 1,\n \"k\": 2}", []Leniency{{DuplicateKey, 2, 2, 10}}, "the later key"},
		{"comment position", "// c\n1", []Leniency{{Comment, 1, 1, 0}}, "the first slash"},
		{"number form", "[ +1]", []Leniency{{NumberForm, 1, 3, 2}}, "the first character"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, lens, err := Parse([]byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, lens); d != "" {
				t.Errorf("%s (-want +got):\n%s", tc.why, d)
			}
		})
	}
}

// TestStrictMatchesStdlib checks that strict inputs decode as encoding/json
// decodes them and give no leniency.
func TestStrictMatchesStdlib(t *testing.T) {
	inputs := []string{
		`{"a":[1,2.5,-3e10,"x\u0000y",true,false,null,{}],"b":{"c":"\ud83d\ude00\ud800"}}`,
		`[9007199254740993, 18446744073709551615, 1.0000000000000000001]`,
		"\"\xff\xfe\xc3\"",
		`"\u2028\u2029<>&"`,
		`{"a":1,"a":2}`,
		` [ ] `,
		`"\/"`,
		`{"value":[{"id":"1","n":{"x":[[]]}}]}`,
	}
	for _, in := range inputs {
		v, lens, err := Parse([]byte(in))
		if err != nil {
			t.Errorf("Parse(%q): %v", in, err)
			continue
		}
		for _, l := range lens {
			if l.Kind != DuplicateKey {
				t.Errorf("Parse(%q): leniency %v in strict JSON", in, l)
			}
		}
		out := v.AppendJSON(nil)
		if d := cmp.Diff(unmarshal(t, []byte(in)), unmarshal(t, out)); d != "" {
			t.Errorf("Parse(%q).AppendJSON = %s; differs from encoding/json:\n%s", in, out, d)
		}
	}
}

func unmarshal(t *testing.T, b []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("encoding/json cannot read %q: %v", b, err)
	}
	return v
}

func TestAppendJSON(t *testing.T) {
	cases := []struct {
		name string
		v    Value
		want string
	}{
		{"number exact", num("12345678901234567890"), `12345678901234567890`},
		{"number form as string", num("0001"), `"0001"`},
		{"NaN as string", num("NaN"), `"NaN"`},
		{"empty number", num(""), `""`},
		{"omitted", omitted("..."), `null`},
		{"bool", boolean(true), `true`},
		{"bool odd text", Value{Kind: Bool, Text: "yes"}, `false`},
		{"unknown kind", Value{Kind: 200}, `null`},
		{"truncated", trunc(obj(mem("a", omitted("…")), mem("a", arr()))), `{"a":null,"a":[]}`},
		{"escapes", str("\"\\\b\f\n\r\t\x01\x1f/<>&\u2028\u2029é"), `"\"\\\b\f\n\r\t\u0001\u001f/<>&\u2028\u2029é"`},
		{"invalid utf8 from caller", str("a\xffb"), `"a\ufffdb"`},
		{"keys escaped", obj(mem("a\"b", null())), `{"a\"b":null}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := string(tc.v.AppendJSON([]byte("x")))
			if got != "x"+tc.want {
				t.Errorf("got %s, want x%s", got, tc.want)
			}
		})
	}
	// Escaping agrees with encoding/json (SetEscapeHTML(false)) on every
	// byte value and some runes.
	var all []byte
	for c := 0; c < 256; c++ {
		all = append(all, byte(c))
	}
	all = append(all, "\u2028\u2029\ufeff😀"...)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(string(all)); err != nil {
		t.Fatal(err)
	}
	if got, want := string(str(string(all)).AppendJSON(nil)), strings.TrimSuffix(buf.String(), "\n"); got != want {
		t.Errorf("escaping differs from encoding/json:\n got %s\nwant %s", got, want)
	}
}

func TestGet(t *testing.T) {
	v, _, err := Parse([]byte(`{"@odata.type": "a", "x": 1, "@odata.type": "b"}`))
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := v.Get("@odata.type"); !ok || got.Text != "b" {
		t.Errorf("Get: got %+v, %v; want the last one", got, ok)
	}
	if _, ok := v.Get("missing"); ok {
		t.Error("Get(missing) = true")
	}
	if _, ok := str("x").Get("x"); ok {
		t.Error("Get on a string = true")
	}
}

func TestNames(t *testing.T) {
	kinds := map[Kind]string{Null: "null", Bool: "bool", Number: "number", String: "string", Object: "object", Array: "array", Omitted: "omitted", 9: "Kind(9)"}
	for k, want := range kinds {
		if k.String() != want {
			t.Errorf("Kind(%d).String() = %q, want %q", k, k.String(), want)
		}
	}
	seen := map[string]bool{}
	for k := 0; k < NumLeniencyKinds; k++ {
		s := LeniencyKind(k).String()
		if s == "" || strings.ContainsAny(s, " _(") || s != strings.ToLower(s) || seen[s] {
			t.Errorf("LeniencyKind(%d).String() = %q: want a unique kebab-case name", k, s)
		}
		seen[s] = true
	}
	if got := LeniencyKind(NumLeniencyKinds).String(); got != "LeniencyKind(14)" {
		t.Errorf("out of range: %q", got)
	}
	if got := TrailingComma.String() + " " + DuplicateKey.String(); got != "trailing-comma duplicate-key" {
		t.Errorf("names: %q", got)
	}
	if got := (Leniency{Kind: Comment, Line: 3, Col: 7}).String(); got != "3:7: comment" {
		t.Errorf("Leniency.String() = %q", got)
	}
	if got := (&SyntaxError{Line: 2, Col: 5, Msg: "oops"}).Error(); got != "2:5: oops" {
		t.Errorf("SyntaxError.Error() = %q", got)
	}
}

func TestStrictFunc(t *testing.T) {
	for in, want := range map[string]bool{
		`{"a": [1, "x"]}`:     true,
		`{"a": 1,}`:           false,
		`{"a": 1, "a": 2}`:    false, // DuplicateKey is a leniency
		`{`:                   false,
		`not json`:            false,
		"\ufeff{\"a\": 1}":    false,
		`{"a": "\u00e9"}`:     true,
		`{"a": 1} // done`:    false,
		`  {"a": 1}  ` + "\n": true,
	} {
		if got := Strict([]byte(in)); got != want {
			t.Errorf("Strict(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestNoAliasing checks that the result does not share memory with the
// input: the caller may reuse its buffer.
func TestNoAliasing(t *testing.T) {
	src := []byte(`{"key": "value", "n": 123}`)
	v, _, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	for i := range src {
		src[i] = 'X'
	}
	if d := cmp.Diff(obj(mem("key", str("value")), mem("n", num("123"))), stripPos(v)); d != "" {
		t.Errorf("result changed with the input buffer:\n%s", d)
	}
}

// TestManyMembers covers the duplicate-key check of large objects.
func TestManyMembers(t *testing.T) {
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < 200; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"k` + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + `":1`)
	}
	b.WriteString("}")
	_, lens, err := Parse([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	// 26*7 = 182 distinct keys among 200: 18 duplicates.
	n := 0
	for _, l := range lens {
		if l.Kind == DuplicateKey {
			n++
		}
	}
	if n != 18 {
		t.Errorf("got %d duplicates, want 18", n)
	}
}

// TestConcurrent parses from many goroutines at once: parsers are pooled,
// so results must not leak between calls (run with -race).
func TestConcurrent(t *testing.T) {
	inputs := []string{`{"a": [1, 2, {"b": "c"}], "d": 1,}`, `[..., {'x': True}]`, `{"k": "v\n"`, `{"a" 1}`}
	want := make([]string, len(inputs))
	for i, in := range inputs {
		v, lens, err := Parse([]byte(in))
		want[i] = string(v.AppendJSON(nil)) + " " + fmt.Sprint(lens, err)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 200; n++ {
				i := (g + n) % len(inputs)
				v, lens, err := Parse([]byte(inputs[i]))
				if got := string(v.AppendJSON(nil)) + " " + fmt.Sprint(lens, err); got != want[i] {
					t.Errorf("goroutine %d: got %s, want %s", g, got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestOpening(t *testing.T) {
	for text, want := range map[string]byte{
		`{"a": 1}`:                  '{',
		" \n\t[1]":                  '[',
		"// shortened\n{\"a\": 1}":  '{',
		"/* a\n b */ [1]":           '[',
		"\u00a0\ufeff{}":            '{',
		"Binary data for the image": 'B',
		"// only a comment":         0,
		"/* unclosed {":             0,
		"":                          0,
		"   ":                       0,
		"/ {":                       '/',
	} {
		if got := Opening(text); got != want {
			t.Errorf("Opening(%q) = %q, want %q", text, got, want)
		}
	}
}
