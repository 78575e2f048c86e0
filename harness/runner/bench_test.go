package runner

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/docconform/docconform/fixtures"
	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/extract"
	"github.com/docconform/docconform/harness/replay"
)

// The harness's overhead per example: BenchmarkRunLoopback runs every example of the real
// v1.0 API pages (planning, sending, judging, streaming results) against a loopback server
// that answers at once; BenchmarkBareClient sends the same requests with net/http alone,
// at the same concurrency. Compare their examples/s.

func corpusPages(b *testing.B) []harness.Page {
	api := fixtures.CorpusAPI(b)
	var pages []harness.Page
	err := extract.Tree(context.Background(), []string{api}, func(p harness.Page) error {
		p.Diagnostics, p.Resources = nil, nil
		pages = append(pages, p)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return pages
}

// instant answers every request at once with a small JSON body.
var instant = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	io.Copy(io.Discard, r.Body)
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, `{"id":"1"}`)
})

const benchConcurrency = 4

func BenchmarkRunLoopback(b *testing.B) {
	pages := corpusPages(b)
	srv := httptest.NewServer(instant)
	defer srv.Close()
	base, _ := url.Parse(srv.URL)
	client := replay.NewClient(base)
	n := 0
	b.ResetTimer()
	for b.Loop() {
		run := Run(context.Background(), pages, Options{
			Target: replay.Target{Base: base, Mock: true, Version: "v1.0"}, Client: client, Concurrency: benchConcurrency,
		})
		mustNotError(b, run)
		n = run.Summary.Total - run.Summary.Skipped
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "examples/s")
}

// mustNotError fails the benchmark when an example errored: an example without a usable
// answer is not judged, so counting it would flatter the throughput. (Failed examples are
// judged in full: instant's answer does not conform to most docs, and that is the point.)
func mustNotError(b *testing.B, run harness.Run) {
	b.Helper()
	if run.Summary.Errored == 0 {
		return
	}
	for _, r := range run.Results {
		if r.Status == harness.Errored {
			b.Fatalf("%d of %d examples errored; the first: %s:%d: %s: %s", run.Summary.Errored, run.Summary.Total, r.File, r.Line, r.ID, r.Reason)
		}
	}
	b.Fatalf("%d of %d examples errored", run.Summary.Errored, run.Summary.Total)
}

func BenchmarkBareClient(b *testing.B) {
	pages := corpusPages(b)
	srv := httptest.NewServer(instant)
	defer srv.Close()
	base, _ := url.Parse(srv.URL)
	var cases []harness.Case
	for _, p := range pages {
		for _, e := range p.Examples {
			if len(e.Responses) > 0 {
				cases = append(cases, replay.Plan(e, p.Version, nil, replay.Target{Base: base, Mock: true, Version: "v1.0"}))
			}
		}
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	b.ResetTimer()
	for b.Loop() {
		var next atomic.Int64
		var wg sync.WaitGroup
		for range benchConcurrency {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := int(next.Add(1)) - 1
					if i >= len(cases) {
						return
					}
					c := cases[i]
					req, err := http.NewRequest(c.Method, c.URL, strings.NewReader(c.Body))
					if err != nil {
						b.Error(err)
						return
					}
					for _, h := range c.Headers {
						req.Header.Add(h.Name, h.Value)
					}
					resp, err := client.Do(req)
					if err != nil {
						b.Error(err)
						return
					}
					io.ReadAll(resp.Body)
					resp.Body.Close()
				}
			}()
		}
		wg.Wait()
	}
	b.ReportMetric(float64(len(cases)*b.N)/b.Elapsed().Seconds(), "examples/s")
}
