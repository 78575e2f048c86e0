package reports

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docconform/docconform/harness"
)

func TestWriteFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out", "report.json")
	run := fullRun()
	if err := WriteFile(path, JSON{}, run); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := writeJSON(t, run); !bytes.Equal(got, want) {
		t.Errorf("the file is not what JSON writes:\n%s", got)
	}

	// A format that fails half-way leaves the previous report, and no temporary file.
	boom := errors.New("boom")
	half := FormatFunc(func(w io.Writer, run harness.Run) error {
		io.WriteString(w, `{"schemaVersion": 1, "results": [`)
		return boom
	})
	err = WriteFile(path, half, run)
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
	bad := fullRun()
	bad.Results[0].Status = "flaky"
	if err := WriteFile(path, JSON{}, bad); err == nil {
		t.Fatal("WriteFile wrote a run with an unknown status")
	}
	if again, _ := os.ReadFile(path); !bytes.Equal(again, got) {
		t.Errorf("after a refused run the file holds:\n%s", again)
	}
}

func TestFormatNamed(t *testing.T) {
	f, err := FormatNamed("json")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := f.(JSON); !ok {
		t.Errorf(`FormatNamed("json") = %T, want JSON`, f)
	}
	for _, name := range []string{"", "JSON", "xml", "junit"} {
		if _, err := FormatNamed(name); err == nil || !strings.Contains(err.Error(), "known: json") {
			t.Errorf("FormatNamed(%q) = %v, want an error listing the known formats", name, err)
		}
	}
}
