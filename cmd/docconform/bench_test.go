package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkList and BenchmarkRunMock run the two commands end to end over the real v1.0
// API pages: extracting every example, beside extracting, serving them as the mock in
// process, replaying every example against it and judging every answer. Target: run ≤ 2×
// list.
func corpusAPI(b *testing.B) string {
	dir := os.Getenv("DOCCONFORM_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "corpus")
	}
	api := filepath.Join(dir, "graph-docs-v1.0", "api")
	if _, err := os.Stat(api); err != nil {
		b.Skipf("corpus not found: %v", err)
	}
	return api
}

func benchCommand(b *testing.B, args ...string) {
	for b.Loop() {
		err := run(context.Background(), args, io.Discard, io.Discard)
		if code := exitCode(err, io.Discard); code > exitFailed {
			b.Fatalf("exit %d: %v", code, err)
		}
	}
}

func BenchmarkList(b *testing.B)    { benchCommand(b, "list", corpusAPI(b)) }
func BenchmarkRunMock(b *testing.B) { benchCommand(b, "run", corpusAPI(b)) }
