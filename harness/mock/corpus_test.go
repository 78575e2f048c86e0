package mock_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docconform/docconform/fixtures"
	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/extract"
	"github.com/docconform/docconform/harness/internal/docurl"
	"github.com/docconform/docconform/harness/mock"
)

// corpusDir is the real-page corpus (skips when absent).
func corpusDir(t testing.TB) string { return fixtures.Corpus(t) }

// corpusDirOrEmpty is the corpus, or "" when it is absent.
func corpusDirOrEmpty() string {
	if dir, ok := fixtures.CorpusDir(); ok {
		return dir
	}
	return ""
}

func readPages(t testing.TB, roots ...string) []harness.Page {
	t.Helper()
	var pages []harness.Page
	err := extract.Tree(context.Background(), roots, func(p harness.Page) error {
		p.Resources = nil
		pages = append(pages, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// sent is what the replay stage sends for an example of a page: the method, the target
// docurl builds for the page's version, the documented headers and the body.
func sent(t testing.TB, base string, p harness.Page, e harness.Example) *http.Request {
	t.Helper()
	v := docurl.PageVersion(p.Rel)
	if v == "" {
		v = "v1.0"
	}
	req, err := http.NewRequest(e.Method, base+docurl.Parse(e.URL).Target(v), strings.NewReader(e.Body))
	if err != nil {
		t.Fatalf("%s: %v", e.Pos(), err)
	}
	for _, h := range e.Headers {
		switch strings.ToLower(h.Name) {
		case "content-length", "host", "transfer-encoding", "connection":
			continue
		}
		req.Header.Add(h.Name, h.Value)
	}
	return req
}

// TestCorpus builds the mock from the real Graph v1.0 pages and sends every example's
// request as the replay stage would (over loopback): every example must be answered by
// itself with its documented status, unless New reported it as a route conflict. The
// examples answered by another one are listed in testdata/corpus-routing.txt (make
// golden rewrites it).
func TestCorpus(t *testing.T) {
	dir := corpusDir(t)
	root := filepath.Join(dir, "graph-docs-v1.0", "api")
	pages := readPages(t, root)
	m, diags := mock.New(pages, mock.ExampleHeader("X-Docconform-Example"))
	rel := func(pos harness.Pos) string {
		f, err := filepath.Rel(dir, filepath.FromSlash(pos.File))
		if err != nil {
			return pos.String()
		}
		return fmt.Sprintf("%s:%d", filepath.ToSlash(f), pos.Line)
	}
	conflicts := map[string]bool{} // the later example's file:line
	other := map[string]int{}
	for _, d := range diags {
		if d.Code == "route-conflict" {
			conflicts[d.Pos.String()] = true
		} else {
			other[string(d.Severity)+" "+d.Code]++
		}
	}
	byID := map[string]harness.Example{}
	for _, p := range pages {
		for _, e := range p.Examples {
			byID[e.ID] = e
		}
	}
	srv := httptest.NewServer(m)
	defer srv.Close()
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	var examples, self, sameAnswer, otherAnswer, unreported, notRouted int
	var listing strings.Builder
	for _, p := range pages {
		for _, e := range p.Examples {
			examples++
			resp, err := client.Do(sent(t, srv.URL, p, e))
			if err != nil {
				t.Errorf("%s: %v", e.Pos(), err)
				notRouted++
				continue
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			got := resp.Header.Get("X-Docconform-Example")
			statusOK := false
			for _, r := range e.Responses {
				statusOK = statusOK || r.Status == resp.StatusCode
			}
			switch {
			case got == e.ID && statusOK:
				self++
			case got != "" && conflicts[e.Pos().String()]:
				first := byID[got]
				same := first.Responses[0].Status == e.Responses[0].Status && first.Responses[0].Body == e.Responses[0].Body
				kind := "the same documented response"
				if same {
					sameAnswer++
				} else {
					otherAnswer++
					kind = fmt.Sprintf("another documented response (%d, want %d)", first.Responses[0].Status, e.Responses[0].Status)
					if first.Responses[0].Status == e.Responses[0].Status {
						kind = "another documented body"
					}
				}
				fmt.Fprintf(&listing, "%s  %s %s  answered by %s (%s): %s\n", rel(e.Pos()), e.Method, e.URL, rel(first.Pos()), got, kind)
			case got != "":
				unreported++
				t.Errorf("%s: %s %s answered by %s with %d, and no conflict was reported", e.Pos(), e.Method, e.URL, got, resp.StatusCode)
			default:
				notRouted++
				t.Errorf("%s: %s %s not routed: %d", e.Pos(), e.Method, e.URL, resp.StatusCode)
			}
		}
	}
	t.Logf("%d examples on %d routes: %d answered by themselves; %d answered by an earlier, indistinguishable example (reported as route conflicts), %d of them with another documented response; %d answered by another example without a report; %d not routed",
		examples, len(m.Routes()), self, sameAnswer+otherAnswer, otherAnswer, unreported, notRouted)
	t.Logf("other diagnostics: %v", other)
	if self+sameAnswer+otherAnswer != examples || sameAnswer+otherAnswer != len(conflicts) {
		t.Errorf("%d examples, %d answered by themselves, %d conflicts reported, %d answered by the earlier example",
			examples, self, len(conflicts), sameAnswer+otherAnswer)
	}
	got := fmt.Sprintf("# %d examples, %d routes: %d answered by themselves, %d by an earlier indistinguishable example (%d with another documented response)\n%s",
		examples, len(m.Routes()), self, sameAnswer+otherAnswer, otherAnswer, listing.String())
	fixtures.Golden(t, filepath.Join("testdata", "corpus-routing.txt"), []byte(got))
}
