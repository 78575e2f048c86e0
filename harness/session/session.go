// Package session is a whole docconform run as one library call: what `docconform run`
// does, for Go programs too.
//
// Run takes a run's settings (a config.Config, as read from a file and given flags, then
// completed by Config.Merge) and where the pages come from (Roots or Pages), and:
//
//   - starts the mock built from those same pages on a loopback port, in process, when the
//     endpoint is "mock" (with a cassette's recorded answers when one is given), or
//     resolves the credentials for a real endpoint (a bearer token from the environment,
//     or the OAuth 2.0 client-credentials grant);
//   - reads the pages in the background and replays each as soon as it is read (package
//     runner), while the mock serves each page as soon as it is added;
//   - writes the reports the settings name (atomically), the partial one too when the run
//     is interrupted;
//   - returns the Outcome: the harness.Run (the JSON report), what was read, and what
//     else the user should know (Outcome.Notes; what is doubtful in the settings alone,
//     Config.Warnings says before the run).
//
// Exit statuses are not its business: a failing example is data in the Outcome, and the
// error says only why the run could not be done or finish (an *InputError for bad
// settings or input; the context's error when interrupted; ErrDeadline).
package session

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"time"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/config"
	"github.com/docconform/docconform/harness/extract"
	"github.com/docconform/docconform/harness/replay"
	"github.com/docconform/docconform/harness/runner"
	"github.com/docconform/docconform/reports"
)

// Source is where a run's pages come from: Roots or Pages.
type Source struct {
	roots []string
	pages iter.Seq[harness.Page]
}

// Roots are pages and folders (walked for *.md) on disk, read as extract.Tree reads them.
func Roots(paths ...string) Source { return Source{roots: paths} }

// Pages are pages already read.
func Pages(pages ...harness.Page) Source { return Source{pages: slices.Values(pages)} }

func (s Source) each(ctx context.Context, opts []extract.Option, fn func(harness.Page) error) error {
	if s.pages == nil {
		return extract.Tree(ctx, s.roots, fn, opts...)
	}
	for p := range s.pages {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}

// Option adds to a run what the settings do not say: how to follow it.
type Option func(*hooks)

type hooks struct {
	onResult func(harness.Result)
	onStart  func()
	onTotal  func(int)
	getenv   func(string) string
	client   []replay.ClientOption
	version  string
}

// OnResult is called with each result as it is judged (from several goroutines, one at
// a time).
func OnResult(f func(harness.Result)) Option { return func(h *hooks) { h.onResult = f } }

// OnTotal is called once every page is read, with the number of examples the run
// replays.
func OnTotal(f func(n int)) Option { return func(h *hooks) { h.onTotal = f } }

// OnStart is called when replay starts (never in a dry run, nor when the run cannot
// start).
func OnStart(f func()) Option { return func(h *hooks) { h.onStart = f } }

// Getenv is how tokens and secrets are read from the environment (default os.Getenv).
func Getenv(f func(string) string) Option { return func(h *hooks) { h.getenv = f } }

// Client adds options to the run's HTTP client (a transport, a clock, ...).
func Client(opts ...replay.ClientOption) Option {
	return func(h *hooks) { h.client = append(h.client, opts...) }
}

// Version is the tool version the reports and the User-Agent name (default "devel").
func Version(v string) Option { return func(h *hooks) { h.version = v } }

// Outcome is what a run came to.
type Outcome struct {
	// Run is the run as the JSON report holds it (partial when Complete is false).
	Run harness.Run
	// Read says what was read of the pages.
	Read Read
	// Notes are what the user should know besides the results, one line each.
	Notes []string
	// Planned is, in a dry run, every example the run would send, resolved.
	Planned []Planned
	// Authorized is true when requests carry a token.
	Authorized bool
}

// Read counts what was read of the pages.
type Read struct {
	Pages, Examples int
	// Unusable counts blocks that could not be used (docconform list says why);
	// Unroutable the examples the mock cannot serve.
	Unusable, Unroutable int
	// Selected counts the examples the run replays.
	Selected int
	// Whole is true when every page was read.
	Whole   bool
	FirstID string
}

// Planned is an example as a dry run shows it: the request it would send, or why not.
type Planned struct {
	Example harness.Example
	Case    harness.Case
	// Skip is why it would not be sent ("" when it would).
	Skip string
}

// InputError is a run that cannot start or be judged for bad settings or input: an
// unreadable PATH, a cassette matching nothing, a report path that is a folder, a --run
// matching no example.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

func inputErr(format string, args ...any) error {
	return &InputError{Err: fmt.Errorf(format, args...)}
}

// ErrDeadline is the run's deadline (Config.Deadline) passing: the outcome holds the
// examples judged by then.
var ErrDeadline = errors.New("the run's deadline passed")

type deadlineError time.Duration

func (e deadlineError) Error() string {
	return fmt.Sprintf("the run's deadline (%s) passed; the report holds the examples judged by then", time.Duration(e))
}

func (e deadlineError) Is(target error) bool { return target == ErrDeadline }

// Run runs the examples of the pages src gives with the settings of cfg (completed by
// Config.Merge, which Run calls again: a Config from Parse or Default alone will do).
func Run(ctx context.Context, cfg config.Config, src Source, opts ...Option) (Outcome, error) {
	h := hooks{getenv: osGetenv, version: "devel"}
	for _, o := range opts {
		o(&h)
	}
	var out Outcome
	note := func(s string) { out.Notes = append(out.Notes, s) }
	cfg, err := cfg.Merge()
	if err != nil {
		return out, &InputError{Err: err}
	}
	s, err := prepare(cfg, h)
	if err != nil {
		return out, err
	}
	out.Authorized = s.token != nil
	if src.pages == nil {
		if err := extract.StatRoots(src.roots); err != nil {
			return out, &InputError{Err: err}
		}
	}
	if cfg.DryRun {
		return dryRun(ctx, cfg, src, s, out, note)
	}
	var m *mockServer
	if s.mock {
		if m, err = startMock(ctx, cfg.Cassette, cfg.APIVersion); err != nil {
			return out, err
		}
		defer m.Close()
		s.base = m.URL
		s.opts.Endpoint = "mock"
	}
	s.opts.Target.Base = s.base
	s.opts.Target.Mock = s.mock
	if s.token != nil && !s.mock {
		s.client = append(s.client, replay.WithToken(s.token))
	}
	s.opts.Client = replay.NewClient(s.base, s.client...)
	s.opts.OnResult = h.onResult

	runCtx := ctx
	if cfg.Deadline > 0 {
		var cancel context.CancelFunc
		runCtx, cancel = context.WithTimeout(ctx, time.Duration(cfg.Deadline))
		defer cancel()
	}
	if h.onStart != nil {
		h.onStart()
	}
	fd := startFeed(runCtx, src, s.extract, m.builder(), &s.opts)
	go func() {
		if <-fd.done; fd.read.Whole && h.onTotal != nil {
			h.onTotal(fd.read.Selected) // else how many there are is not known
		}
	}()
	out.Run = runner.RunSeq(runCtx, fd.all, s.opts)
	fd.wait()
	out.Read = fd.read
	if fd.err != nil {
		out.Run.Complete = false
	}
	fd.notes(note)
	if fd.read.Whole {
		// An entry for an example that does not exist (a typo, another PATH) does nothing.
		for _, id := range slices.Sorted(maps.Keys(cfg.Examples)) {
			if !fd.ids[id] {
				note(fmt.Sprintf("%s:%d: warning: examples: %s is not an example under the PATH given; the entry does nothing", cfg.File, cfg.Examples[id].Line, id))
			}
		}
	}
	var failure error
	var pe *extract.PathError
	switch {
	case cfg.Run != "" && fd.read.Whole && fd.read.Selected == 0 && fd.err == nil:
		// (A typo in --run would otherwise pass: nothing failed.)
		failure = inputErr("--run %q matches no example ID (IDs look like %s; docconform list shows them)", cfg.Run, fd.read.FirstID)
	case m != nil && cfg.Cassette != "" && fd.read.Whole:
		failure = Unmatched(m.b.Mock(), note)
	}
	for _, r := range s.reports {
		if err := WriteReport(r.path, r.format, out.Run); err != nil {
			return out, fmt.Errorf("writing the report %s: %v", r.path, err)
		}
	}
	switch {
	case failure != nil:
		return out, failure
	case errors.As(fd.err, &pe):
		return out, &InputError{Err: pe}
	case fd.err != nil:
		return out, fmt.Errorf("reading the pages: %v", fd.err)
	case ctx.Err() != nil:
		return out, ctx.Err()
	case !out.Run.Complete && runCtx.Err() != nil:
		return out, deadlineError(time.Duration(cfg.Deadline))
	}
	return out, nil
}

// prepared is a run's settings as the stages take them.
type prepared struct {
	mock    bool
	base    *url.URL
	opts    runner.Options
	client  []replay.ClientOption
	token   replay.TokenFunc
	extract []extract.Option
	reports []reportTo
}

type reportTo struct {
	format reports.Format
	path   string
}

// prepare turns merged settings into the stages' options.
func prepare(cfg config.Config, h hooks) (prepared, error) {
	var s prepared
	s.mock = cfg.Endpoint == "mock"
	if !s.mock && cfg.Cassette != "" {
		return s, inputErr("--cassette replays recorded answers through the mock; it needs --endpoint mock")
	}
	endpoint := cfg.Endpoint
	if !s.mock {
		u, err := url.Parse(cfg.Endpoint)
		if err != nil {
			return s, &InputError{Err: err} // (Merge has checked it)
		}
		s.base = u
		endpoint = u.Redacted() // never a password in a report or cassette
	}
	o := runner.Options{
		Endpoint:    endpoint,
		Tool:        harness.Tool{Name: "docconform", Version: h.version},
		Target:      replay.Target{Version: cfg.APIVersion, AllowWrites: cfg.AllowWrites, APIHosts: cfg.APIHosts},
		Vars:        cfg.Variables,
		Compare:     cfg.CompareOptions(),
		Include:     cfg.Include,
		Exclude:     cfg.Exclude,
		Concurrency: cfg.Concurrency,
		Record:      cfg.Record,
		Overrides:   map[string]runner.Override{},
		Setup:       steps(cfg.File, cfg.Setup),
		Teardown:    steps(cfg.File, cfg.Teardown),
	}
	if cfg.Run != "" {
		o.Run = regexp.MustCompile(cfg.Run) // (Merge has checked it)
	}
	o.ShardK, o.ShardN, _ = cfg.ShardKN()
	for id, ov := range cfg.Examples {
		o.Overrides[id] = runner.Override{Skip: ov.Skip, Statuses: ov.Statuses, Ignore: ov.Ignore}
	}
	s.opts = o
	s.extract = []extract.Option{extract.MaxPageSize(cfg.MaxPageSize)}
	if cfg.AnnotatedOnly {
		s.extract = append(s.extract, extract.AnnotatedOnly())
	}
	s.client = append([]replay.ClientOption{
		replay.WithUserAgent("docconform/" + h.version),
		replay.WithRate(cfg.Rate), replay.WithRetries(*cfg.Retries), replay.WithTimeout(time.Duration(cfg.Timeout)),
		replay.WithMaxRetryWait(time.Duration(cfg.MaxRetryWait)), replay.WithMaxBody(cfg.MaxBody),
	}, h.client...)
	// The mock takes no credentials, and a dry run sends nothing: a configuration written
	// for a tenant can still be checked offline.
	if !s.mock {
		token, secrets, err := auth(cfg, h.getenv)
		switch {
		case err != nil && !cfg.DryRun:
			return s, &InputError{Err: err}
		case err == nil:
			s.token = token
			s.client = append(s.client, replay.WithSecrets(secrets...))
		}
	}
	if err := checkPaths(cfg, &s); err != nil {
		return s, err
	}
	return s, nil
}
