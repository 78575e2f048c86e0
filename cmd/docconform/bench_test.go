package main

import (
	"bytes"
	"cmp"
	"context"
	"io"
	"regexp"
	"slices"
	"strings"
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
	var out bytes.Buffer
	stdout := io.Writer(io.Discard) // list's listing
	if args[0] == "run" {
		stdout = &out // what did not pass, and the totals
	}
	for b.Loop() {
		out.Reset()
		err := run(context.Background(), args, stdout, io.Discard)
		mustPass(b, args[0], err, out.String())
	}
}

// mustPass fails the benchmark unless the command exited 0. Against the mock every
// corpus example passes: a run in which one errored (no answer to judge) or failed, or
// that stopped early, is not the run the benchmark measures. It names the first example
// the console printed as errored, else as not passed.
func mustPass(b *testing.B, command string, err error, stdout string) {
	b.Helper()
	code := exitCode(err, io.Discard)
	if code == exitOK {
		return
	}
	totals := regexp.MustCompile(`^\d+(/\d+)? examples: `) // progress and totals
	var errored, other string
	for line := range strings.Lines(stdout) {
		switch {
		case errored == "" && strings.Contains(line, ": errored: "):
			errored = line
		case other == "" && !totals.MatchString(line):
			other = line
		}
	}
	first := cmp.Or(errored, other, "(none printed)\n")
	b.Fatalf("%s: exit %d (%v); the first example not passed: %s", command, code, err, strings.TrimSuffix(first, "\n"))
}

func BenchmarkList(b *testing.B)    { benchCommand(b, "list", corpusAPI(b)) }
func BenchmarkRunMock(b *testing.B) { benchCommand(b, "run", corpusAPI(b)) }

// BenchmarkRunOverList alternates the two commands, so that both see the same machine at
// the same moments, and reports the median of run's time over list's (the target is at
// most 2).
func BenchmarkRunOverList(b *testing.B) {
	api := corpusAPI(b)
	var ratios []float64
	var stdout bytes.Buffer
	for b.Loop() {
		t0 := time.Now()
		err := run(context.Background(), []string{"list", api}, io.Discard, io.Discard)
		t1 := time.Now()
		stdout.Reset()
		err2 := run(context.Background(), []string{"run", api}, &stdout, io.Discard)
		t2 := time.Now()
		mustPass(b, "list", err, "")
		mustPass(b, "run", err2, stdout.String())
		ratios = append(ratios, float64(t2.Sub(t1))/float64(t1.Sub(t0)))
	}
	slices.Sort(ratios)
	b.ReportMetric(ratios[len(ratios)/2], "run/list")
}
