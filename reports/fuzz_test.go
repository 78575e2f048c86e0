package reports

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/docconform/docconform/harness"
)

// FuzzReadJSON: ReadJSON never panics, and what it reads JSON writes, and reading that
// again gives the same run — but for what the report derives (the summary is counted from
// the results, times are in UTC). Only a run that version 1 cannot hold (a status or a
// difference kind it does not know) may be refused by the writer.
func FuzzReadJSON(f *testing.F) {
	golden, err := filepath.Glob("testdata/*.json")
	if err != nil || len(golden) == 0 {
		f.Fatalf("no JSON reports in testdata: %v", err)
	}
	for _, path := range golden {
		src, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, run := range runs() {
		var buf bytes.Buffer
		if err := (JSON{}).Write(&buf, run); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	f.Add([]byte(`{"schemaVersion": 1}`))
	f.Add([]byte(`{"schemaVersion": 1, "startedAt": "0000-01-01T00:00:00+01:00"}`))
	f.Add([]byte(`{"schemaVersion": 1, "results": [{"status": "failed", "differences": [{"kind": "value", "expected": "\ud800"}]}]}`))
	f.Add([]byte(`{"schemaVersion": 2, "results": []}`))
	f.Add([]byte(`{"schemaVersion": 1, "startedAt": "2026-11-28T03:00:00+01:00", "complete": true, "summary": {"total": 9},
 "results": [{"id": "a.md#x", "status": "failed", "differences": [{"kind": "value", "path": "a", "expected": [ 1, 2 ], "more": 1}], "new": 1}]}`))
	f.Add([]byte(`{"schemaVersion": 1, "results": [{"status": "flaky", "differences": []}]}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		run, err := ReadJSON(bytes.NewReader(src))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := (JSON{}).Write(&buf, run); err != nil {
			if unknownToV1(run) {
				return
			}
			t.Fatalf("read a report that JSON cannot write: %v", err)
		}
		again, err := ReadJSON(&buf)
		if err != nil {
			t.Fatalf("cannot read what JSON wrote: %v\n%s", err, buf.Bytes())
		}
		want := run
		want.Summary = summarize(run.Results) // time.Time compares with Equal: zones aside
		if diff := cmp.Diff(want, again, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("read, written and read again (-first +again):\n%s", diff)
		}
	})
}

// unknownToV1 says whether run holds a status or a difference kind version 1 does not know.
func unknownToV1(run harness.Run) bool {
	for _, r := range run.Results {
		if !r.Status.Known() {
			return true
		}
		for _, d := range r.Differences {
			if !d.Kind.Known() {
				return true
			}
		}
	}
	return false
}
