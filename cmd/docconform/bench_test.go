package main

import (
	"context"
	"io"
	"slices"
	"testing"
	"time"

	"github.com/docconform/docconform/fixtures"
)

// The binary runs with GOGC=200 unless GOGC is set (main.go): measured over 7 runs of each
// command on this corpus, it makes list and run 10–15 % faster for 4 MB more resident
// memory (list 15 → 20 MB, run 29 → 33 MB); the benchmarks here run with Go's default
// unless GOGC is set.
//
// BenchmarkList and BenchmarkRunMock run the two commands end to end over the real v1.0
// API pages: extracting every example, beside extracting, serving them as the mock in
// process, replaying every example against it and judging every answer. Target: run ≤ 2×
// list.
func corpusAPI(b *testing.B) string { return fixtures.CorpusAPI(b) }

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

// BenchmarkRunOverList alternates the two commands, so that both see the same machine at
// the same moments, and reports the median of run's time over list's (the target is at
// most 2).
func BenchmarkRunOverList(b *testing.B) {
	api := corpusAPI(b)
	var ratios []float64
	for b.Loop() {
		t0 := time.Now()
		err := run(context.Background(), []string{"list", api}, io.Discard, io.Discard)
		t1 := time.Now()
		err2 := run(context.Background(), []string{"run", api}, io.Discard, io.Discard)
		t2 := time.Now()
		if exitCode(err, io.Discard) > exitFailed || exitCode(err2, io.Discard) > exitFailed {
			b.Fatalf("list: %v; run: %v", err, err2)
		}
		ratios = append(ratios, float64(t2.Sub(t1))/float64(t1.Sub(t0)))
	}
	slices.Sort(ratios)
	b.ReportMetric(ratios[len(ratios)/2], "run/list")
}
