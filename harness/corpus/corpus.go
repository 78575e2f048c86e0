// Package corpus finds the shared corpus of real Graph v1.0 doc pages that tests and
// benchmarks read in place: $DOCCONFORM_CORPUS, else ../shared/corpus beside the
// repository. Tests over it skip when it is absent (a clone without the corpus still
// passes), so they never fail for want of it.
package corpus

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Dir returns the corpus folder and whether it holds the v1.0 API pages.
func Dir() (string, bool) {
	dir := os.Getenv("DOCCONFORM_CORPUS")
	if dir == "" {
		_, self, _, _ := runtime.Caller(0) // .../harness/corpus/corpus.go
		dir = filepath.Join(filepath.Dir(self), "..", "..", "..", "shared", "corpus")
	}
	_, err := os.Stat(filepath.Join(dir, "graph-docs-v1.0", "api"))
	return dir, err == nil
}

// Require returns the corpus folder, or skips the test or benchmark.
func Require(t testing.TB) string {
	t.Helper()
	dir, ok := Dir()
	if !ok {
		t.Skipf("real-page corpus not found at %s (set DOCCONFORM_CORPUS)", dir)
	}
	return dir
}

// API returns the folder of the v1.0 API pages, or skips.
func API(t testing.TB) string {
	t.Helper()
	return filepath.Join(Require(t), "graph-docs-v1.0", "api")
}
