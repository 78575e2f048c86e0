// Package runner composes the stages into a run: it selects examples (globs, --run,
// --shard), runs the setup steps, replays each page's examples in document order while
// pages run concurrently, judges every answer against the documented response, records
// what the service answered, runs the teardown steps, and returns the whole Run.
//
// Results stream to Options.OnResult as they are judged; the returned Run holds them in
// page and document order. When ctx is cancelled (Ctrl-C) or the deadline passes, no new
// request starts, requests in flight get Grace to finish, and the Run comes back marked
// incomplete with the results judged so far.
package runner

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"iter"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tidwall/gjson"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/cassette"
	"github.com/docconform/docconform/harness/compare"
	"github.com/docconform/docconform/harness/replay"
)

// Options is a run's configuration.
type Options struct {
	Endpoint string // for the report
	Tool     harness.Tool
	Target   replay.Target
	Client   *replay.Client
	Vars     map[string]string
	Compare  []compare.Option

	// Selection.
	Run     *regexp.Regexp // on example IDs
	ShardK  int            // 1-based; 0: no sharding
	ShardN  int
	Include []string // globs on page paths; ** matches any folders
	Exclude []string

	Overrides map[string]Override
	Setup     []Step
	Teardown  []Step

	Concurrency int
	// Grace is how long requests in flight may finish after an interrupt (default 2s).
	Grace time.Duration
	// Record, when set, is the cassette folder where answers are stored, one file per page.
	Record string
	// Clock keeps Grace, the teardown's time bound, StartedAt and FinishedAt (nil: the
	// wall clock). The client keeps its own (replay.WithClock).
	Clock replay.Clock

	OnResult func(harness.Result)
}

// Override changes how one example is run.
type Override struct {
	Skip     string
	Statuses []int
	Ignore   []string
}

// Step is a setup or teardown request, with values to capture from its answer.
type Step struct {
	Name    string
	Method  string
	URL     string // documented-style URL; placeholders filled from the variables
	Headers []harness.Header
	Body    string
	Capture map[string]string // variable name → gjson path
	Pos     harness.Pos       // where the step is configured
}

// Examples are the examples of page p that the run replays, in document order: none
// when the page is not selected (Selected), else those whose ID matches Run. It is the
// one rule of what a run includes: the runner, a dry run and the count of a run's
// examples all use it.
func (o *Options) Examples(p harness.Page) []harness.Example {
	if !o.Selected(p.Rel) {
		return nil
	}
	if o.Run == nil {
		return p.Examples
	}
	var out []harness.Example
	for _, e := range p.Examples {
		if o.Run.MatchString(e.ID) {
			out = append(out, e)
		}
	}
	return out
}

// Selected reports whether a page is in the run: include/exclude globs and the shard.
func (o *Options) Selected(rel string) bool {
	if len(o.Include) > 0 && !slices.ContainsFunc(o.Include, func(g string) bool { return Glob(g, rel) }) {
		return false
	}
	if slices.ContainsFunc(o.Exclude, func(g string) bool { return Glob(g, rel) }) {
		return false
	}
	if o.ShardN > 0 {
		h := fnv.New32a()
		h.Write([]byte(rel))
		if int(h.Sum32()%uint32(o.ShardN)) != o.ShardK-1 {
			return false
		}
	}
	return true
}

// Glob matches a slash-separated path against a pattern where "**" matches any number of
// folders and other segments match as path.Match does.
func Glob(pattern, name string) bool {
	return globSegs(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

func globSegs(p, n []string) bool {
	if len(p) == 0 {
		return len(n) == 0
	}
	if p[0] == "**" {
		for i := 0; i <= len(n); i++ {
			if globSegs(p[1:], n[i:]) {
				return true
			}
		}
		return false
	}
	if len(n) == 0 {
		return false
	}
	ok, err := path.Match(p[0], n[0])
	return err == nil && ok && globSegs(p[1:], n[1:])
}

// teardownTime bounds the teardown steps, which run even after an interrupt.
const teardownTime = 30 * time.Second

// Run runs the selected examples of pages.
func Run(ctx context.Context, pages []harness.Page, o Options) harness.Run {
	return RunSeq(ctx, slices.Values(pages), o)
}

// RunSeq is Run for pages that come one by one (as package extract reads them): each is
// replayed as soon as it comes and a worker is free, and the report keeps their order.
// It stops taking pages when ctx ends.
func RunSeq(ctx context.Context, pages iter.Seq[harness.Page], o Options) harness.Run {
	clock := o.Clock
	if clock == nil {
		clock = replay.WallClock{}
	}
	run := harness.Run{SchemaVersion: 1, Tool: o.Tool, Endpoint: o.Endpoint, StartedAt: clock.Now().UTC(), Results: []harness.Result{}}
	if o.Concurrency < 1 {
		o.Concurrency = 4
	}
	if o.Grace == 0 {
		o.Grace = 2 * time.Second
	}
	// Requests use sendCtx: it ends Grace after ctx does, so requests in flight can finish.
	sendCtx, cancelSend := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelSend()
	stop := context.AfterFunc(ctx, func() {
		select {
		case <-clock.After(o.Grace):
			cancelSend()
		case <-sendCtx.Done():
		}
	})
	defer stop()

	// On an interrupt, requests in flight may finish, but no retry is sent.
	r := &runner{o: o, ctx: ctx, send: replay.StopRetries(sendCtx, ctx.Done()), vars: map[string]string{}}
	for k, v := range o.Vars {
		r.vars[k] = v
	}
	// Steps appear among the results only when they fail: a failed setup explains the
	// examples skipped for want of its variables.
	var setup []harness.Result
	for _, s := range o.Setup {
		if ctx.Err() != nil {
			break
		}
		res := r.step(r.send, "setup", s)
		if res.Status != harness.Passed && ctx.Err() != nil {
			r.cut = true // cut short by the interrupt: not a verdict, as for examples
			break
		}
		if res.Status != harness.Passed {
			setup = append(setup, res)
		}
	}
	// The variables change only during setup: the pages read a frozen copy.
	r.frozen = r.lookup()
	type job struct {
		p   harness.Page
		out *[]harness.Result
	}
	var perPage []*[]harness.Result
	work := make(chan job)
	var wg sync.WaitGroup
	for range o.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				*j.out = r.page(j.p)
			}
		}()
	}
dispatch:
	for p := range pages {
		if !o.Selected(p.Rel) {
			continue
		}
		out := new([]harness.Result)
		perPage = append(perPage, out)
		select {
		case work <- job{p, out}:
		case <-ctx.Done():
			break dispatch
		}
	}
	close(work)
	wg.Wait()

	// Teardown always runs, even after an interrupt, within its own bounded time: it
	// cleans up what setup made. (Not against the mock, which keeps nothing, and which an
	// interrupt may leave built from some of the pages only.)
	tctx, cancel := withTimeout(context.WithoutCancel(ctx), clock, teardownTime)
	var teardown []harness.Result
	steps := o.Teardown
	if o.Target.Mock && ctx.Err() != nil {
		steps = nil
	}
	for _, s := range steps {
		if res := r.step(tctx, "teardown", s); res.Status != harness.Passed {
			teardown = append(teardown, res)
		}
	}
	cancel()

	all := [][]harness.Result{setup}
	for _, out := range perPage {
		all = append(all, *out)
	}
	if run.Results = slices.Concat(append(all, teardown)...); run.Results == nil {
		run.Results = []harness.Result{}
	}
	for _, res := range run.Results {
		run.Summary.Add(res)
	}
	run.Complete = ctx.Err() == nil && !r.cut
	run.FinishedAt = clock.Now().UTC()
	return run
}

// withTimeout is context.WithTimeout on clock: once d has passed on it, the context is
// cancelled with the cause context.DeadlineExceeded.
func withTimeout(parent context.Context, clock replay.Clock, d time.Duration) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(parent)
	go func() {
		select {
		case <-clock.After(d):
			cancel(context.DeadlineExceeded)
		case <-ctx.Done():
		}
	}()
	return ctx, func() { cancel(nil) }
}

type runner struct {
	o    Options
	ctx  context.Context // the run: when done, nothing new starts
	send context.Context // requests: ends Grace after ctx
	mu   sync.Mutex      // guards vars and cut
	vars map[string]string
	cut  bool // an example was left unjudged by an interrupt
	// frozen is the variables as setup left them, for the pages.
	frozen replay.Vars
}

func (r *runner) lookup() replay.Vars {
	r.mu.Lock()
	snapshot := make(map[string]string, len(r.vars))
	for k, v := range r.vars {
		snapshot[k] = v
	}
	r.mu.Unlock()
	return replay.MapVars(snapshot)
}

// page runs one page's examples in document order.
func (r *runner) page(p harness.Page) []harness.Result {
	var out []harness.Result
	rec := cassette.Page{Page: p.Rel, RecordedAt: time.Now().UTC(), Endpoint: r.o.Endpoint, Exchanges: map[string]cassette.Exchange{}}
	for _, e := range r.o.Examples(p) {
		if r.ctx.Err() != nil {
			r.mu.Lock()
			r.cut = true
			r.mu.Unlock()
			break
		}
		res, act, sent := r.example(p, e)
		res = r.redacted(res)
		if r.o.Record != "" && sent && res.Status != harness.Errored {
			rec.Exchanges[e.ID] = cassette.FromActual(r.redactedActual(act))
		}
		if res.Status == harness.Errored && r.ctx.Err() != nil {
			// Cut short by the interrupt: not a verdict on the service.
			r.mu.Lock()
			r.cut = true
			r.mu.Unlock()
			break
		}
		out = append(out, res)
		if r.o.OnResult != nil {
			r.o.OnResult(res)
		}
	}
	if r.o.Record != "" && len(rec.Exchanges) > 0 {
		if err := cassette.Write(r.o.Record, rec); err != nil {
			res := harness.Result{ID: p.Rel + "#record", File: p.File, Line: 1, Status: harness.Errored,
				Reason: fmt.Sprintf("recording the cassette failed: %v", err)}
			out = append(out, res)
			if r.o.OnResult != nil {
				r.o.OnResult(res)
			}
		}
	}
	return out
}

// example plans, sends and judges one example.
func (r *runner) example(p harness.Page, e harness.Example) (harness.Result, harness.Actual, bool) {
	c := replay.Plan(e, p.Version, r.frozen, r.o.Target)
	res := harness.Result{ID: e.ID, File: e.File, Line: e.Line, Name: e.Name, Method: c.Method, URL: c.URL}
	ov := r.o.Overrides[e.ID]
	switch {
	case ov.Skip != "":
		res.Status, res.Reason = harness.Skipped, "skipped by the configuration: "+ov.Skip
		return res, harness.Actual{}, false
	case c.Skip != "":
		res.Status, res.Reason = harness.Skipped, c.Skip
		return res, harness.Actual{}, false
	case len(e.Responses) == 0:
		res.Status, res.Reason = harness.Skipped, "no documented response to compare with"
		return res, harness.Actual{}, false
	}
	ex := r.o.Client.Send(r.send, c)
	res.Attempts, res.DurationMs, res.ThrottledMs = ex.Attempts, ex.DurationMs, ex.ThrottledMs
	if ex.Err != "" {
		res.Status, res.Reason = harness.Errored, ex.Err
		if ex.Actual.Status != 0 {
			res.Actual = &harness.ActualSummary{Status: ex.Actual.Status}
		}
		return res, ex.Actual, true
	}
	doc := documented(e.Responses, ex.Actual.Status)
	res.Expected = &harness.ExpectedSummary{Status: doc.Status, Line: doc.Line}
	res.Actual = &harness.ActualSummary{Status: ex.Actual.Status}
	opts := r.o.Compare
	if len(ov.Ignore) > 0 {
		opts = append(slices.Clip(opts), compare.Ignore(ov.Ignore...))
	}
	if r.o.Client != nil {
		// Secrets out of what the differences show, before values are shortened.
		opts = append(slices.Clip(opts), compare.Redact(r.o.Client.Redact))
	}
	if doc.Status != ex.Actual.Status && slices.Contains(ov.Statuses, ex.Actual.Status) {
		res.Status = harness.Passed
		res.Warnings = []harness.ResultWarning{{Kind: harness.WarnStatusAccepted,
			Message: fmt.Sprintf("status %d is accepted by the configuration; no documented response has it, so the body was not compared", ex.Actual.Status)}}
		return res, ex.Actual, true
	}
	judged := compare.Response(doc, ex.Actual, opts...)
	res.Differences, res.Warnings = judged.Differences, judged.Warnings
	res.Status = harness.Passed
	if !judged.OK() {
		res.Status = harness.Failed
	}
	return res, ex.Actual, true
}

// documented picks the documented response with the actual status, else the first.
func documented(rs []harness.Response, status int) harness.Response {
	for _, r := range rs {
		if r.Status == status {
			return r
		}
	}
	return rs[0]
}

// step runs a setup or teardown request and captures variables from its answer.
func (r *runner) step(ctx context.Context, kind string, s Step) (res harness.Result) {
	e := harness.Example{ID: kind + "#" + s.Name, File: s.Pos.File, Name: s.Name,
		Request: harness.Request{Line: s.Pos.Line, Method: s.Method, URL: s.URL, Headers: s.Headers, Body: s.Body}}
	t := r.o.Target
	t.AllowWrites = true // configured steps are the user's own requests
	c := replay.Plan(e, "", r.lookup(), t)
	res = harness.Result{ID: e.ID, File: s.Pos.File, Line: s.Pos.Line, Name: s.Name, Method: c.Method, URL: c.URL}
	if c.Skip != "" {
		res.Status, res.Reason = harness.Errored, kind+" step not sent: "+c.Skip
		r.report(res)
		return res
	}
	defer func() {
		if res.Status != harness.Passed {
			r.report(res)
		}
	}()
	ex := r.o.Client.Send(ctx, c)
	res.Attempts, res.DurationMs, res.ThrottledMs = ex.Attempts, ex.DurationMs, ex.ThrottledMs
	switch {
	case ex.Err != "" && kind == "teardown" && errors.Is(context.Cause(ctx), context.DeadlineExceeded):
		res.Status, res.Reason = harness.Errored, fmt.Sprintf("the teardown steps did not finish within %s", teardownTime)
	case ex.Err != "":
		res.Status, res.Reason = harness.Errored, ex.Err
	case ex.Actual.Status < 200 || ex.Actual.Status > 299:
		res.Status, res.Reason = harness.Errored, fmt.Sprintf("%s step answered %d", kind, ex.Actual.Status)
		res.Actual = &harness.ActualSummary{Status: ex.Actual.Status}
	default:
		res.Status = harness.Passed
		res.Actual = &harness.ActualSummary{Status: ex.Actual.Status}
		for name, p := range s.Capture {
			v := gjson.Get(ex.Actual.Body, p)
			if !v.Exists() || v.Type == gjson.Null || v.String() == "" {
				what := "nothing"
				if v.Exists() {
					what = "an empty value (" + v.Raw + ")"
				}
				res.Status, res.Reason = harness.Errored, fmt.Sprintf("capture %s: %s at %s in the answer", name, what, p)
				break
			}
			r.mu.Lock()
			r.vars[name] = v.String()
			r.mu.Unlock()
		}
	}
	return res
}

func (r *runner) report(res harness.Result) {
	if r.o.OnResult != nil {
		r.o.OnResult(res)
	}
}

// redacted is what the run writes of a result: no secret the client knows (a service may
// echo the token). The answer was judged as it came.
func (r *runner) redacted(res harness.Result) harness.Result {
	if r.o.Client == nil {
		return res
	}
	red := r.o.Client.Redact
	res.Reason = red(res.Reason)
	for i := range res.Differences {
		d := &res.Differences[i]
		d.Message = red(d.Message)
		d.Path = red(d.Path)
		if a := red(string(d.Actual)); a != string(d.Actual) {
			if !json.Valid([]byte(a)) {
				a = strconv.Quote(a) // the secret was inside a number or a word: say it as text
			}
			d.Actual = json.RawMessage(a)
		}
	}
	for i := range res.Warnings {
		w := &res.Warnings[i]
		w.Message = red(w.Message)
		w.Path = red(w.Path)
	}
	return res
}

// redactedActual is what a cassette records of an answer: no secret the client knows.
func (r *runner) redactedActual(a harness.Actual) harness.Actual {
	if r.o.Client == nil {
		return a
	}
	red := r.o.Client.Redact
	a.Body = red(a.Body)
	hs := make([]harness.Header, len(a.Headers))
	for i, h := range a.Headers {
		hs[i] = harness.Header{Name: h.Name, Value: red(h.Value)}
	}
	a.Headers = hs
	return a
}
