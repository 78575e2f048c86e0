package cassette

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/docconform/docconform/fixtures"
)

// FuzzLoad fuzzes the content of one page file of a cassette: Load never panics; a file
// it loads is one JSON document; and what it loads, written again as a page and loaded
// again, gives the same exchanges (JSON bodies as the same JSON, secrets left out).
func FuzzLoad(f *testing.F) {
	recorded, err := filepath.Glob(filepath.Join(fixtures.Dir(), "recorded", "v1.0", "api", "*.json"))
	if err != nil || len(recorded) == 0 {
		f.Fatalf("no recorded cassette pages: %v", err)
	}
	for _, path := range recorded {
		src, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte(`{"schemaVersion": 1, "page": "a.md", "exchanges": {"a.md#x": {"status": 200, "headers": [{"name": "Authorization", "value": "s"}], "bodyText": "<b>&"}}}`))
	f.Add([]byte(`{"schemaVersion": 1, "exchanges": {"a.md#x": {"status": 204, "headers": [], "body": null}, "a.md#y": {"body": "\u2028"}}}`))
	f.Add([]byte("{\n  \"schemaVersion\": 1,\n  \"exchanges\": [\n"))
	f.Add([]byte(`{"schemaVersion": 9, "exchanges": {}}`))
	f.Add([]byte(`{"schemaVersion": 1, "exchanges": {}} {"schemaVersion": 1}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "p.md.json"), src, 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := Load(dir)
		if err != nil {
			if !strings.Contains(err.Error(), "p.md.json:") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if !json.Valid(src) {
			t.Fatalf("loaded a file that is not one JSON document: %+v", c)
		}
		again := t.TempDir()
		if err := Write(again, Page{Page: "p.md", Exchanges: c}); err != nil {
			t.Fatalf("cannot write what was loaded: %v", err)
		}
		got, err := Load(again)
		if err != nil {
			t.Fatalf("cannot load what was written: %v", err)
		}
		want := Cassette{}
		for id, e := range c {
			e.Headers = Sanitize(e.Headers)
			want[id] = e
		}
		if diff := cmp.Diff(compact(want), compact(got), cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("loaded, written and loaded again (-first +again):\n%s", diff)
		}
	})
}

// compact returns c with its JSON bodies without insignificant space (Write indents them).
func compact(c Cassette) Cassette {
	out := Cassette{}
	for id, e := range c {
		if len(e.Body) > 0 {
			var buf bytes.Buffer
			if err := json.Compact(&buf, e.Body); err == nil {
				e.Body = buf.Bytes()
			}
		}
		out[id] = e
	}
	return out
}
