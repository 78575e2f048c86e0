package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/oauth2/clientcredentials"
	"golang.org/x/term"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/compare"
	"github.com/docconform/docconform/harness/config"
	"github.com/docconform/docconform/harness/docjson"
	"github.com/docconform/docconform/harness/extract"
	"github.com/docconform/docconform/harness/mock"
	"github.com/docconform/docconform/harness/replay"
	"github.com/docconform/docconform/harness/runner"
	"github.com/docconform/docconform/harness/session"
	"github.com/docconform/docconform/reports"
)

type runFlags struct {
	endpoint, configFile, varsFile, tokenEnv, apiVersion          string
	vars                                                          []string
	concurrency, retries                                          int
	rate                                                          float64
	timeout, deadline, maxRetryWait                               time.Duration
	maxBody, maxPage                                              int64
	run, shard                                                    string
	allowWrites, dryRun, annotatedOnly, showSkipped, showWarnings bool
	compare, extra                                                string
	ignore, reportsTo                                             []string
	record, cassette                                              string
}

func runCommand() *cobra.Command {
	var f runFlags
	c := &cobra.Command{
		Use:   "run [PATH...]",
		Short: "Replay the documented examples against an endpoint and judge the answers",
		Long: `Replay every example documented in the pages under PATH against an endpoint and tell,
example by example, whether the service answers as its docs say.

--endpoint is a base URL (the documented path, with its version segment, is appended) or
"mock" (the default): the docs themselves served in process, on a loopback port.

Against a real endpoint, methods other than GET, HEAD and OPTIONS are skipped unless
--allow-writes is given; the bearer token comes from the environment variable named by
--token-env, or from the OAuth client-credentials grant configured in --config, and goes
to the endpoint's host only.

Each example is passed, failed (the service answered differently: each difference is
printed as file:line: id: kind at path: expected … got …), errored (no usable answer) or
skipped (with the reason). --report json=FILE writes the JSON report (schema version 1).

Exit status: 0 nothing failed, 1 an example failed or errored, 2 bad usage, config or
input, 130 interrupted (after writing the partial report, marked incomplete).`,
		Example: `  docconform run fixtures/docs --cassette fixtures/recorded
  DOCCONFORM_TOKEN=$(az account get-access-token --resource-type ms-graph --query accessToken -o tsv) \
    docconform run docs/api --endpoint https://graph.microsoft.com --var user-id=$ME --report json=report.json
  docconform run docs/api --config nightly.yaml --shard 2/4 --report json=shard-2.json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = []string{"."}
			}
			return runRun(cmd, f, args)
		},
	}
	fl := c.Flags()
	fl.StringVar(&f.endpoint, "endpoint", "mock", `base URL of the service, or "mock" (the docs served in process)`)
	fl.StringVar(&f.configFile, "config", "", "YAML configuration file (see harness/config)")
	fl.StringArrayVar(&f.vars, "var", nil, "NAME=VALUE to fill placeholders {NAME} (repeatable)")
	fl.StringVar(&f.varsFile, "vars", "", "YAML or JSON file of variables")
	fl.StringVar(&f.tokenEnv, "token-env", "DOCCONFORM_TOKEN", "environment variable holding the bearer token")
	fl.StringVar(&f.apiVersion, "api-version", "v1.0", "API version for pages and URLs that give none")
	fl.IntVar(&f.concurrency, "concurrency", 4, "pages replayed at once (a page's examples run in order)")
	fl.Float64Var(&f.rate, "rate", 0, "requests per second at most (0: no cap)")
	fl.DurationVar(&f.timeout, "timeout", replay.DefaultTimeout, "time allowed for each request")
	fl.DurationVar(&f.deadline, "deadline", 0, "time allowed for the whole run (0: none)")
	fl.IntVar(&f.retries, "retries", replay.DefaultRetries, "retries of 429, 503, 504 and connection errors")
	fl.DurationVar(&f.maxRetryWait, "max-retry-wait", replay.DefaultMaxRetryWait, "longest wait before a retry, Retry-After included")
	fl.Int64Var(&f.maxBody, "max-body", replay.DefaultMaxBody, "largest response body, in bytes")
	fl.StringVar(&f.run, "run", "", "only examples whose ID matches this regular expression")
	fl.StringVar(&f.shard, "shard", "", "K/N: only the K-th of N shards of the pages (stable)")
	fl.BoolVar(&f.allowWrites, "allow-writes", false, "send POST, PATCH, PUT and DELETE to a real endpoint")
	fl.StringVar(&f.compare, "compare", "shape", "shape (structure and types) or exact (values too)")
	fl.StringArrayVar(&f.ignore, "ignore", nil, "gjson path to leave out of comparisons (repeatable)")
	fl.StringVar(&f.extra, "extra", "fail", "undocumented properties in responses not truncated: fail, warn or allow")
	fl.StringArrayVar(&f.reportsTo, "report", nil, "FORMAT=FILE: write a report (json) (repeatable)")
	fl.StringVar(&f.record, "record", "", "folder to record the answers in, as a cassette")
	fl.StringVar(&f.cassette, "cassette", "", "cassette folder whose recorded answers the mock replays")
	fl.BoolVar(&f.dryRun, "dry-run", false, "print every resolved request and send nothing")
	fl.BoolVar(&f.showSkipped, "show-skipped", false, "list the skipped examples with their reasons")
	fl.BoolVar(&f.showWarnings, "show-warnings", false, "list each example's warnings")
	fl.BoolVar(&f.annotatedOnly, "annotated-only", false, "replay annotated examples only (no inferred ones)")
	fl.Int64Var(&f.maxPage, "max-page-size", extract.DefaultMaxPageSize, "largest page to read, in bytes")
	return c
}

// settings is the run's configuration once flags, the config file and defaults are merged.
type settings struct {
	cfg    config.Config
	vars   map[string]string
	mock   bool
	base   *url.URL
	opts   runner.Options
	client []replay.ClientOption
	token  replay.TokenFunc
	report []reportTo
}

type reportTo struct {
	format reports.Format
	path   string
}

func runRun(cmd *cobra.Command, f runFlags, roots []string) error {
	s, err := configure(cmd.Flags(), f)
	if err != nil {
		return &exitError{code: exitUsage, err: err}
	}
	if !s.mock && f.cassette != "" {
		return usageError("--cassette replays recorded answers through the mock; it needs --endpoint mock")
	}
	if err := extract.StatRoots(roots); err != nil {
		return &exitError{code: exitUsage, err: err}
	}
	stderr := cmd.ErrOrStderr()
	ctx := cmd.Context()
	if s.base != nil {
		if last := path.Base(strings.TrimRight(s.base.Path, "/")); session.IsVersion(last) {
			fmt.Fprintf(stderr, "warning: --endpoint ends in /%s, and the documented paths bring their own version (/%s/v1.0/..., /%s/beta/...); leave it out unless the service wants both\n",
				last, last, last)
		}
	}
	var builder *mock.Builder
	if s.mock {
		srv, b, err := startMock(ctx, f.cassette, s.opts.Target.Version)
		if err != nil {
			return &exitError{code: exitUsage, err: err}
		}
		defer srv.Close()
		builder = b
		s.base = srv.URL
		s.opts.Endpoint = "mock"
	}
	s.opts.Target.Base = s.base
	s.opts.Target.Mock = s.mock
	if s.token != nil && !s.mock {
		s.client = append(s.client, replay.WithToken(s.token))
	}
	s.opts.Client = replay.NewClient(s.base, s.client...)
	if f.dryRun {
		pages, err := readPages(ctx, roots, f, stderr)
		if err != nil {
			return err
		}
		return dryRun(cmd.OutOrStdout(), pages, s)
	}

	runCtx := ctx
	deadline := time.Duration(s.cfg.Deadline)
	if deadline > 0 {
		var cancel context.CancelFunc
		runCtx, cancel = context.WithTimeout(ctx, deadline)
		defer cancel()
	}
	out := cmd.OutOrStdout()
	console := reports.NewConsole(out, isTerminal(out), reports.Columns(columns(out)),
		reports.ShowSkipped(f.showSkipped), reports.ShowWarnings(f.showWarnings))
	console.Start(0)
	s.opts.OnResult = console.Result
	// The pages are replayed as they are read; the mock serves each as soon as it is added.
	fd := startFeed(runCtx, roots, f, builder, &s.opts)
	go func() {
		if <-fd.done; fd.whole {
			console.Total(fd.selected) // else how many there are is not known
		}
	}()
	run := runner.RunSeq(runCtx, fd.all, s.opts)
	fd.wait()
	if fd.err != nil {
		run.Complete = false
	}
	console.Finish(run)
	fd.report(stderr)
	if fd.whole {
		// An entry for an example that does not exist (a typo, another PATH) does nothing.
		for _, id := range slices.Sorted(maps.Keys(s.cfg.Examples)) {
			if !fd.ids[id] {
				fmt.Fprintf(stderr, "%s:%d: warning: examples: %s is not an example under the PATH given; the entry does nothing\n", f.configFile, s.cfg.Examples[id].Line, id)
			}
		}
	}
	if f.run != "" && fd.whole && fd.selected == 0 && fd.err == nil {
		// (A typo in --run would otherwise pass: nothing failed.)
		return &exitError{code: exitUsage, err: fmt.Errorf("--run %q matches no example ID (IDs look like %s; docconform list shows them)", f.run, fd.firstID)}
	}
	var cassetteErr error
	if builder != nil && f.cassette != "" && fd.whole {
		cassetteErr = unmatched(stderr, builder.Mock())
	}
	for _, r := range s.report {
		if err := session.WriteReport(r.path, r.format, run); err != nil {
			return fmt.Errorf("writing the report %s: %v", r.path, err)
		}
	}
	var pe *extract.PathError
	switch {
	case cassetteErr != nil:
		return cassetteErr
	case errors.As(fd.err, &pe):
		return &exitError{code: exitUsage, err: pe}
	case fd.err != nil:
		return fmt.Errorf("reading the pages: %v", fd.err)
	case ctx.Err() != nil:
		return &exitError{code: exitInterrupted}
	case !run.Complete && runCtx.Err() != nil:
		return &exitError{code: exitFailed, err: fmt.Errorf("the run's deadline (%s) passed; the report holds the examples judged by then", deadline)}
	case run.Summary.Failed+run.Summary.Errored > 0:
		return &exitError{code: exitFailed}
	}
	return nil
}

// columns is the width of the terminal w is, 0 when it is none.
func columns(w io.Writer) int {
	if f, ok := w.(*os.File); ok {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil {
			return cols
		}
	}
	return 0
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// configure merges flags (when given), the config file and defaults.
func configure(fs *pflag.FlagSet, f runFlags) (settings, error) {
	var s settings
	if f.configFile != "" {
		c, err := config.Load(f.configFile)
		if err != nil {
			return s, fmt.Errorf("--config: %v", err)
		}
		s.cfg = c
	}
	c := &s.cfg
	set := fs.Changed
	str := func(flag string, fv string, cv *string) {
		if set(flag) || *cv == "" {
			*cv = fv
		}
	}
	str("endpoint", f.endpoint, &c.Endpoint)
	str("api-version", f.apiVersion, &c.APIVersion)
	str("compare", f.compare, &c.Compare)
	str("extra", f.extra, &c.Extra)
	if set("concurrency") || c.Concurrency == 0 {
		c.Concurrency = f.concurrency
	}
	if set("rate") || c.Rate == 0 {
		c.Rate = f.rate
	}
	if set("timeout") || c.Timeout == 0 {
		c.Timeout = config.Duration(f.timeout)
	}
	if set("deadline") || c.Deadline == 0 {
		c.Deadline = config.Duration(f.deadline)
	}
	if set("max-retry-wait") || c.MaxRetryWait == 0 {
		c.MaxRetryWait = config.Duration(f.maxRetryWait)
	}
	if set("retries") || c.Retries == nil {
		c.Retries = &f.retries
	}
	if set("max-body") || c.MaxBody == 0 {
		c.MaxBody = f.maxBody
	}
	if set("allow-writes") {
		c.AllowWrites = f.allowWrites
	}
	c.Ignore = append(c.Ignore, f.ignore...)
	switch {
	case c.Concurrency < 1:
		return s, fmt.Errorf("--concurrency must be at least 1")
	case c.Timeout <= 0:
		return s, fmt.Errorf("--timeout must be more than 0, not %s", time.Duration(c.Timeout))
	case c.Deadline < 0:
		return s, fmt.Errorf("--deadline must not be negative (0: none), not %s", time.Duration(c.Deadline))
	case c.MaxRetryWait < 0:
		return s, fmt.Errorf("--max-retry-wait must not be negative, not %s", time.Duration(c.MaxRetryWait))
	case c.MaxBody <= 0:
		return s, fmt.Errorf("--max-body must be more than 0, not %d", c.MaxBody)
	case c.Rate < 0:
		return s, fmt.Errorf("--rate must not be negative (0: no cap), not %v", c.Rate)
	case *c.Retries < 0:
		return s, fmt.Errorf("--retries must not be negative, not %d", *c.Retries)
	}

	s.mock = c.Endpoint == "mock"
	if !s.mock {
		u, err := url.Parse(c.Endpoint)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return s, fmt.Errorf("--endpoint %q is not an http(s) base URL or \"mock\"", c.Endpoint)
		}
		s.base = u
	}

	s.vars = map[string]string{}
	for k, v := range c.Variables {
		s.vars[k] = v
	}
	if f.varsFile != "" {
		vs, err := config.LoadVars(f.varsFile)
		if err != nil {
			return s, fmt.Errorf("--vars: %v", err)
		}
		for k, v := range vs {
			s.vars[k] = v
		}
	}
	for _, kv := range f.vars {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return s, fmt.Errorf("--var %q: write NAME=VALUE", kv)
		}
		s.vars[k] = v
	}

	copts, err := compareOptions(c.Compare, c.Extra, c.Ignore)
	if err != nil {
		return s, err
	}

	endpoint := c.Endpoint
	if s.base != nil {
		endpoint = s.base.Redacted() // never a password in a report or cassette
	}
	o := runner.Options{
		Endpoint:    endpoint,
		Tool:        harness.Tool{Name: "docconform", Version: version()},
		Target:      replay.Target{Version: c.APIVersion, AllowWrites: c.AllowWrites, APIHosts: c.APIHosts},
		Vars:        s.vars,
		Compare:     copts,
		Include:     c.Include,
		Exclude:     c.Exclude,
		Concurrency: c.Concurrency,
		Record:      f.record,
		Overrides:   map[string]runner.Override{},
	}
	if f.run != "" {
		re, err := regexp.Compile(f.run)
		if err != nil {
			return s, fmt.Errorf("--run: %v", err)
		}
		o.Run = re
	}
	if f.shard != "" {
		k, n, err := parseShard(f.shard)
		if err != nil {
			return s, err
		}
		o.ShardK, o.ShardN = k, n
	}
	for id, ov := range c.Examples {
		for _, p := range ov.Ignore {
			if err := compare.ValidIgnore(p); err != nil {
				return s, fmt.Errorf("examples %s: ignore: %v", id, err)
			}
		}
		o.Overrides[id] = runner.Override{Skip: ov.Skip, Statuses: ov.Statuses, Ignore: ov.Ignore}
	}
	o.Setup = steps(f.configFile, c.Setup)
	o.Teardown = steps(f.configFile, c.Teardown)
	s.opts = o

	s.client = []replay.ClientOption{
		replay.WithUserAgent("docconform/" + version()),
		replay.WithRate(c.Rate), replay.WithRetries(*c.Retries), replay.WithTimeout(time.Duration(c.Timeout)),
		replay.WithMaxRetryWait(time.Duration(c.MaxRetryWait)), replay.WithMaxBody(c.MaxBody),
	}
	// The mock takes no credentials, and a dry run sends nothing: a configuration written
	// for a tenant can still be checked offline.
	if !s.mock && !f.dryRun {
		token, secrets, err := auth(fs, f, c.Auth, time.Duration(c.Timeout))
		if err != nil {
			return s, err
		}
		s.token = token
		s.client = append(s.client, replay.WithSecrets(secrets...))
	} else if f.dryRun && !s.mock {
		// (What a dry run shows of the token is only whether there is one.)
		s.token, _, _ = auth(fs, f, c.Auth, time.Duration(c.Timeout))
	}

	if f.record != "" {
		if info, err := os.Stat(f.record); err == nil && !info.IsDir() {
			return s, fmt.Errorf("--record %s: it is a file; a cassette is a folder", f.record)
		}
	}
	for _, r := range f.reportsTo {
		name, path, ok := strings.Cut(r, "=")
		if !ok || path == "" {
			return s, fmt.Errorf("--report %q: write FORMAT=FILE, e.g. json=report.json", r)
		}
		format, err := reports.FormatNamed(name)
		if err != nil {
			return s, fmt.Errorf("--report %s: %v", r, err)
		}
		if info, err := os.Stat(path); err == nil && info.IsDir() {
			// (Found now, not after the whole run.)
			return s, fmt.Errorf("--report %s: %s is a folder; name a file in it", r, path)
		}
		s.report = append(s.report, reportTo{format: format, path: path})
	}
	return s, nil
}

// auth returns how to get the endpoint's token, and the secrets never to show.
func auth(fs *pflag.FlagSet, f runFlags, a config.Auth, timeout time.Duration) (replay.TokenFunc, []string, error) {
	if cc := a.ClientCredentials; cc != nil && !fs.Changed("token-env") {
		secret := os.Getenv(cc.ClientSecretEnv)
		if secret == "" {
			return nil, nil, fmt.Errorf("clientCredentials: the environment variable %s (clientSecretEnv) is empty", cc.ClientSecretEnv)
		}
		cfg := clientcredentials.Config{ClientID: cc.ClientID, ClientSecret: secret, TokenURL: cc.TokenURL, Scopes: cc.Scopes}
		return replay.ClientCredentials(cfg, timeout), []string{secret}, nil
	}
	env, named := f.tokenEnv, fs.Changed("token-env")
	if a.TokenEnv != "" && !named {
		env, named = a.TokenEnv, true
	}
	tok := strings.TrimSpace(os.Getenv(env))
	switch {
	case tok == "" && named:
		// The default variable may be unset (a public endpoint, the mock); one named on
		// purpose may not: requests would go out unauthenticated.
		return nil, nil, fmt.Errorf("the environment variable %s holds no token", env)
	case tok == "":
		return nil, nil, nil
	case strings.ContainsFunc(tok, func(r rune) bool { return r < ' ' || r == 0x7f }):
		return nil, nil, fmt.Errorf("the token in %s holds a control character (a line break?); it cannot be sent in a header", env)
	}
	return func(context.Context) (string, error) { return tok, nil }, []string{tok}, nil
}

func parseShard(s string) (int, int, error) {
	ks, ns, ok := strings.Cut(s, "/")
	k, err1 := strconv.Atoi(ks)
	n, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil || n < 1 || k < 1 || k > n {
		return 0, 0, fmt.Errorf("--shard %q: write K/N with 1 ≤ K ≤ N, e.g. 2/4", s)
	}
	return k, n, nil
}

func steps(file string, cs []config.Step) []runner.Step {
	var out []runner.Step
	for _, c := range cs {
		st := runner.Step{Name: c.Name, Method: c.Method, URL: c.URL, Body: string(c.Body), Capture: c.Capture,
			Pos: harness.Pos{File: file, Line: c.Line}}
		typed := false
		for _, k := range slices.Sorted(maps.Keys(c.Headers)) {
			st.Headers = append(st.Headers, harness.Header{Name: k, Value: c.Headers[k]})
			typed = typed || strings.EqualFold(k, "Content-Type")
		}
		if o := docjson.Opening(st.Body); !typed && (o == '{' || o == '[') {
			// A body written as YAML is sent as JSON, and says so (Graph refuses it otherwise).
			st.Headers = append(st.Headers, harness.Header{Name: "Content-Type", Value: "application/json"})
		}
		out = append(out, st)
	}
	return out
}

// readPages reads all the pages before anything is sent (--dry-run); diagnostics are
// counted, not listed (docconform list lists them).
func readPages(ctx context.Context, roots []string, f runFlags, stderr io.Writer) ([]harness.Page, error) {
	fd := startFeed(ctx, roots, f, nil, &runner.Options{})
	var pages []harness.Page
	for p := range fd.all {
		pages = append(pages, p)
	}
	fd.wait()
	var pe *extract.PathError
	switch {
	case errors.As(fd.err, &pe):
		return nil, &exitError{code: exitUsage, err: pe}
	case fd.err != nil:
		return nil, fd.err
	case ctx.Err() != nil:
		return nil, ctx.Err()
	}
	fd.report(stderr)
	return pages, nil
}

// dryRun prints every resolved request and sends nothing.
func dryRun(w io.Writer, pages []harness.Page, s settings) error {
	vars := replay.MapVars(s.vars)
	n := 0
	for _, p := range pages {
		if !s.opts.Selected(p.Rel) {
			continue
		}
		for _, e := range p.Examples {
			if s.opts.Run != nil && !s.opts.Run.MatchString(e.ID) {
				continue
			}
			n++
			c := replay.Plan(e, p.Version, vars, s.opts.Target)
			fmt.Fprintf(w, "%s: %s\n  %s %s\n", e.Pos(), e.ID, c.Method, c.URL)
			if s.token != nil && !s.mock {
				fmt.Fprintf(w, "  Authorization: Bearer ****\n")
			}
			for _, h := range c.Headers {
				fmt.Fprintf(w, "  %s: %s\n", h.Name, h.Value)
			}
			if c.Body != "" {
				fmt.Fprintf(w, "  body: %s\n", oneLine(c.Body, 200))
			}
			if ov, ok := s.opts.Overrides[e.ID]; ok && ov.Skip != "" {
				fmt.Fprintf(w, "  skipped: skipped by the configuration: %s\n", ov.Skip)
			} else if c.Skip != "" {
				fmt.Fprintf(w, "  skipped: %s\n", c.Skip)
			}
		}
	}
	_, err := fmt.Fprintf(w, "%s planned; nothing sent (--dry-run)\n", plural(n, "example"))
	return err
}

func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > max {
		return s[:max] + "…"
	}
	return s
}
