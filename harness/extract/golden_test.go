package extract

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/docconform/docconform/fixtures"
)

// TestGolden extracts the pages (*.md files) of each testdata/*.txtar archive and compares
// the pages, as indented JSON, with the archive's "want.json". The archive's comment
// says what shape of real pages the case covers; a line "option: annotated-only" in it
// turns that option on. make golden rewrites want.json (adding it if absent).
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden archives: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var opts []Option
			if bytes.Contains(ar.Comment, []byte("option: annotated-only")) {
				opts = append(opts, AnnotatedOnly())
			}
			var pages []any
			wantAt := -1
			for i, f := range ar.Files {
				switch {
				case f.Name == "want.json":
					wantAt = i
				case strings.HasSuffix(f.Name, ".md"):
					pages = append(pages, Page(f.Name, f.Data, opts...))
				}
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(pages); err != nil {
				t.Fatal(err)
			}
			if wantAt < 0 {
				ar.Files = append(ar.Files, txtar.File{Name: "want.json"})
				wantAt = len(ar.Files) - 1
			}
			ar.Files[wantAt].Data = buf.Bytes()
			fixtures.Golden(t, file, txtar.Format(ar))
		})
	}
}
