package reports

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/docconform/docconform/harness"
)

// viaEncodingJSON is what encoding/json writes of a result in the report's layout.
func viaEncodingJSON(t testing.TB, r harness.Result) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(layout(harness.Run{Results: []harness.Result{r}}).Results[0]); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// TestEncodeAsEncodingJSON: the report's results, and the whole report, are written byte
// for byte as encoding/json writes them.
func TestEncodeAsEncodingJSON(t *testing.T) {
	run, err := jsonReport(fullRun())
	if err != nil {
		t.Fatal(err)
	}
	run.Results = append(run.Results, harness.Result{ID: "a\u2028b\x00\x1f\"\\<&>\xff", Status: harness.Passed,
		Warnings: []harness.ResultWarning{{Message: "only text"}, {Kind: "k", Path: "p\n", Message: "m", Line: 3, More: 2}}})
	for _, r := range run.Results {
		if got, want := appendResult(nil, &r), viaEncodingJSON(t, r); !bytes.Equal(got, want) {
			t.Errorf("%s:\n got %s\nwant %s", r.ID, got, want)
		}
	}
	got, err := encodeReport(nil, run)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(layout(run)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("report:\n got %s\nwant %s", got, want.Bytes())
	}
}

// FuzzEncodeResult: any result, strings of any bytes, is written as encoding/json writes it.
func FuzzEncodeResult(f *testing.F) {
	f.Add("api/a.md#x", "GET", "http://h/\u2028", "reason\n", "value.0.mail", `{"a":[1]}`, "warn\x7f", 3, int64(12), true)
	f.Add("", "", "\xff\xfe", "", "", "", "", 0, int64(0), false)
	f.Fuzz(func(t *testing.T, id, method, url, reason, path, value, warn string, line int, ms int64, expected bool) {
		raw := json.RawMessage("null")
		var compact bytes.Buffer
		if json.Compact(&compact, []byte(value)) == nil && compact.Len() > 0 {
			raw = compact.Bytes()
		}
		r := harness.Result{ID: id, File: path, Line: line, Name: warn, Method: method, URL: url, Status: harness.Failed,
			Reason: reason, Attempts: line, DurationMs: ms, ThrottledMs: -ms,
			Differences: []harness.Difference{{Kind: harness.DiffValue, Path: path, Expected: raw, Message: reason, Line: line, More: -line}},
			Warnings:    []harness.ResultWarning{{Kind: harness.WarningKind(warn), Path: path, Message: reason, Line: -line, More: line}}}
		if expected {
			r.Expected, r.Actual = &harness.ExpectedSummary{Status: line, Line: -line}, &harness.ActualSummary{Status: int(ms % 1000)}
		}
		if got, want := appendResult(nil, &r), viaEncodingJSON(t, r); !bytes.Equal(got, want) {
			t.Errorf("\n got %s\nwant %s", got, want)
		}
	})
}
