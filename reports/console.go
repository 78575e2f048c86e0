package reports

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/docconform/docconform/harness"
)

// terminalRefresh is how often, at most, the progress line on a terminal is redrawn.
const terminalRefresh = 100 * time.Millisecond

// Console is what `docconform run` prints while it runs and when it ends.
//
// While results arrive it shows progress: on a terminal, one line rewritten in place
// ("\r", padded with spaces over the previous text) at most every 100 ms; elsewhere (CI
// logs, pipes) a plain line every interval (ProgressEvery, 5 s by default). Both read
//
//	12/40 examples: 9 passed, 1 failed, 1 errored, 1 skipped (5.0s)
//
// When the run ends, the progress line is cleared and Finish prints, in the run's order,
// one line per difference of each failed example and one per errored
// example, then the totals:
//
//	api/user-get.md:61: api/user-get.md#get_user: missing at mail: expected "AdeleV@contoso.com" got nothing
//	api/user-list.md:31: api/user-list.md#list_users: type at value.0.accountEnabled: expected true got "true" (and at 19 more items like it)
//	api/user-list.md:70: api/user-list.md#list_users~2: status at (status): expected 200 got 400
//	api/group-list.md:14: api/group-list.md#list_groups: errored: no answer within 30s (--timeout)
//	40 examples: 36 passed, 3 failed, 1 errored, 0 skipped (in 12.3s)
//
// A difference's file:line is where the page documents the value: the difference's line,
// else the documented response's, else the request's. Expected and actual values are
// their JSON text; a missing property is "got nothing", an unexpected one "expected
// nothing"; the status, the content type and the body as a whole, which have no path,
// are "(status)", "(content-type)" and "(body)". When the run is not complete, a last
// line says that it stopped early and that its results (and so its reports) are partial.
// The console writes no colours and no terminal escape sequences; whether w is a
// terminal is the caller's to say.
//
// A Console is safe for use by several goroutines. Errors writing to w are ignored: the
// console is for people watching; the reports are the record.
type Console struct {
	w        io.Writer
	terminal bool
	cfg      consoleConfig

	mu       sync.Mutex
	total    int             // examples planned, 0 when unknown
	sum      harness.Summary // results so far
	start    time.Time
	shown    time.Time // when progress was last shown
	width    int       // terminal: length of the progress line on screen, 0 when none
	finished bool
	stop     chan struct{} // closed to stop the ticker; nil when none runs
	stopped  chan struct{} // closed by the ticker when it has stopped
}

type consoleConfig struct {
	columns int // of the terminal, 0 when not known
	now     func() time.Time
	ticker  bool
	// newTicker starts the ticker's ticks, each the time it came; stop ends them. Nil:
	// time.NewTicker. (Tests tick by hand.)
	newTicker func(period time.Duration) (ticks <-chan time.Time, stop func())
	every     time.Duration
	warnings  bool
	skipped   bool
}

// ConsoleOption configures a Console.
type ConsoleOption func(*consoleConfig)

// ProgressEvery sets how often a console that is not a terminal prints a progress line
// (5 s by default). Zero or less prints none: only the failures and the totals.
func ProgressEvery(d time.Duration) ConsoleOption {
	return func(c *consoleConfig) { c.every = d }
}

// Columns says how wide the terminal is: the progress line is cut to fit it (a line that
// wraps cannot be redrawn in place).
func Columns(n int) ConsoleOption {
	return func(c *consoleConfig) { c.columns = n }
}

// ShowWarnings lists each result's warnings after its failures, like differences:
// "file:line: id: warning: kind at path: message", at the page line of the documented
// value the warning is about, else the example's.
func ShowWarnings(show bool) ConsoleOption {
	return func(c *consoleConfig) { c.warnings = show }
}

// ShowSkipped lists the skipped examples with their reasons: file:line: id: skipped: reason.
func ShowSkipped(show bool) ConsoleOption {
	return func(c *consoleConfig) { c.skipped = show }
}

// Clock replaces the wall clock. A console with its own clock draws progress only when a
// result arrives (there is no background ticker to follow a clock that is not time's),
// which makes its output a function of its input: tests use it.
func Clock(now func() time.Time) ConsoleOption {
	return func(c *consoleConfig) { c.now, c.ticker = now, false }
}

// Terminal reports whether w is a terminal, and its width in columns (0 when it is none
// or the width is not known): NewConsole's terminal and Columns.
func Terminal(w io.Writer) (bool, int) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return false, 0
	}
	cols, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return true, 0
	}
	return true, cols
}

// NewConsole returns a console writing to w; terminal says whether w is a terminal.
func NewConsole(w io.Writer, terminal bool, opts ...ConsoleOption) *Console {
	cfg := consoleConfig{now: time.Now, ticker: true, every: 5 * time.Second}
	for _, o := range opts {
		o(&cfg)
	}
	c := &Console{w: w, terminal: terminal, cfg: cfg}
	c.start = cfg.now()
	c.shown = c.start
	return c
}

// Start says that a run of total examples (0: not known yet) starts now. On a terminal it
// shows the progress line at once. Unless the console has its own Clock, it also starts
// the ticker that keeps progress (and its elapsed time) current while no result arrives:
// call Finish, even after an error, to stop it.
func (c *Console) Start(total int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.finished {
		return
	}
	c.total = total
	c.start = c.cfg.now()
	c.shown = c.start
	if c.terminal {
		c.draw(c.start)
	}
	period := terminalRefresh
	if !c.terminal {
		if c.cfg.every <= 0 {
			return
		}
		period = min(period, c.cfg.every)
	}
	if c.cfg.ticker && c.stop == nil {
		c.stop, c.stopped = make(chan struct{}), make(chan struct{})
		newTicker := c.cfg.newTicker
		if newTicker == nil {
			newTicker = func(d time.Duration) (<-chan time.Time, func()) {
				t := time.NewTicker(d)
				return t.C, t.Stop
			}
		}
		ticks, stopTicks := newTicker(period)
		go c.ticker(ticks, stopTicks, c.stop, c.stopped)
	}
}

// Total says how many examples the run has, once known (a run that replays pages as
// they are read learns it when the last is read).
func (c *Console) Total(total int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.total = total
}

// ticker calls tick on each of ticks until stop is closed, then stops the ticks and
// closes stopped.
func (c *Console) ticker(ticks <-chan time.Time, stopTicks func(), stop <-chan struct{}, stopped chan<- struct{}) {
	defer close(stopped)
	defer stopTicks()
	for {
		select {
		case <-stop:
			return
		case now := <-ticks:
			c.tick(now)
		}
	}
}

// tick shows progress if it is due at now, with no new result.
func (c *Console) tick(now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.progress(now)
}

// Result counts one result as it arrives, and shows progress if it is due.
func (c *Console) Result(r harness.Result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.finished {
		return
	}
	c.sum.Add(r)
	c.progress(c.cfg.now())
}

// progress shows the progress if it is due at now. c.mu is held.
func (c *Console) progress(now time.Time) {
	if c.finished {
		return
	}
	switch {
	case c.terminal:
		if now.Sub(c.shown) >= terminalRefresh || c.width == 0 {
			c.draw(now)
		}
	case c.cfg.every > 0:
		if now.Sub(c.shown) >= c.cfg.every {
			fmt.Fprintln(c.w, c.progressLine(now))
			c.shown = now
		}
	}
}

// draw rewrites the terminal's progress line. c.mu is held.
func (c *Console) draw(now time.Time) {
	line := c.progressLine(now)
	if c.cfg.columns > 1 && len(line) >= c.cfg.columns {
		// A line that wraps cannot be drawn over with "\r": it stays one row.
		line = line[:c.cfg.columns-1]
	}
	pad := max(c.width-len(line), 0)
	fmt.Fprintf(c.w, "\r%s%s", line, strings.Repeat(" ", pad))
	c.width = len(line)
	c.shown = now
}

// clear removes the terminal's progress line, leaving the cursor at the start of the
// line. c.mu is held.
func (c *Console) clear() {
	if c.width > 0 {
		fmt.Fprintf(c.w, "\r%s\r", strings.Repeat(" ", c.width))
		c.width = 0
	}
}

func (c *Console) progressLine(now time.Time) string {
	count := harness.Plural(c.sum.Total, "example") + " so far"
	if c.total > 0 {
		count = fmt.Sprintf("%d/%d examples", c.sum.Total, c.total)
	}
	return fmt.Sprintf("%s: %s (%s)", count, counts(c.sum), seconds(now.Sub(c.start)))
}

// Finish stops the progress and prints the run's failures and errors (see Console), its
// totals, and whether it is complete. Results and Finish after Finish do nothing.
func (c *Console) Finish(run harness.Run) {
	c.mu.Lock()
	if c.finished {
		c.mu.Unlock()
		return
	}
	c.finished = true
	stop, stopped := c.stop, c.stopped
	c.stop = nil
	c.mu.Unlock()
	if stop != nil {
		close(stop) // the ticker may be waiting for c.mu: stop it unlocked
		<-stopped
	}

	c.mu.Lock()
	defer c.mu.Unlock()
	c.clear()

	var b strings.Builder
	for _, r := range run.Results {
		c.writeResult(&b, r)
	}
	sum := summarize(run.Results)
	elapsed := run.FinishedAt.Sub(run.StartedAt)
	if run.StartedAt.IsZero() || elapsed < 0 {
		elapsed = c.cfg.now().Sub(c.start)
	}
	fmt.Fprintf(&b, "%s: %s (in %s)\n", harness.Plural(sum.Total, "example"), counts(sum), seconds(elapsed))
	if !run.Complete {
		done := harness.Plural(sum.Total, "example")
		if c.total > 0 {
			done = fmt.Sprintf("%d of %s", sum.Total, harness.Plural(c.total, "example"))
		}
		fmt.Fprintf(&b, "the run stopped early (interrupted or out of time) after %s: its results are partial\n", done)
	}
	io.WriteString(c.w, b.String())
}

// writeResult writes what the console says about one result: nothing for a passed one.
func (c *Console) writeResult(b *strings.Builder, r harness.Result) {
	at := func(line int) string { return r.File + ":" + strconv.Itoa(line) + ": " + r.ID + ": " }
	switch r.Status {
	case harness.Failed:
		for _, d := range r.Differences {
			line := d.Line
			if line == 0 && r.Expected != nil {
				line = r.Expected.Line
			}
			if line == 0 {
				line = r.Line
			}
			writeLine(b, "%s%s", at(line), d.String())
		}
		if len(r.Differences) == 0 {
			writeLine(b, "%sfailed%s", at(r.Line), because(r.Reason))
		}
	case harness.Errored:
		writeLine(b, "%serrored%s", at(r.Line), because(r.Reason))
	case harness.Skipped:
		if c.cfg.skipped {
			writeLine(b, "%sskipped%s", at(r.Line), because(r.Reason))
		}
	case harness.Passed:
	default:
		writeLine(b, "%s%s%s", at(r.Line), oneLine(string(r.Status)), because(r.Reason))
	}
	if c.cfg.warnings {
		for _, w := range r.Warnings {
			line := w.Line
			if line == 0 {
				line = r.Line
			}
			writeLine(b, "%swarning: %s", at(line), oneLine(w.String()))
		}
	}
}

func because(reason string) string {
	if reason == "" {
		return ""
	}
	return ": " + oneLine(reason)
}

// oneLine keeps a message on its line.
// writeLine writes one console line, Printable.
func writeLine(b *strings.Builder, format string, args ...any) {
	b.WriteString(Printable(fmt.Sprintf(format, args...)))
	b.WriteByte('\n')
}

// Printable writes a line's control characters escaped (\x0a): a key or an ID with a
// newline or an escape sequence in it must leave every finding one line starting with
// file:line, and reach no terminal raw.
func Printable(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isControl(r) {
			fmt.Fprintf(&b, "\\x%02x", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isControl(r rune) bool { return r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) }

func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

func counts(s harness.Summary) string {
	return fmt.Sprintf("%d passed, %d failed, %d errored, %d skipped", s.Passed, s.Failed, s.Errored, s.Skipped)
}

// seconds is a duration for people: "0.4s", "12.3s", "2m5s", "1h2m3s".
func seconds(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
	return d.Round(time.Second).String()
}
