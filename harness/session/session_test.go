package session

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/docconform/docconform/fixtures"
	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/config"
	"github.com/docconform/docconform/harness/extract"
	"github.com/docconform/docconform/reports"
)

func docs() string { return filepath.Join(fixtures.Dir(), "docs") }

// TestPages: pages already read run as pages read from disk do, and the hooks see the
// run start, each result and the total.
func TestPages(t *testing.T) {
	var pages []harness.Page
	if err := extract.Tree(context.Background(), []string{docs()}, func(p harness.Page) error {
		pages = append(pages, p)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	started, total, seen := 0, -1, 0
	cfg := config.Default()
	cfg.Run = "user-"
	out, err := Run(context.Background(), cfg, Pages(pages...),
		OnStart(func() { started++ }),
		OnResult(func(harness.Result) { mu.Lock(); seen++; mu.Unlock() }),
		OnTotal(func(n int) { mu.Lock(); total = n; mu.Unlock() }))
	if err != nil {
		t.Fatal(err)
	}
	s := out.Run.Summary
	if started != 1 || s.Total == 0 || s.Total != seen || total != s.Total || s.Passed != s.Total || out.Read.Selected != s.Total {
		t.Errorf("started %d, total %d, seen %d, summary %+v, read %+v", started, total, seen, s, out.Read)
	}
	for _, r := range out.Run.Results {
		if !strings.Contains(r.ID, "user-") {
			t.Errorf("%s ran, though --run user- leaves it out", r.ID)
		}
	}
	if out.Run.Endpoint != "mock" || !out.Run.Complete {
		t.Errorf("endpoint %q, complete %v", out.Run.Endpoint, out.Run.Complete)
	}
}

// TestInputErrors: settings and input that cannot make a run are *InputError, found
// before anything is sent.
func TestInputErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		set  func(c *config.Config)
		src  Source
		want string
	}{
		{"run matches nothing", func(c *config.Config) { c.Run = "^nothing$" }, Roots(docs()), `--run "^nothing$" matches no example ID (IDs look like v1.0/api/`},
		{"cassette without the mock", func(c *config.Config) { c.Endpoint, c.Cassette = "http://127.0.0.1:1", dir }, Roots(docs()), "needs --endpoint mock"},
		{"report format", func(c *config.Config) { c.Reports = []string{"xml=" + filepath.Join(dir, "r.xml")} }, Roots(docs()), "unknown report format"},
		{"report folder", func(c *config.Config) { c.Reports = []string{"json=" + dir} }, Roots(docs()), "is a folder"},
		{"no such PATH", func(c *config.Config) {}, Roots(filepath.Join(dir, "nothing")), "no such file"},
		{"bad setting", func(c *config.Config) { c.Compare = "fuzzy" }, Roots(docs()), `compare must be shape or exact, not "fuzzy"`},
		{"token named, empty", func(c *config.Config) { c.Endpoint, c.Auth.TokenEnv = "http://127.0.0.1:1", "DOCCONFORM_TEST_NONE" }, Roots(docs()), "DOCCONFORM_TEST_NONE holds no token"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := config.Default()
			tt.set(&cfg)
			_, err := Run(context.Background(), cfg, tt.src, Getenv(func(string) string { return "" }))
			var ie *InputError
			if !errors.As(err, &ie) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Run = %v, want an *InputError containing %q", err, tt.want)
			}
		})
	}
}

// TestDryRun: every included example is planned against the endpoint, with the skip
// reasons, and whether a token would be sent; nothing is.
func TestDryRun(t *testing.T) {
	cfg := config.Default()
	cfg.Endpoint, cfg.DryRun = "http://127.0.0.1:1/base", true
	cfg.Auth.TokenEnv = "TOKEN"
	cfg.Variables = map[string]string{"user-id": "u1"}
	cfg.Examples = map[string]config.Override{"v1.0/api/me.md#get_me": {Skip: "licence"}}
	out, err := Run(context.Background(), cfg, Roots(docs()), Getenv(func(n string) string {
		if n == "TOKEN" {
			return "secret"
		}
		return ""
	}))
	if err != nil {
		t.Fatal(err)
	}
	if !out.Authorized || len(out.Planned) != out.Read.Examples || len(out.Run.Results) != 0 {
		t.Fatalf("authorized %v, %d planned of %d, %d results", out.Authorized, len(out.Planned), out.Read.Examples, len(out.Run.Results))
	}
	writes := 0
	for _, p := range out.Planned {
		if !strings.HasPrefix(p.Case.URL, "http://127.0.0.1:1/base/v1.0/") {
			t.Errorf("%s: URL %s", p.Example.ID, p.Case.URL)
		}
		if p.Example.ID == "v1.0/api/me.md#get_me" && p.Skip != "skipped by the configuration: licence" {
			t.Errorf("get_me: skip %q", p.Skip)
		}
		if p.Case.Method != "GET" && strings.Contains(p.Skip, "--allow-writes") {
			writes++
		}
	}
	if writes == 0 {
		t.Error("no write was planned as skipped for want of --allow-writes")
	}
}

// TestInterruptedReport: a run interrupted writes its report all the same, marked
// incomplete, and says it was interrupted.
func TestInterruptedReport(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	path := filepath.Join(t.TempDir(), "report.json")
	cfg := config.Default()
	cfg.Reports = []string{"json=" + path}
	_, err := Run(ctx, cfg, Roots(docs()))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v, want context.Canceled", err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	run, err := reports.ReadJSON(f)
	if err != nil || run.Complete {
		t.Errorf("report: complete %v, %v", run.Complete, err)
	}
}

// TestMock: the mock `docconform serve` serves holds every example of the pages; an
// unreadable root is an *extract.PathError.
func TestMock(t *testing.T) {
	s, err := Mock(context.Background(), []string{docs()})
	if err != nil {
		t.Fatal(err)
	}
	if s.Pages != 20 || s.Mock.Examples() != 19 || len(s.Mock.Routes()) == 0 {
		t.Errorf("%d pages, %d examples, %d routes", s.Pages, s.Mock.Examples(), len(s.Mock.Routes()))
	}
	var pe *extract.PathError
	if _, err := Mock(context.Background(), []string{filepath.Join(t.TempDir(), "none")}); !errors.As(err, &pe) {
		t.Errorf("Mock of a missing root = %v, want an *extract.PathError", err)
	}
}
