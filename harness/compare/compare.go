package compare

import (
	"fmt"
	"mime"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/docjson"
)

// Mode is how much of a documented response is a promise.
type Mode uint8

const (
	// Shape (the default): structure and types; values are illustrative.
	Shape Mode = iota
	// Exact: values too, arrays item by item (for cassettes and mocks).
	Exact
)

// ExtraPolicy says what a property the docs do not show is, in a response that is not
// truncated.
type ExtraPolicy uint8

const (
	// ExtraFail (the default): an unexpected property is a difference.
	ExtraFail ExtraPolicy = iota
	// ExtraWarn: it is a warning.
	ExtraWarn
	// ExtraAllow: it is nothing.
	ExtraAllow
)

// Option changes how responses are compared.
type Option func(*config)

type config struct {
	mode   Mode
	extra  ExtraPolicy
	ignore []pattern
	redact func(string) string
}

// Redact passes every piece of the answer that a difference or warning shows through f
// first, before it is shortened: the answer is judged as it came, and what is written of
// it holds no secret (f replaces them), not even in part.
func Redact(f func(string) string) Option { return func(c *config) { c.redact = f } }

// WithMode sets the comparison mode.
func WithMode(m Mode) Option { return func(c *config) { c.mode = m } }

// Extra sets what unexpected properties are.
func Extra(p ExtraPolicy) Option { return func(c *config) { c.extra = p } }

// Ignore leaves out the values at these gjson paths (and everything below them): "#"
// matches any array index, "*" and "?" match within a key, "**" matches any number of
// levels ("value.#.id", "**.createdDateTime"). Paths that ValidIgnore rejects match
// nothing.
func Ignore(paths ...string) Option {
	return func(c *config) {
		for _, p := range paths {
			if pat, err := compile(p); err == nil {
				c.ignore = append(c.ignore, pat)
			}
		}
	}
}

// Result is the judgement on one response.
type Result struct {
	Differences []harness.Difference    `json:"differences"`
	Warnings    []harness.ResultWarning `json:"warnings,omitempty"`
}

// OK reports whether the response conforms: no differences (warnings are allowed).
func (r Result) OK() bool { return len(r.Differences) == 0 }

// Response compares the documented response want with the actual answer got.
func Response(want harness.Response, got harness.Actual, opts ...Option) Result {
	return response(want, got, opts, true)
}

// response is Response; identical lets bodies that are the same JSON text skip the walk
// (the tests turn it off to hold the walk to the same verdict).
func response(want harness.Response, got harness.Actual, opts []Option, identical bool) Result {
	c := newComparer(opts)
	c.res.Differences = []harness.Difference{}
	c.bodyLine = want.BodyLine
	c.exp = want.Expectation
	c.optional = names(want.OptionalProperties, want.NullableProperties)
	// Error responses carry request-specific detail (innerError, request-id, dates): the
	// documented error body is a sample of its shape.
	c.truncAll = want.Truncated || want.ExpectError || want.Status >= 400

	if got.Status != want.Status {
		c.diffAt(harness.DiffStatus, "", want.Line, strconv.Itoa(want.Status), strconv.Itoa(got.Status),
			fmt.Sprintf("expected status %d, got %d", want.Status, got.Status))
		return c.result()
	}
	doc := strings.TrimSpace(want.Body)
	body := strings.TrimSpace(got.Body)
	if (want.Status == 204 || want.Status == 304) && doc != "" {
		// HTTP gives these statuses no body: the documented one is a mistake in the docs.
		c.warn(harness.WarnBodyNotAllowed, want.BodyLine, fmt.Sprintf("the docs show a body for status %d, which has none; the body was not compared", want.Status))
		return c.result()
	}
	switch {
	case doc == "":
		if c.cfg.mode == Exact && body != "" {
			c.diffAt(harness.DiffBody, "", want.Line, `""`, quote(shorten(c.act(body))), "no body is documented, the response has one")
		}
		return c.result()
	case docjson.Opening(doc) != '{' && docjson.Opening(doc) != '[':
		// (A JSON body may open with a comment: "// shortened for readability".)
		c.textBody(want, got, doc, body)
		return c.result()
	}
	if identical && sameJSONText(doc, body) {
		// The answer is the documented body itself (a mock, a cassette of a conforming
		// service): it conforms in every mode, and every part of it was checked, so the
		// walk's "could not be checked" warnings do not arise.
		c.contentType(want, got, true)
		return c.result()
	}
	v, _, err := docjson.Parse([]byte(doc))
	if err != nil {
		line := want.BodyLine
		if se, ok := err.(*docjson.SyntaxError); ok && line > 0 {
			line += se.Line - 1
		}
		c.warn(harness.WarnBodyNotJSON, line, fmt.Sprintf("the documented body is not JSON (%v); only the status and content type were compared", errMsg(err)))
		// (A body that is not JSON promises no JSON: the documented content type, if any,
		// is the promise.)
		c.contentType(want, got, false)
		return c.result()
	}
	c.contentType(want, got, true)
	if !gjson.Valid(got.Body) {
		c.diffAt(harness.DiffBody, "", want.BodyLine, `"JSON"`, quote(shorten(c.act(body))), "the documented body is JSON, the response body is not")
		return c.result()
	}
	c.value(&v, gjson.Parse(body), c.truncAll)
	return c.result()
}

func errMsg(err error) string {
	if se, ok := err.(*docjson.SyntaxError); ok {
		return se.Msg
	}
	return err.Error()
}

// textBody compares a body that is not JSON: its content type always, its text in exact mode.
func (c *comparer) textBody(want harness.Response, got harness.Actual, doc, body string) {
	c.contentType(want, got, false)
	if c.cfg.mode == Exact && doc != body {
		c.diffAt(harness.DiffBody, "", want.BodyLine, quote(shorten(doc)), quote(shorten(c.act(body))), "the body differs from the documented one")
	}
}

// contentType checks the actual Content-Type against the documented one (or against JSON
// when the documented body is JSON).
func (c *comparer) contentType(want harness.Response, got harness.Actual, json bool) {
	act, ok := header(got.Headers, "Content-Type")
	if !ok {
		return
	}
	at, _, _ := mime.ParseMediaType(act)
	if json {
		if !isJSONType(at) {
			c.diffAt(harness.DiffContentType, "", want.Line, `"application/json"`, quote(shorten(c.act(act))),
				fmt.Sprintf("the documented body is JSON, the response is %s", shorten(c.act(act))))
		}
		return
	}
	doc, ok := header(want.Headers, "Content-Type")
	if !ok {
		return
	}
	dt, _, _ := mime.ParseMediaType(doc)
	if dt != "" && at != dt {
		c.diffAt(harness.DiffContentType, "", want.Line, quote(doc), quote(shorten(c.act(act))),
			fmt.Sprintf("expected content type %s, got %s", dt, at))
	}
}

func isJSONType(t string) bool {
	return t == "application/json" || strings.HasSuffix(t, "+json") || t == "text/json"
}

func header(hs []harness.Header, name string) (string, bool) {
	for _, h := range hs {
		if strings.EqualFold(h.Name, name) {
			return h.Value, true
		}
	}
	return "", false
}

func names(lists ...[]string) map[string]bool {
	var m map[string]bool
	for _, l := range lists {
		for _, n := range l {
			if m == nil {
				m = map[string]bool{}
			}
			m[n] = true
		}
	}
	return m
}

// sameJSONText reports whether a and b are the same valid JSON text but for whitespace
// between tokens: then they are the same value, member order and number spelling
// included. a must be valid JSON. b may differ from it only by whitespace that touches a
// bracket, brace, comma, colon or quote on one side or the other: whitespace elsewhere
// would split a token (tr ue, 1 2), and valid JSON never has it, so b is valid too.
func sameJSONText(a, b string) bool {
	i, j := 0, 0
	st := outside
	for {
		// The longest run the same in both, read for where strings start and end.
		n := 0
		for i+n < len(a) && j+n < len(b) && a[i+n] == b[j+n] {
			n++
		}
		st = st.scan(a[i : i+n])
		i, j = i+n, j+n
		if i == len(a) && j == len(b) {
			return st == outside && gjson.Valid(a)
		}
		if st != outside {
			return false
		}
		si, sj := skipSpace(a, i), skipSpace(b, j)
		if si == i && sj == j {
			return false
		}
		before := byte(',') // the start of the text is a boundary
		if i > 0 {
			before = a[i-1]
		}
		after := byte(',')
		if si < len(a) {
			after = a[si]
		}
		if !structural(before) && !structural(after) {
			return false
		}
		i, j = si, sj
	}
}

// textState is where a scan of JSON text is: outside strings, inside one, or just after a
// backslash inside one.
type textState uint8

const (
	outside textState = iota
	inString
	escaped
)

// scan follows s from state st.
func (st textState) scan(s string) textState {
	for len(s) > 0 {
		switch st {
		case outside:
			k := strings.IndexByte(s, '"')
			if k < 0 {
				return outside
			}
			s, st = s[k+1:], inString
		case inString:
			k := strings.IndexAny(s, "\"\\")
			if k < 0 {
				return inString
			}
			if s[k] == '"' {
				st = outside
			} else {
				st = escaped
			}
			s = s[k+1:]
		case escaped:
			s, st = s[1:], inString
		}
	}
	return st
}

func structural(c byte) bool {
	switch c {
	case '{', '}', '[', ']', ',', ':', '"':
		return true
	}
	return false
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}
