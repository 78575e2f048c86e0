package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/config"
	"github.com/docconform/docconform/harness/session"
	"github.com/docconform/docconform/reports"
)

func runCommand() *cobra.Command {
	var configFile string
	var showSkipped, showWarnings bool
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
			cfg, err := runSettings(cmd.Flags(), configFile)
			if err != nil {
				return usageError("%v", err)
			}
			terminal, cols := reports.Terminal(cmd.OutOrStdout())
			console := reports.NewConsole(cmd.OutOrStdout(), terminal, reports.Columns(cols),
				reports.ShowSkipped(showSkipped), reports.ShowWarnings(showWarnings))
			return runRun(cmd, cfg, args, console)
		},
	}
	d := config.Default()
	fl := c.Flags()
	fl.String("endpoint", d.Endpoint, `base URL of the service, or "mock" (the docs served in process)`)
	fl.StringVar(&configFile, "config", "", "YAML configuration file (see harness/config)")
	fl.StringArray("var", nil, "NAME=VALUE to fill placeholders {NAME} (repeatable)")
	fl.String("vars", "", "YAML or JSON file of variables")
	fl.String("token-env", d.Auth.TokenEnv, "environment variable holding the bearer token")
	fl.String("api-version", d.APIVersion, "API version for pages and URLs that give none")
	fl.Int("concurrency", d.Concurrency, "pages replayed at once (a page's examples run in order)")
	fl.Float64("rate", d.Rate, "requests per second at most (0: no cap)")
	fl.Duration("timeout", time.Duration(d.Timeout), "time allowed for each request")
	fl.Duration("deadline", time.Duration(d.Deadline), "time allowed for the whole run (0: none)")
	fl.Int("retries", *d.Retries, "retries of 429, 503, 504 and connection errors")
	fl.Duration("max-retry-wait", time.Duration(d.MaxRetryWait), "longest wait before a retry, Retry-After included")
	fl.Int64("max-body", d.MaxBody, "largest response body, in bytes")
	fl.String("run", "", "only examples whose ID matches this regular expression")
	fl.String("shard", "", "K/N: only the K-th of N shards of the pages (stable)")
	fl.Bool("allow-writes", false, "send POST, PATCH, PUT and DELETE to a real endpoint")
	fl.String("compare", d.Compare, "shape (structure and types) or exact (values too)")
	fl.StringArray("ignore", nil, "gjson path to leave out of comparisons (repeatable)")
	fl.String("extra", d.Extra, "undocumented properties in responses not truncated: fail, warn or allow")
	fl.StringArray("report", nil, "FORMAT=FILE: write a report (json) (repeatable)")
	fl.String("record", "", "folder to record the answers in, as a cassette")
	fl.String("cassette", "", "cassette folder whose recorded answers the mock replays")
	fl.Bool("dry-run", false, "print every resolved request and send nothing")
	fl.BoolVar(&showSkipped, "show-skipped", false, "list the skipped examples with their reasons")
	fl.BoolVar(&showWarnings, "show-warnings", false, "list each example's warnings")
	fl.Bool("annotated-only", false, "replay annotated examples only (no inferred ones)")
	fl.Int64("max-page-size", d.MaxPageSize, "largest page to read, in bytes")
	return c
}

// runSettings reads the config file, then gives it the flags that were set: the flags
// override the file, and config.Merge checks the whole.
func runSettings(fs *pflag.FlagSet, file string) (config.Config, error) {
	var cfg config.Config
	if file != "" {
		var err error
		if cfg, err = config.Load(file); err != nil {
			return cfg, fmt.Errorf("--config: %v", err)
		}
	}
	var err error
	fs.Visit(func(f *pflag.Flag) {
		values := []string{f.Value.String()}
		if sv, ok := f.Value.(pflag.SliceValue); ok {
			values = sv.GetSlice()
		}
		for _, v := range values {
			if _, e := cfg.SetFlag(f.Name, v); e != nil && err == nil {
				err = e
			}
		}
	})
	if err != nil {
		return cfg, err
	}
	return cfg.Merge()
}

// runRun runs the examples and maps the outcome to an exit status.
func runRun(cmd *cobra.Command, cfg config.Config, roots []string, console *reports.Console) error {
	ctx, stdout, stderr := cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr()
	for _, w := range cfg.Warnings() {
		fmt.Fprintln(stderr, reports.Printable(w))
	}
	started := false
	out, err := session.Run(ctx, cfg, session.Roots(roots...), session.Version(version()),
		session.OnStart(func() { started = true; console.Start(0) }),
		session.OnResult(console.Result), session.OnTotal(console.Total))
	if started {
		console.Finish(out.Run)
	} else if cfg.DryRun && err == nil {
		err = dryRun(stdout, out)
	}
	for _, n := range out.Notes {
		fmt.Fprintln(stderr, reports.Printable(n))
	}
	switch {
	case errors.As(err, new(*session.InputError)):
		return &exitError{code: exitUsage, err: err}
	case errors.Is(err, session.ErrDeadline):
		return &exitError{code: exitFailed, err: err}
	case errors.Is(err, context.Canceled) && ctx.Err() != nil:
		return &exitError{code: exitInterrupted}
	case err != nil:
		return err
	case out.Run.Summary.Failed+out.Run.Summary.Errored > 0:
		return &exitError{code: exitFailed}
	}
	return nil
}

// dryRun prints every resolved request; nothing was sent.
func dryRun(w io.Writer, out session.Outcome) error {
	for _, p := range out.Planned {
		c := p.Case
		fmt.Fprintf(w, "%s: %s\n  %s %s\n", p.Example.Pos(), p.Example.ID, c.Method, c.URL)
		if out.Authorized {
			fmt.Fprintf(w, "  Authorization: Bearer ****\n")
		}
		for _, h := range c.Headers {
			fmt.Fprintf(w, "  %s: %s\n", h.Name, h.Value)
		}
		if c.Body != "" {
			fmt.Fprintf(w, "  body: %s\n", oneLine(c.Body, 200))
		}
		if p.Skip != "" {
			fmt.Fprintf(w, "  skipped: %s\n", p.Skip)
		}
	}
	_, err := fmt.Fprintf(w, "%s planned; nothing sent (--dry-run)\n", harness.Plural(len(out.Planned), "example"))
	return err
}

func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > max {
		return s[:max] + "…"
	}
	return s
}
