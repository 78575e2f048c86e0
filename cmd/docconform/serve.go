package main

import (
	"fmt"
	"maps"
	"net"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/mock"
	"github.com/docconform/docconform/harness/session"
)

func serveCommand() *cobra.Command {
	var (
		addr, cassetteDir, version, exampleHeader string
		latency, retryAfter                       time.Duration
		faultRate                                 float64
		faults                                    []string
		seed                                      uint64
		routes                                    bool
	)
	c := &cobra.Command{
		Use:   "serve [PATH...]",
		Short: "Answer HTTP requests the way the pages document",
		Long: `Serve a mock endpoint built from the examples in the pages under PATH (a page, or a
folder walked recursively for *.md; default "."): each documented request is a route, and
the answer is its documented response (status, headers, and the body as strict JSON).
The routing rules are those of package harness/mock: placeholders match any value
(root:/{item-path}: any path), literal segments and versions match in any case, and
examples on one route are told apart by query, then body, then headers. A request that
names an example's ID in an X-Docconform-Example header gets that example when its method
and path match ("docconform run" names each example it replays); answers name their
example in that header too (--example-header changes or drops it).

An unknown route gets 404 with a Graph error naming the closest documented route; a
known path with another method gets 405 with Allow. Examples no request can tell apart
are reported at start-up on stderr, "file:line: warning: ... [route-conflict]", naming
both; the first is served unless a request names the other.

--cassette DIR answers with the recorded responses for the examples it holds.
--latency, --fault-rate and --fault inject delays and failures (429 and 503 with
Retry-After, or a reset connection); --seed makes the failures the same in every run.

Prints the route count and the address, then serves until interrupted (Ctrl-C), and
exits 0 after a clean shutdown; 2 on bad usage, an unreadable PATH or cassette, or an
address it cannot listen on.`,
		Example: `  docconform serve docs/v1.0
  docconform serve --addr 127.0.0.1:8080 --cassette recorded/ docs/
  docconform serve --fault-rate 0.2 --fault 429 --fault reset --seed 1 docs/
  docconform serve --routes docs/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = []string{"."}
			}
			if !(faultRate >= 0 && faultRate <= 1) { // (NaN too)
				return usageError("--fault-rate must be between 0 and 1, not %v", faultRate)
			}
			if latency < 0 {
				return usageError("--latency must not be negative")
			}
			opts, err := session.MockOptions(cassetteDir, version)
			if err != nil {
				return &exitError{code: exitUsage, err: err}
			}
			opts = append(opts, mock.Latency(latency), mock.RetryAfter(retryAfter))
			if exampleHeader != "" {
				opts = append(opts, mock.ExampleHeader(exampleHeader))
			}
			var kinds []mock.Fault
			for _, s := range faults {
				for part := range strings.SplitSeq(s, ",") {
					k, err := mock.ParseFault(part)
					if err != nil {
						return usageError("--fault: %v", err)
					}
					kinds = append(kinds, k)
				}
			}
			if faultRate > 0 {
				opts = append(opts, mock.Faults(faultRate, kinds...))
			}
			if cmd.Flags().Changed("seed") {
				opts = append(opts, mock.Seed(seed))
			}
			return serve(cmd, args, addr, routes, opts)
		},
	}
	f := c.Flags()
	f.StringVar(&addr, "addr", "127.0.0.1:4010", "address to listen on, HOST:PORT (port 0: any free port)")
	f.StringVar(&cassetteDir, "cassette", "", "folder of recorded answers that take precedence over documented ones")
	f.StringVar(&version, "api-version", "v1.0", "API version of pages whose folders name none, and of requests whose path has none")
	f.StringVar(&exampleHeader, "example-header", "X-Docconform-Example", `response header naming the example that answered ("" for none)`)
	f.DurationVar(&latency, "latency", 0, "delay every answer by this long")
	f.Float64Var(&faultRate, "fault-rate", 0, "fraction of requests (0 to 1) that fail as --fault says")
	f.StringSliceVar(&faults, "fault", []string{"503"}, "how requests fail: 429, 503 or reset (repeatable: one is picked per request)")
	f.Uint64Var(&seed, "seed", 0, "seed for --fault-rate: the same seed gives the same failures (default: random)")
	f.DurationVar(&retryAfter, "retry-after", time.Second, "Retry-After of injected 429 and 503 answers")
	f.BoolVar(&routes, "routes", false, "print the routes and the start-up diagnostics, then exit without serving")
	return c
}

func serve(cmd *cobra.Command, roots []string, addr string, listRoutes bool, opts []mock.Option) error {
	var ln net.Listener
	if !listRoutes {
		// The address first: a port in use is said before the pages are read.
		var err error
		if ln, err = net.Listen("tcp", addr); err != nil {
			return &exitError{code: exitUsage, err: err}
		}
		defer ln.Close()
	}
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	served, err := session.Mock(cmd.Context(), roots, opts...)
	for _, n := range served.Notes {
		fmt.Fprintln(stderr, n)
	}
	if err != nil {
		return err // (an unreadable PATH or a cassette matching nothing is bad usage: see exitCode)
	}
	m, diags := served.Mock, served.Diagnostics
	codes := map[string]int{}
	for _, d := range diags {
		fmt.Fprintln(stderr, d)
		codes[d.Code]++
	}
	if len(diags) > 0 {
		var parts []string
		for _, code := range slices.Sorted(maps.Keys(codes)) {
			parts = append(parts, fmt.Sprintf("%d %s", codes[code], code))
		}
		fmt.Fprintf(stderr, "%s from the mock (%s)\n", harness.Plural(len(diags), "diagnostic"), strings.Join(parts, ", "))
	}
	if served.PageDiagnostics > 0 {
		fmt.Fprintf(stderr, "%s in the pages (see docconform list)\n", harness.Plural(served.PageDiagnostics, "diagnostic"))
	}
	routes := m.Routes()
	if listRoutes {
		for _, r := range routes {
			fmt.Fprintf(stdout, "%s  %s %s  %s\n", r.Pos, r.Method, r.Path, strings.Join(r.Examples, ", "))
		}
	}
	fmt.Fprintf(stdout, "%s (%s from %s)\n", harness.Plural(len(routes), "route"), harness.Plural(m.Examples(), "example"), harness.Plural(served.Pages, "page"))
	if listRoutes {
		return nil
	}
	fmt.Fprintf(stdout, "listening on http://%s\n", ln.Addr())
	if err := m.Serve(cmd.Context(), ln); err != nil {
		return err
	}
	fmt.Fprintln(stderr, "stopped")
	return nil
}
