package harness

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// TestTypedKindsRoundTrip: a typed verdict and difference kind are the plain strings of
// the JSON report, both ways.
func TestTypedKindsRoundTrip(t *testing.T) {
	in := Result{ID: "a.md#x", Status: Failed, Differences: []Difference{{Kind: DiffContentType, Expected: json.RawMessage(`"application/json"`), Actual: json.RawMessage(`"text/html"`)}}}
	src, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var fields struct {
		Status      string `json:"status"`
		Differences []struct {
			Kind string `json:"kind"`
		} `json:"differences"`
	}
	if err := json.Unmarshal(src, &fields); err != nil {
		t.Fatal(err)
	}
	if fields.Status != "failed" || fields.Differences[0].Kind != "content-type" {
		t.Errorf("written as %s", src)
	}
	var out Result
	if err := json.Unmarshal(src, &out); err != nil {
		t.Fatal(err)
	}
	if out.Status != Failed || out.Differences[0].Kind != DiffContentType {
		t.Errorf("read back as %+v", out)
	}
}

func TestKnown(t *testing.T) {
	for _, v := range []Verdict{Passed, Failed, Errored, Skipped} {
		if !v.Known() {
			t.Errorf("Verdict(%q).Known() = false", v)
		}
	}
	for _, v := range []Verdict{"", "Passed", "flaky"} {
		if v.Known() {
			t.Errorf("Verdict(%q).Known() = true", v)
		}
	}
	for _, k := range []DiffKind{DiffStatus, DiffContentType, DiffMissing, DiffUnexpected, DiffType, DiffValue, DiffFormat, DiffBody} {
		if !k.Known() {
			t.Errorf("DiffKind(%q).Known() = false", k)
		}
	}
	for _, k := range []DiffKind{"", "Missing", "order"} {
		if k.Known() {
			t.Errorf("DiffKind(%q).Known() = true", k)
		}
	}
}

func TestPlural(t *testing.T) {
	for _, c := range []struct {
		n          int
		noun, want string
	}{
		{0, "example", "0 examples"},
		{1, "example", "1 example"},
		{3, "example", "3 examples"},
		{1, "more item", "1 more item"},
		{4999, "more item", "4999 more items"},
	} {
		if got := Plural(c.n, c.noun); got != c.want {
			t.Errorf("Plural(%d, %q) = %q, want %q", c.n, c.noun, got, c.want)
		}
	}
}

func raw(s string) json.RawMessage { return json.RawMessage(s) }

// TestDifferenceString: how a difference reads, in the console and in compare's text.
func TestDifferenceString(t *testing.T) {
	tests := []struct {
		d    Difference
		want string
	}{
		{Difference{Kind: DiffStatus, Expected: raw(`200`), Actual: raw(`404`)},
			`status at (status): expected 200 got 404`},
		{Difference{Kind: DiffContentType, Expected: raw(`"application/json"`), Actual: raw(`"text/plain"`)},
			`content-type at (content-type): expected "application/json" got "text/plain"`},
		{Difference{Kind: DiffBody, Expected: raw(`""`), Actual: raw(`"OK"`)},
			`body at (body): expected "" got "OK"`},
		{Difference{Kind: DiffType, Expected: raw(`{}`), Actual: raw(`[]`)},
			`type at (body): expected {} got []`},
		{Difference{Kind: DiffMissing, Path: "mail", Expected: raw(`"a@b.c"`), Actual: raw(`null`)},
			`missing at mail: expected "a@b.c" got nothing`},
		{Difference{Kind: DiffUnexpected, Path: "x", Expected: raw(`null`), Actual: raw(`{"a": [1, 2]}`)},
			`unexpected at x: expected nothing got {"a":[1,2]}`},
		{Difference{Kind: DiffType, Path: "value.0.n", Expected: raw("{\n  \"a\": 1\n}"), Actual: raw(`null`), More: 3},
			`type at value.0.n: expected {"a":1} got null (and at 3 more items like it)`},
		{Difference{Kind: DiffValue, Path: "@odata.type", Expected: nil, Actual: raw("not\njson")},
			`value at @odata.type: expected null got "not\njson"`},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("String(%+v)\n got %s\nwant %s", tt.d, got, tt.want)
		}
	}
}

// TestWarningString: a warning reads like a difference.
func TestWarningString(t *testing.T) {
	tests := []struct {
		w    ResultWarning
		want string
	}{
		{ResultWarning{Kind: WarnUnexpected, Path: "employeeType", Message: "property employeeType is not documented"},
			"unexpected at employeeType: property employeeType is not documented"},
		{ResultWarning{Kind: WarnNoItems, Path: "value.0.phones", More: 1, Message: "no items"},
			"no-items at value.0.phones: no items (and at 1 more item like it)"},
		{ResultWarning{Kind: WarnBodyNotJSON, Line: 12, Message: "the documented body is not JSON"},
			"body-not-json at (body): the documented body is not JSON"},
		{ResultWarning{Kind: WarnStatusAccepted, Message: "status 403 is accepted"},
			"status-accepted at (status): status 403 is accepted"},
		{ResultWarning{Message: "text from an older report"}, "text from an older report"},
	}
	for _, tt := range tests {
		if got := tt.w.String(); got != tt.want {
			t.Errorf("String(%+v)\n got %s\nwant %s", tt.w, got, tt.want)
		}
	}
}

// TestResultJSON: a result's warnings are written as text under "warnings" and as they are
// under "warningDetails"; everything else is written as tagged, as before warnings had
// kinds; a result with text warnings only reads each as a Message.
func TestResultJSON(t *testing.T) {
	type plain Result // no methods: the fields as tagged
	r := Result{ID: "a.md#x", File: "a.md", Line: 3, Method: "GET", URL: "http://h/v1.0/me?a=1&b=<2>", Status: Passed,
		Expected: &ExpectedSummary{Status: 200, Line: 9}, Actual: &ActualSummary{Status: 200}}
	got, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(plain(r))
	if string(got) != string(want) {
		t.Errorf("without warnings\n got %s\nwant %s", got, want)
	}

	r.Warnings = []ResultWarning{{Kind: WarnNoItems, Path: "value", Line: 12, More: 2, Message: "no <items>"}}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	const tail = `"warnings":["no-items at value: no <items> (and at 2 more items like it)"],` +
		`"warningDetails":[{"kind":"no-items","path":"value","message":"no <items>","line":12,"more":2}]}` + "\n"
	if !strings.HasSuffix(buf.String(), tail) || !strings.Contains(buf.String(), `"url":"http://h/v1.0/me?a=1&b=<2>"`) {
		t.Errorf("with a warning, not HTML-escaped\n got %s\nwant it to end %s", buf.String(), tail)
	}
	if got, _ := json.Marshal(r); !strings.Contains(string(got), `no \u003citems\u003e`) {
		t.Errorf("json.Marshal does not HTML-escape the warnings as it does the rest: %s", got)
	}

	var back Result
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, r) {
		t.Errorf("read back\n got %+v\nwant %+v", back, r)
	}

	old := `{"id": "a.md#x", "status": "passed", "warnings": ["the docs show items, the answer's array is empty"]}`
	back = Result{}
	if err := json.Unmarshal([]byte(old), &back); err != nil {
		t.Fatal(err)
	}
	if want := []ResultWarning{{Message: "the docs show items, the answer's array is empty"}}; !reflect.DeepEqual(back.Warnings, want) {
		t.Errorf("text warnings read as %+v, want %+v", back.Warnings, want)
	}
}
