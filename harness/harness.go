package harness

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// Pos is a place in a page: the file as the user named it (slash-separated) and a 1-based line.
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

// String returns "file:line", the prefix of every message about a page.
func (p Pos) String() string { return fmt.Sprintf("%s:%d", p.File, p.Line) }

// Severity says whether a diagnostic cost something.
type Severity string

const (
	// Error: something on the page could not be used (a block, an example, an annotation).
	Error Severity = "error"
	// Warning: the page was read, but is written in a way the grammar does not allow
	// (a non-strict annotation, prose between an annotation and its block, a stale
	// Content-Length, ...). Lint reports these; extraction works around them.
	Warning Severity = "warning"
	// Note: a fact about the page that costs nothing but that a reader may want to know
	// (a documented Content-Length that counts CRLF line ends, so it does not describe the
	// body as the page writes it).
	Note Severity = "note"
)

// Diagnostic is one thing a reader of a page should know.
type Diagnostic struct {
	Pos
	Severity Severity `json:"severity"`
	// Code is a stable kebab-case name of the rule, e.g. "annotation-lenient".
	Code    string `json:"code"`
	Message string `json:"message"`
}

// String returns "file:line: severity: message [code]".
func (d Diagnostic) String() string {
	return fmt.Sprintf("%s: %s: %s [%s]", d.Pos, d.Severity, d.Message, d.Code)
}

// Header is one header line as a page documents it: name as written, value trimmed.
type Header struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Request is an example request as the page writes it. Nothing is resolved here: the URL
// keeps its placeholders, spaces and quotes, and the body is the documented text.
type Request struct {
	// Line is the line of the request line (METHOD URL) in the page.
	Line   int    `json:"line"`
	Method string `json:"method"`
	URL    string `json:"url"`
	// Proto is the protocol given after the URL ("HTTP/1.1"), if any.
	Proto   string   `json:"proto,omitempty"`
	Headers []Header `json:"headers"`
	Body    string   `json:"body"`
	// BodyLine is the page line where the body starts (0 when there is no body).
	BodyLine int `json:"bodyLine,omitempty"`
}

// Expectation is what a response's annotation says about how to judge a real answer.
type Expectation struct {
	Truncated          bool     `json:"truncated"`
	IsCollection       bool     `json:"isCollection"`
	ODataType          string   `json:"odataType,omitempty"`
	CollectionProperty string   `json:"collectionProperty,omitempty"`
	IsEmpty            bool     `json:"isEmpty,omitempty"`
	ExpectError        bool     `json:"expectError,omitempty"`
	OptionalProperties []string `json:"optionalProperties,omitempty"`
	NullableProperties []string `json:"nullableProperties,omitempty"`
}

// Response is a documented response to an example request.
type Response struct {
	// Line is the line of the status line in the page.
	Line int `json:"line"`
	// AnnotationLine is the line where the block's annotation starts (0: not annotated).
	AnnotationLine int `json:"annotationLine,omitempty"`
	// Inferred is true when the block carries no annotation: it was recognised by its
	// content (a status line) alone.
	Inferred bool   `json:"inferred"`
	Status   int    `json:"status"`
	Reason   string `json:"reason,omitempty"`
	Proto    string `json:"proto,omitempty"`
	Expectation
	Headers  []Header `json:"headers"`
	Body     string   `json:"body"`
	BodyLine int      `json:"bodyLine,omitempty"`
	// Extra holds annotation keys docconform does not interpret, as strict JSON.
	Extra map[string]json.RawMessage `json:"extra,omitempty"`
}

// Example is one documented request with the response(s) that answer it.
type Example struct {
	// ID is stable across runs: "<page path relative to the root given>#<request name>",
	// with "~N" appended for the N-th use of a name in one page, and "example-N" for the
	// N-th unnamed example of a page.
	ID   string `json:"id"`
	File string `json:"file"`
	// Name is the request's annotation name ("" when it has none).
	Name string `json:"name"`
	// BlockType is the request block's annotation type: "request", "ignored" (a request
	// annotated ignored whose response is annotated), or "" (no annotation).
	BlockType string `json:"blockType"`
	// Inferred is true when neither the request nor any of its responses is annotated.
	Inferred       bool `json:"inferred"`
	AnnotationLine int  `json:"annotationLine,omitempty"`
	Request
	Responses []Response `json:"responses"`
	// Extra holds request-annotation keys docconform does not interpret, as strict JSON.
	Extra map[string]json.RawMessage `json:"extra,omitempty"`
}

// Pos is where the example's request line is.
func (e Example) Pos() Pos { return Pos{File: e.File, Line: e.Line} }

// Resource is a documented resource shape: a block annotated "resource".
type Resource struct {
	Pos
	AnnotationLine     int      `json:"annotationLine"`
	ODataType          string   `json:"odataType"`
	BaseType           string   `json:"baseType,omitempty"`
	KeyProperty        string   `json:"keyProperty,omitempty"`
	OptionalProperties []string `json:"optionalProperties,omitempty"`
	// Body is the documented JSON shape as written; BodyLine is its first line.
	Body     string                     `json:"body"`
	BodyLine int                        `json:"bodyLine"`
	Extra    map[string]json.RawMessage `json:"extra,omitempty"`
}

// Page is everything extracted from one page.
type Page struct {
	// File is the page's path as the user can open it; Rel is its path relative to the
	// root it was found under, the prefix of its example IDs.
	File string `json:"file"`
	Rel  string `json:"rel"`
	// Version is the API version the page's folders give: the nearest enclosing folder
	// named like a version or ending in one ("v1.0", "beta", "graph-docs-v1.0"), below the
	// root, else the root folder or the one above it (docs/beta/api); "" when none is. A
	// documented URL with no version segment gets it.
	Version     string       `json:"version,omitempty"`
	Title       string       `json:"title,omitempty"`
	Description string       `json:"description,omitempty"`
	Examples    []Example    `json:"examples"`
	Resources   []Resource   `json:"resources"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// Actual is what a service answered: the status, the headers as received and the body.
type Actual struct {
	Status  int      `json:"status"`
	Headers []Header `json:"headers,omitempty"`
	Body    string   `json:"body,omitempty"`
}

// DiffKind is what a difference is: what a service's answer does differently from its
// documentation. The JSON report (schema version 1) knows these kinds and no others.
type DiffKind string

const (
	DiffStatus      DiffKind = "status"       // another status code
	DiffContentType DiffKind = "content-type" // the docs show JSON, the answer is not JSON
	DiffMissing     DiffKind = "missing"      // a documented property is absent
	DiffUnexpected  DiffKind = "unexpected"   // a property the docs do not show, in a response not truncated
	DiffType        DiffKind = "type"         // another JSON type (string for number, object for array, ...)
	DiffValue       DiffKind = "value"        // another value where values are compared (@odata.type; exact mode)
	DiffFormat      DiffKind = "format"       // a documented date-time answered by a string that is not one
	DiffBody        DiffKind = "body"         // the body as a whole: not JSON, or present where none is documented
)

// Known reports whether k is one of the kinds above.
func (k DiffKind) Known() bool {
	switch k {
	case DiffStatus, DiffContentType, DiffMissing, DiffUnexpected, DiffType, DiffValue, DiffFormat, DiffBody:
		return true
	}
	return false
}

// Difference is one way an actual response differs from the documented one.
type Difference struct {
	Kind DiffKind `json:"kind"`
	// Path is a gjson path to the value in the actual body ("value.0.mail"), "" for the
	// status, content type and body as a whole.
	Path string `json:"path"`
	// Expected and Actual are the documented and actual values as JSON, shortened when
	// large; null when there is none (a missing property has no actual value).
	Expected json.RawMessage `json:"expected"`
	Actual   json.RawMessage `json:"actual"`
	Message  string          `json:"message"`
	// Line is the page line of the documented value (0 when unknown).
	Line int `json:"line,omitempty"`
	// More counts the other items of the same array(s) with this same difference (their
	// paths differ from Path only in indexes); they are not listed one by one.
	More int `json:"more,omitempty"`
}

// Verdict is what a Result says of an example. The JSON report (schema version 1) knows
// these verdicts and no others.
type Verdict string

const (
	Passed  Verdict = "passed"  // the service answered as documented
	Failed  Verdict = "failed"  // the service answered, differently: see Differences
	Errored Verdict = "errored" // no usable answer: timeout, connection refused, body too large, ...
	Skipped Verdict = "skipped" // not sent: see Reason
)

// Known reports whether v is one of the verdicts above.
func (v Verdict) Known() bool {
	switch v {
	case Passed, Failed, Errored, Skipped:
		return true
	}
	return false
}

// ExampleHeader names the example a request replays. The replay stage sends it to the
// mock only, which uses it to answer each example with its own documented response when
// several examples' requests cannot be told apart otherwise.
const ExampleHeader = "X-Docconform-Example"

// Case is an example planned for sending: the request resolved against an endpoint.
type Case struct {
	ID   string `json:"id"`
	File string `json:"file"`
	Line int    `json:"line"`
	Name string `json:"name"`
	// Method, URL (absolute, encoded), Headers and Body are what is sent. The Authorization
	// header is not among them: the transport adds it, for the endpoint's host only.
	Method  string   `json:"method"`
	URL     string   `json:"url"`
	Headers []Header `json:"headers"`
	Body    string   `json:"body,omitempty"`
	// Skip, when not empty, is why the case is not sent.
	Skip string `json:"skip,omitempty"`
	// NoRedirect: a redirect answer is judged as is, not followed: the documented answer
	// is itself a redirect (3xx), or the endpoint is the mock (which gives each example
	// its own documented answer).
	NoRedirect bool `json:"noRedirect,omitempty"`
}

// Exchange is what came of sending a Case.
type Exchange struct {
	Actual Actual `json:"actual"`
	// Err, when not empty, is why there is no usable answer (the case errored).
	Err         string `json:"error,omitempty"`
	Attempts    int    `json:"attempts"`
	DurationMs  int64  `json:"durationMs"`
	ThrottledMs int64  `json:"throttledMs,omitempty"`
}

// ExpectedSummary and ActualSummary say which documented response a result was judged
// against and what status came back.
type ExpectedSummary struct {
	Status int `json:"status"`
	Line   int `json:"line"`
}

type ActualSummary struct {
	Status int `json:"status"`
}

// Result is the verdict on one example.
type Result struct {
	ID          string           `json:"id"`
	File        string           `json:"file"`
	Line        int              `json:"line"`
	Name        string           `json:"name"`
	Method      string           `json:"method"`
	URL         string           `json:"url"`
	Status      Verdict          `json:"status"`
	Reason      string           `json:"reason,omitempty"`
	Attempts    int              `json:"attempts"`
	DurationMs  int64            `json:"durationMs"`
	ThrottledMs int64            `json:"throttledMs,omitempty"`
	Expected    *ExpectedSummary `json:"expected,omitempty"`
	Actual      *ActualSummary   `json:"actual,omitempty"`
	Differences []Difference     `json:"differences,omitempty"`
	// Warnings are what a reader should know that did not fail the example. The JSON
	// report writes each twice: as text under "warnings" (String), and as it is under
	// "warningDetails" (see MarshalJSON).
	Warnings []ResultWarning `json:"-"`
}

// MarshalJSON writes a result as the JSON report lays it out: the fields as tagged, then
// "warnings", the warnings as text (ResultWarning.String), and "warningDetails", the same
// warnings with their kind, path, line and count; both are left out when there are none.
// Nothing is HTML-escaped here: the encoder that writes the result escapes, or not, as it
// was told.
func (r Result) MarshalJSON() ([]byte, error) {
	type fields Result // Result's fields without its methods
	out := struct {
		fields
		Warnings       []string        `json:"warnings,omitempty"`
		WarningDetails []ResultWarning `json:"warningDetails,omitempty"`
	}{fields: fields(r), WarningDetails: r.Warnings}
	for _, w := range r.Warnings {
		out.Warnings = append(out.Warnings, w.String())
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// UnmarshalJSON reads what MarshalJSON writes. The warnings are "warningDetails" when the
// result has them; a result written before warnings had kinds has only "warnings", the
// text of each, which is read as the warning's Message.
func (r *Result) UnmarshalJSON(src []byte) error {
	type fields Result // Result's fields without its methods
	if err := json.Unmarshal(src, (*fields)(r)); err != nil {
		return err
	}
	var ws struct {
		Warnings       []string        `json:"warnings"`
		WarningDetails []ResultWarning `json:"warningDetails"`
	}
	if err := json.Unmarshal(src, &ws); err != nil {
		return err
	}
	r.Warnings = ws.WarningDetails
	if len(ws.WarningDetails) == 0 && len(ws.Warnings) > 0 {
		r.Warnings = make([]ResultWarning, len(ws.Warnings))
		for i, text := range ws.Warnings {
			r.Warnings[i] = ResultWarning{Message: text}
		}
	}
	return nil
}

// WarningKind is what a warning on a verdict is about. The kinds are those below; the JSON
// report may gain others, and a reader that does not know a kind still has the warning's
// message.
type WarningKind string

const (
	// WarnUnexpected: a property the docs do not show, in a response not truncated, where
	// the comparison was told to warn of these rather than fail (compare.ExtraWarn).
	WarnUnexpected WarningKind = "unexpected"
	// WarnNoItems: an array answered empty where the docs show items: their shape could
	// not be checked.
	WarnNoItems WarningKind = "no-items"
	// WarnUncheckedItems: items answered where the documented array is empty: there is
	// no template to check them against.
	WarnUncheckedItems WarningKind = "unchecked-items"
	// WarnBodyNotAllowed: the docs show a body for a status HTTP gives none (204, 304);
	// the body was not compared.
	WarnBodyNotAllowed WarningKind = "body-not-allowed"
	// WarnBodyNotJSON: the documented body is not JSON, even read leniently; only the
	// status and the content type were compared.
	WarnBodyNotJSON WarningKind = "body-not-json"
	// WarnStatusAccepted: the status answered is one no documented response has, and the
	// configuration accepts it; the body was not compared.
	WarnStatusAccepted WarningKind = "status-accepted"
)

// ResultWarning is one thing a reader should know about a verdict that did not fail the
// example. (A Diagnostic with Severity Warning is about a page; a ResultWarning is about
// an answer.)
type ResultWarning struct {
	// Kind is empty only for a warning read from a report written before warnings had
	// kinds: all it has is its Message.
	Kind WarningKind `json:"kind,omitempty"`
	// Path is a gjson path to the value in the actual body, as a Difference's; "" for the
	// response as a whole.
	Path    string `json:"path,omitempty"`
	Message string `json:"message"`
	// Line is the page line of the documented value (0 when unknown).
	Line int `json:"line,omitempty"`
	// More counts the other items of the same array(s) with this same warning, as a
	// Difference's More does.
	More int `json:"more,omitempty"`
}

// Tool names the program that wrote a report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Summary counts results by verdict.
type Summary struct {
	Total   int `json:"total"`
	Passed  int `json:"passed"`
	Failed  int `json:"failed"`
	Errored int `json:"errored"`
	Skipped int `json:"skipped"`
}

// Add counts one result.
func (s *Summary) Add(r Result) {
	s.Total++
	switch r.Status {
	case Passed:
		s.Passed++
	case Failed:
		s.Failed++
	case Errored:
		s.Errored++
	case Skipped:
		s.Skipped++
	}
}

// Run is a whole run: the JSON report, schema version 1 (reports/schema/report-v1.json).
type Run struct {
	SchemaVersion int       `json:"schemaVersion"`
	Tool          Tool      `json:"tool"`
	Endpoint      string    `json:"endpoint"`
	StartedAt     time.Time `json:"startedAt"`
	FinishedAt    time.Time `json:"finishedAt"`
	// Complete is false when the run was interrupted or hit its deadline: Results holds
	// what was judged by then.
	Complete bool     `json:"complete"`
	Summary  Summary  `json:"summary"`
	Results  []Result `json:"results"`
}
