package cassette

import (
	"bytes"
	stdjson "encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/docconform/docconform/harness"
)

func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	json := harness.Actual{Status: 200, Body: `{"id": "1", "name": "<b>&</b>"}`, Headers: []harness.Header{
		{Name: "Content-Type", Value: "application/json"}, {Name: "Set-Cookie", Value: "session=s3cr3t"}, {Name: "Authorization", Value: "Bearer s3cr3t"},
	}}
	text := harness.Actual{Status: 200, Body: "893", Headers: []harness.Header{{Name: "Content-Type", Value: "text/plain"}}}
	p := Page{Page: "v1.0/api/user-get.md", RecordedAt: time.Date(2026, 11, 28, 2, 0, 0, 0, time.UTC), Endpoint: "https://graph.microsoft.com",
		Exchanges: map[string]Exchange{"v1.0/api/user-get.md#get_user": FromActual(json), "v1.0/api/user-get.md#count": FromActual(text)}}
	if err := Write(dir, p); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "v1.0", "api", "user-get.md.json"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), "s3cr3t") || strings.Contains(string(raw), "Cookie") {
		t.Errorf("a secret was recorded:\n%s", raw)
	}
	if !strings.Contains(string(raw), `"name": "<b>&</b>"`) {
		t.Errorf("JSON bodies should be stored readable, as JSON:\n%s", raw)
	}
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	// JSON bodies come back as the same JSON (re-indented: the file is for reading).
	got := c["v1.0/api/user-get.md#get_user"].Actual()
	var compact bytes.Buffer
	if err := stdjson.Compact(&compact, []byte(got.Body)); err != nil {
		t.Fatal(err)
	}
	got.Body = compact.String()
	want := harness.Actual{Status: 200, Body: `{"id":"1","name":"<b>&</b>"}`, Headers: []harness.Header{{Name: "Content-Type", Value: "application/json"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if got := c["v1.0/api/user-get.md#count"].Actual().Body; got != "893" {
		t.Errorf("text body = %q", got)
	}
}

// TestRerecord: recording some of a page's examples again keeps the others' exchanges;
// a file in the way that is not a cassette page is left alone, with an error.
func TestRerecord(t *testing.T) {
	dir := t.TempDir()
	ex := func(status int) Exchange { return FromActual(harness.Actual{Status: status, Body: "{}"}) }
	if err := Write(dir, Page{Page: "a.md", Exchanges: map[string]Exchange{"a.md#x": ex(200), "a.md#y": ex(201)}}); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, Page{Page: "a.md", Exchanges: map[string]Exchange{"a.md#y": ex(202)}}); err != nil {
		t.Fatal(err)
	}
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if c["a.md#x"].Status != 200 || c["a.md#y"].Status != 202 || len(c) != 2 {
		t.Errorf("after re-recording y: %+v", c)
	}
	if err := os.WriteFile(filepath.Join(dir, "b.md.json"), []byte("not a cassette"), 0o644); err != nil {
		t.Fatal(err)
	}
	err = Write(dir, Page{Page: "b.md", Exchanges: map[string]Exchange{"b.md#x": ex(200)}})
	if err == nil || !strings.Contains(err.Error(), "b.md.json:1: not a cassette page") {
		t.Errorf("writing over a file that is not a cassette: %v", err)
	}
	if raw, _ := os.ReadFile(filepath.Join(dir, "b.md.json")); string(raw) != "not a cassette" {
		t.Errorf("the file in the way was changed: %q", raw)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "bad.json"), []byte("{\n  \"schemaVersion\": 1,\n  \"exchanges\": [\n"), 0o644)
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "bad.json:") {
		t.Errorf("Load(bad) = %v, want an error naming the file and line", err)
	}
	os.WriteFile(filepath.Join(dir, "bad.json"), []byte(`{"schemaVersion": 9, "exchanges": {}}`), 0o644)
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "schemaVersion 9") {
		t.Errorf("Load(future version) = %v", err)
	}
	for _, after := range []string{"\n{\"schemaVersion\": 1, \"exchanges\": {}}\n", "\n}", "\nx"} {
		os.WriteFile(filepath.Join(dir, "bad.json"), []byte(`{"schemaVersion": 1, "exchanges": {}}`+after), 0o644)
		if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "bad.json:2: not a cassette page: more after the page's JSON object") {
			t.Errorf("Load(a page, then %q) = %v, want an error at line 2", after, err)
		}
	}
	if _, err := Load(filepath.Join(dir, "missing")); err == nil {
		t.Errorf("Load(missing) should fail")
	}
}
