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
