package session

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/reports"
)

func TestWriteReport(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out", "report.json")
	run := oneResult()
	if err := WriteReport(path, reports.JSON{}, run); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := encode(t, run); !bytes.Equal(got, want) {
		t.Errorf("the file is not what JSON writes:\n%s", got)
	}

	// A format that fails half-way leaves the previous report, and no temporary file.
	boom := errors.New("boom")
	half := reports.FormatFunc(func(w io.Writer, run harness.Run) error {
		io.WriteString(w, `{"schemaVersion": 1, "results": [`)
		return boom
	})
	err = WriteReport(path, half, run)
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), path) {
		t.Fatalf("WriteFile = %v, want boom, naming %s", err, path)
	}
	if again, _ := os.ReadFile(path); !bytes.Equal(again, got) {
		t.Errorf("after a failed write the file holds:\n%s", again)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("files left behind: %v", entries)
	}

	// So does a run JSON refuses to write.
	bad := oneResult()
	bad.Results[0].Status = "flaky"
	if err := WriteReport(path, reports.JSON{}, bad); err == nil {
		t.Fatal("WriteFile wrote a run with an unknown status")
	}
	if again, _ := os.ReadFile(path); !bytes.Equal(again, got) {
		t.Errorf("after a refused run the file holds:\n%s", again)
	}
}

func oneResult() harness.Run {
	return harness.Run{SchemaVersion: 1, Tool: harness.Tool{Name: "docconform", Version: "v0"}, Endpoint: "mock", Complete: true,
		Summary: harness.Summary{Total: 1, Passed: 1},
		Results: []harness.Result{{ID: "a.md#x", File: "a.md", Line: 3, Name: "x", Method: "GET", URL: "http://127.0.0.1/v1.0/me", Status: harness.Passed, Attempts: 1}}}
}

func encode(t *testing.T, run harness.Run) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := (reports.JSON{}).Write(&b, run); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
