package harness

import (
	"encoding/json"
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
