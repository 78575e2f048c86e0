package reports

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/docconform/docconform/harness"
)

// fakeClock is a clock that moves only when told to.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// arrival is the order fullRun's results come in: as their pages finish, not in the run's order.
var arrival = []int{4, 1, 5, 0, 3, 2}

// TestConsoleGolden replays runs through a console with a fixed clock and compares what it
// prints with testdata/console/NAME.txt. On a terminal, each "\r" is shown as the text
// <CR> followed by a line break, so that the golden file reads as the screen changes.
func TestConsoleGolden(t *testing.T) {
	tests := []struct {
		name     string
		terminal bool
		opts     []ConsoleOption
		play     func(c *Console, clock *fakeClock)
	}{{
		name: "plain",
		play: func(c *Console, clock *fakeClock) {
			run := fullRun()
			c.Start(len(run.Results))
			for _, i := range arrival {
				clock.advance(2 * time.Second)
				c.Result(run.Results[i])
			}
			c.Finish(run)
		},
	}, {
		name: "plain-unknown-total",
		opts: []ConsoleOption{ProgressEvery(3 * time.Second)},
		play: func(c *Console, clock *fakeClock) {
			run := fullRun()
			c.Start(0)
			for _, i := range arrival {
				clock.advance(1500 * time.Millisecond)
				c.Result(run.Results[i])
			}
			c.Finish(run)
		},
	}, {
		name: "plain-quiet-verbose",
		opts: []ConsoleOption{ProgressEvery(0), ShowWarnings(true), ShowSkipped(true)},
		play: func(c *Console, clock *fakeClock) {
			run := fullRun()
			c.Start(len(run.Results))
			for _, i := range arrival {
				clock.advance(time.Minute)
				c.Result(run.Results[i])
			}
			c.Finish(run)
		},
	}, {
		name: "plain-interrupted",
		play: func(c *Console, clock *fakeClock) {
			run := fullRun()
			run.Complete = false
			run.Results = []harness.Result{run.Results[0], run.Results[4], run.Results[2]}
			run.FinishedAt = run.StartedAt.Add(7 * time.Second)
			c.Start(40)
			for _, r := range run.Results {
				clock.advance(2500 * time.Millisecond)
				c.Result(r)
			}
			c.Finish(summed(run))
		},
	}, {
		name: "plain-interrupted-at-once",
		play: func(c *Console, clock *fakeClock) {
			c.Start(0)
			clock.advance(800 * time.Millisecond)
			c.Finish(interruptedRun())
		},
	}, {
		name:     "terminal-total-learned",
		terminal: true,
		play: func(c *Console, clock *fakeClock) {
			run := fullRun()
			c.Start(0)
			for i, r := range run.Results {
				if i == 2 {
					c.Total(len(run.Results))
				}
				clock.advance(300 * time.Millisecond)
				c.Result(r)
			}
			c.Finish(run)
		},
	}, {
		name: "plain-passing",
		play: func(c *Console, clock *fakeClock) {
			run := passingRun()
			c.Start(1)
			clock.advance(1200 * time.Millisecond)
			c.Result(run.Results[0])
			c.Finish(run)
		},
	}, {
		name:     "terminal",
		terminal: true,
		play: func(c *Console, clock *fakeClock) {
			run := fullRun()
			c.Start(len(run.Results))
			// 40 ms apart: only every third result redraws (100 ms at most).
			for _, i := range arrival {
				clock.advance(40 * time.Millisecond)
				c.Result(run.Results[i])
			}
			clock.advance(5 * time.Second)
			c.tick(clock.now())
			c.Finish(run)
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := &fakeClock{t: started}
			var out bytes.Buffer
			c := NewConsole(&out, tt.terminal, append([]ConsoleOption{Clock(clock.now)}, tt.opts...)...)
			tt.play(c, clock)
			got := strings.ReplaceAll(out.String(), "\r", "<CR>\n")
			if !tt.terminal && strings.Contains(got, "<CR>") {
				t.Errorf("not a terminal, but the console rewrote a line:\n%s", got)
			}
			golden(t, "console/"+tt.name+".txt", got)
		})
	}
}

func TestConsoleResultLines(t *testing.T) {
	r := harness.Result{ID: "a.md#x", File: "a.md", Line: 5, Expected: &harness.ExpectedSummary{Status: 200, Line: 12}}
	tests := []struct {
		name string
		edit func(r *harness.Result)
		want string
	}{
		{"difference with a line", func(r *harness.Result) {
			r.Status = harness.Failed
			r.Differences = []harness.Difference{{Kind: harness.DiffMissing, Path: "id", Expected: raw(`"1"`), Line: 14}}
		}, "a.md:14: a.md#x: missing at id: expected \"1\" got nothing\n"},
		{"difference without a line: the documented response's", func(r *harness.Result) {
			r.Status = harness.Failed
			r.Differences = []harness.Difference{{Kind: harness.DiffStatus, Expected: raw(`200`), Actual: raw(`500`)}}
		}, "a.md:12: a.md#x: status at (status): expected 200 got 500\n"},
		{"difference without a line or a response: the example's", func(r *harness.Result) {
			r.Status = harness.Failed
			r.Expected = nil
			r.Differences = []harness.Difference{{Kind: harness.DiffStatus, Expected: raw(`200`), Actual: raw(`500`)}}
		}, "a.md:5: a.md#x: status at (status): expected 200 got 500\n"},
		{"failed without differences", func(r *harness.Result) { r.Status = harness.Failed },
			"a.md:5: a.md#x: failed\n"},
		{"errored", func(r *harness.Result) { r.Status = harness.Errored; r.Reason = "connection failed: refused" },
			"a.md:5: a.md#x: errored: connection failed: refused\n"},
		{"errored on two lines", func(r *harness.Result) { r.Status = harness.Errored; r.Reason = "bad\n  gateway" },
			"a.md:5: a.md#x: errored: bad gateway\n"},
		{"skipped, not shown", func(r *harness.Result) { r.Status = harness.Skipped; r.Reason = "placeholder {id}" }, ""},
		{"passed with warnings, not shown", func(r *harness.Result) {
			r.Status = harness.Passed
			r.Warnings = []harness.ResultWarning{{Message: "w"}}
		}, ""},
		{"unknown status", func(r *harness.Result) { r.Status = "flaky" }, "a.md:5: a.md#x: flaky\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := r
			tt.edit(&r)
			var b strings.Builder
			NewConsole(nil, false).writeResult(&b, r)
			if b.String() != tt.want {
				t.Errorf("got  %q\nwant %q", b.String(), tt.want)
			}
		})
	}
}

// TestConsoleWarningLines: shown, a warning reads like a difference, at the line of the
// documented value it is about, else the example's.
func TestConsoleWarningLines(t *testing.T) {
	r := harness.Result{ID: "a.md#x", File: "a.md", Line: 5, Status: harness.Passed,
		Expected: &harness.ExpectedSummary{Status: 200, Line: 12},
		Warnings: []harness.ResultWarning{
			{Kind: harness.WarnNoItems, Path: "value.0.phones", Line: 20, More: 2, Message: "the response has no items where the docs show 1, so their shape could not be checked"},
			{Kind: harness.WarnStatusAccepted, Message: "status 403 is accepted by the configuration; no documented response has it, so the body was not compared"},
			{Message: "from an older report,\non two lines"},
		}}
	want := "a.md:20: a.md#x: warning: no-items at value.0.phones: the response has no items where the docs show 1, so their shape could not be checked (and at 2 more items like it)\n" +
		"a.md:5: a.md#x: warning: status-accepted at (status): status 403 is accepted by the configuration; no documented response has it, so the body was not compared\n" +
		"a.md:5: a.md#x: warning: from an older report, on two lines\n"
	var b strings.Builder
	NewConsole(nil, false, ShowWarnings(true)).writeResult(&b, r)
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestSeconds(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                                     "0.0s",
		40 * time.Millisecond:                 "0.0s",
		1234 * time.Millisecond:               "1.2s",
		59*time.Second + 940*time.Millisecond: "59.9s",
		2*time.Minute + 5400*time.Millisecond: "2m5s",
		time.Hour + 2*time.Minute + 3*time.Second: "1h2m3s",
	} {
		if got := seconds(d); got != want {
			t.Errorf("seconds(%v) = %q, want %q", d, got, want)
		}
	}
}

// lockedBuffer lets a test read what a console's ticker goroutine is writing.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// ticksByHand makes a console's ticker tick when the test sends on ticks, and records
// the period asked for and whether the ticker was stopped.
func ticksByHand(ticks <-chan time.Time, period *time.Duration, stopped *bool) ConsoleOption {
	return func(c *consoleConfig) {
		c.ticker = true // also with a Clock
		c.newTicker = func(d time.Duration) (<-chan time.Time, func()) {
			*period = d
			return ticks, func() { *stopped = true }
		}
	}
}

// TestConsoleTicker: progress keeps coming while no result arrives, as often as it is
// due, and stops when the run finishes. The ticks are sent by hand, with a fake clock.
func TestConsoleTicker(t *testing.T) {
	const idle = "0/3 examples: 0 passed, 0 failed, 0 errored, 0 skipped"
	tests := []struct {
		name     string
		terminal bool
		ticks    []time.Duration // apart
		want     string
	}{{
		name:  "every 3s",
		ticks: []time.Duration{time.Second, 2 * time.Second, 2900 * time.Millisecond, 100 * time.Millisecond},
		want:  idle + " (3.0s)\n" + idle + " (6.0s)\n0 examples: 0 passed, 0 failed, 0 errored, 0 skipped (in 6.0s)\n",
	}, {
		name:     "terminal",
		terminal: true,
		ticks:    []time.Duration{50 * time.Millisecond, 50 * time.Millisecond, 50 * time.Millisecond},
		want: "\r" + idle + " (0.0s)\r" + idle + " (0.1s)" + "\r" + strings.Repeat(" ", len(idle+" (0.1s)")) + "\r" +
			"0 examples: 0 passed, 0 failed, 0 errored, 0 skipped (in 0.1s)\n",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := &fakeClock{t: time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)}
			ticks := make(chan time.Time)
			var period time.Duration
			var stopped bool
			var out bytes.Buffer // Finish waits for the ticker: read after it
			c := NewConsole(&out, tt.terminal, ProgressEvery(3*time.Second), Clock(clock.now), ticksByHand(ticks, &period, &stopped))
			c.Start(3)
			tick := func() {
				select {
				case ticks <- clock.now():
				case <-time.After(10 * time.Second): // keeps a broken console from hanging the test
					t.Fatal("the console takes no ticks from its ticker")
				}
			}
			for _, d := range tt.ticks {
				clock.advance(d)
				tick()
			}
			// Once the ticker takes one more tick (never due, at the same time), it has
			// shown the last.
			tick()
			c.Finish(harness.Run{Complete: true})
			if got := out.String(); got != tt.want {
				t.Errorf("console:\n%q\nwant:\n%q", got, tt.want)
			}
			select {
			case ticks <- clock.now():
				t.Error("the console kept ticking after Finish")
			default:
			}
			// Progress is checked every 100ms (at most as often as it is due), and the
			// ticker is stopped.
			if period != terminalRefresh || !stopped {
				t.Errorf("ticker every %s, stopped %v", period, stopped)
			}
		})
	}
	// No ticker for a console that shows no progress.
	var period time.Duration
	var stopped bool
	c := NewConsole(&bytes.Buffer{}, false, ProgressEvery(0), ticksByHand(nil, &period, &stopped))
	c.Start(3)
	c.Finish(harness.Run{Complete: true})
	if period != 0 {
		t.Errorf("a ticker every %s for a console that shows no progress", period)
	}
}

// TestConsoleTickerRealClock: with the wall clock, progress comes while no result
// arrives, and the ticker ends with the run.
func TestConsoleTickerRealClock(t *testing.T) {
	goroutines := runtime.NumGoroutine()
	var out lockedBuffer
	c := NewConsole(&out, false, ProgressEvery(10*time.Millisecond))
	c.Start(3)
	deadline := time.Now().Add(10 * time.Second) // keeps a broken ticker from hanging the test
	for !strings.Contains(out.String(), "0/3 examples: 0 passed") {
		if time.Now().After(deadline) {
			t.Fatalf("no progress lines while idle after 10s; got %q", out.String())
		}
		time.Sleep(time.Millisecond)
	}
	c.Finish(harness.Run{Complete: true})
	if !strings.Contains(out.String(), "\n0 examples: 0 passed, 0 failed, 0 errored, 0 skipped (in ") {
		t.Errorf("no totals after Finish:\n%s", out.String())
	}
	if n := runtime.NumGoroutine(); n > goroutines {
		t.Errorf("%d goroutines after Finish, %d before Start: the ticker still runs", n, goroutines)
	}
}

// TestConsoleConcurrent: results from many goroutines are all counted, on a terminal with
// the wall clock and its ticker. Run with -race.
func TestConsoleConcurrent(t *testing.T) {
	var out bytes.Buffer // the console serialises its writes; Finish waits for the ticker
	c := NewConsole(&out, true)
	const workers, each = 8, 250
	c.Start(workers * each)
	statuses := []harness.Verdict{harness.Passed, harness.Failed, harness.Errored, harness.Skipped}
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		all []harness.Result
	)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				r := harness.Result{
					ID: fmt.Sprintf("p%d.md#e%d", w, i), File: fmt.Sprintf("p%d.md", w), Line: i + 1,
					Status: statuses[(w+i)%len(statuses)], Reason: "r",
				}
				c.Result(r)
				mu.Lock()
				all = append(all, r)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	c.mu.Lock()
	sum := c.sum
	c.mu.Unlock()
	if want := summed(harness.Run{Results: all}).Summary; sum != want {
		t.Errorf("counted %+v, want %+v", sum, want)
	}
	c.Finish(harness.Run{Complete: true, Results: all})
	c.Result(all[0])
	c.Finish(harness.Run{Results: all})
	got := out.String()
	if !strings.Contains(got, "\n2000 examples: 500 passed, 500 failed, 500 errored, 500 skipped (in ") {
		t.Errorf("totals missing:\n%s", got[max(0, len(got)-300):])
	}
	// (The progress line, "2000/2000 examples: 500 passed, ...", may show the same counts.)
	if n := strings.Count(got, "\n2000 examples: 500 passed"); n != 1 {
		t.Errorf("the totals are printed %d times, want once (a second Finish does nothing)", n)
	}
	if n := strings.Count(got, "errored: r\n"); n != 500 {
		t.Errorf("%d errored lines, want 500", n)
	}
	if !strings.Contains(got, "\r") {
		t.Error("on a terminal, no progress line was drawn")
	}
}

// TestConsoleControlCharacters: a key or an ID holding a newline or an escape sequence is
// written escaped: every finding stays one line that starts with file:line.
func TestConsoleControlCharacters(t *testing.T) {
	var out strings.Builder
	c := NewConsole(&out, false, ProgressEvery(0))
	c.Start(1)
	c.Finish(harness.Run{Complete: true, Results: []harness.Result{{
		ID: "p.md#line1\nline2", File: "p.md", Line: 3, Status: harness.Failed,
		Differences: []harness.Difference{{Kind: harness.DiffUnexpected, Path: "na\nme\x1b[31m", Expected: json.RawMessage("null"), Actual: json.RawMessage(`"x"`), Line: 7}},
	}}})
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 2 || lines[0] != `p.md:7: p.md#line1\x0aline2: unexpected at na\x0ame\x1b[31m: expected nothing got "x"` {
		t.Errorf("console:\n%q", lines)
	}
}

// TestConsoleColumns: on a narrow terminal the progress line is cut to fit, so that "\r"
// redraws it in place instead of leaving wrapped rows behind.
func TestConsoleColumns(t *testing.T) {
	var out strings.Builder
	clock := &fakeClock{t: time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)}
	c := NewConsole(&out, true, Clock(clock.now), Columns(30))
	c.Start(20000)
	clock.advance(time.Second)
	c.Result(harness.Result{ID: "a.md#x", Status: harness.Passed})
	for _, row := range strings.Split(out.String(), "\r") {
		if len(row) >= 30 {
			t.Errorf("a progress row of %d bytes on a 30-column terminal: %q", len(row), row)
		}
	}
	c.Finish(harness.Run{Complete: true})
}

// TestTerminal: a buffer or a regular file is no terminal, and has no width.
func TestTerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, w := range []io.Writer{&bytes.Buffer{}, f} {
		if term, cols := Terminal(w); term || cols != 0 {
			t.Errorf("Terminal(%T) = %v, %d", w, term, cols)
		}
	}
}
