package main

import (
	"context"
	"io"
	"testing"

	"github.com/docconform/docconform/harness/corpus"
)

// BenchmarkList and BenchmarkRunMock run the two commands end to end over the real v1.0
// API pages: extracting every example, beside extracting, serving them as the mock in
// process, replaying every example against it and judging every answer. Target: run ≤ 2×
// list.
func corpusAPI(b *testing.B) string { return corpus.API(b) }

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
