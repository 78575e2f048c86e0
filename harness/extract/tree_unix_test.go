//go:build unix

package extract

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/docconform/docconform/harness"
)

// TestTreeOddFiles: a named pipe called *.md is diagnosed, not opened (opening it would
// wait for a writer for ever); a root that is a link to a folder is walked in the folder.
func TestTreeOddFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "a"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a", "me.md"), []byte(minimalPage), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "a", "pipe.md"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	if err := os.Symlink("a", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	var got []string
	err := Tree(context.Background(), []string{filepath.Join(dir, "link")}, func(p harness.Page) error {
		got = append(got, p.Rel)
		for _, d := range p.Diagnostics {
			got = append(got, d.Code+": "+d.Message)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"me.md", "pipe.md", "page-not-regular: the page is a named pipe, not a file; not read"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("pages and diagnostics %q, want %q", got, want)
	}
}
