package mock_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/docconform/docconform/fixtures"
	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/mock"
)

// TestNameBeatsPath: a request that names an example with its method and a matching path
// gets it, even where another example's path is more specific; without the name, the
// most specific path wins.
func TestNameBeatsPath(t *testing.T) {
	m := newMock(t, []harness.Page{
		page("v1.0/api/user-get.md", ex{name: "get_user", request: "GET /users/{id}", answer: `{"id": "1"}`}),
		page("v1.0/api/user-delta.md", ex{name: "delta", request: "GET /users/delta", answer: `{"value": []}`}),
	})
	match := func(method, id string) string {
		r := mock.Request{Method: method, Target: "/v1.0/users/delta"}
		if id != "" {
			r.Headers = []harness.Header{{Name: harness.ExampleHeader, Value: id}}
		}
		return m.Match(r).ID
	}
	for _, c := range []struct{ method, name, want string }{
		{"GET", "", "v1.0/api/user-delta.md#delta"},
		{"GET", "v1.0/api/user-get.md#get_user", "v1.0/api/user-get.md#get_user"},
		{"GET", "v1.0/api/nowhere.md#x", "v1.0/api/user-delta.md#delta"},           // no such example
		{"HEAD", "v1.0/api/user-get.md#get_user", "v1.0/api/user-get.md#get_user"}, // HEAD is GET without the body
		{"DELETE", "v1.0/api/user-get.md#get_user", ""},                            // not its method: nothing answers DELETE
	} {
		if got := match(c.method, c.name); got != c.want {
			t.Errorf("%s naming %q: answered by %q, want %q", c.method, c.name, got, c.want)
		}
	}
}

// TestBuilderServesWhileBuilding: over loopback, a request naming an added example is
// answered before the last page is added; one naming none waits for Done, then gets the
// answer of the whole mock (here, from a page added after it was sent).
func TestBuilderServesWhileBuilding(t *testing.T) {
	b := mock.NewBuilder(mock.ExampleHeader("X-Docconform-Example"))
	srv := httptest.NewServer(b.Mock())
	defer srv.Close()
	if diags := b.Add(page("v1.0/api/user-get.md", ex{name: "get_user", request: "GET /users/{id}", answer: `{"id": "1"}`})); len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	send := func(name string) <-chan string {
		out := make(chan string, 1)
		go func() {
			req, _ := http.NewRequest("GET", srv.URL+"/v1.0/users/delta", nil)
			if name != "" {
				req.Header.Set(harness.ExampleHeader, name)
			}
			resp, err := srv.Client().Do(req)
			if err != nil {
				out <- err.Error()
				return
			}
			resp.Body.Close()
			out <- resp.Header.Get("X-Docconform-Example")
		}()
		return out
	}
	if got := <-send("v1.0/api/user-get.md#get_user"); got != "v1.0/api/user-get.md#get_user" {
		t.Fatalf("named request before Done: answered by %q", got)
	}
	waiting := send("")
	select {
	case got := <-waiting:
		t.Fatalf("a request naming no example was answered (by %q) before Done", got)
	case <-time.After(100 * time.Millisecond):
	}
	b.Add(page("v1.0/api/user-delta.md", ex{name: "delta", request: "GET /users/delta", answer: `{"value": []}`}))
	b.Done()
	if got := <-waiting; got != "v1.0/api/user-delta.md#delta" {
		t.Errorf("after Done: answered by %q, want the more specific delta", got)
	}
	if n := b.Mock().Examples(); n != 2 {
		t.Errorf("%d examples, want 2", n)
	}
}

// TestBuilderCorpus: on the real pages, a mock built page by page and asked over loopback
// for every example (by name, as the replay stage asks) right after the example's page is
// added, answers at once, exactly as the mock New builds at once.
func TestBuilderCorpus(t *testing.T) {
	pages := readPages(t, fixtures.CorpusAPI(t))
	whole, _ := mock.New(pages)
	b := mock.NewBuilder(mock.ExampleHeader("X-Docconform-Example"))
	srv := httptest.NewServer(b.Mock())
	defer srv.Close()
	defer b.Done()
	client := srv.Client()
	client.Timeout = 10 * time.Second // an answer that waits for Done never comes
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	n := 0
	for _, p := range pages {
		unserved := map[harness.Pos]bool{}
		for _, d := range b.Add(p) {
			if d.Severity == harness.Error {
				unserved[d.Pos] = true
			}
		}
		for _, e := range p.Examples {
			if unserved[e.Pos()] {
				continue
			}
			req := sent(t, srv.URL, p, e)
			req.Header.Set(harness.ExampleHeader, e.ID)
			want := whole.Match(mock.Request{Method: req.Method, Target: req.URL.RequestURI(), Body: e.Body,
				Headers: append(e.Headers, harness.Header{Name: harness.ExampleHeader, Value: e.ID})}).ID
			resp, err := client.Do(req)
			if err != nil {
				t.Errorf("%s: not answered before the last page was added: %v", e.Pos(), err)
				continue
			}
			resp.Body.Close()
			if got := resp.Header.Get("X-Docconform-Example"); got != want {
				t.Errorf("%s: built page by page, answered by %q; at once, by %q", e.Pos(), got, want)
			}
			n++
		}
	}
	if n < 2400 {
		t.Errorf("only %d examples asked", n)
	}
}

// TestClosestPlaceholderSpelling: how a placeholder is spelled does not make a route less
// close: /users/abc/manger is closest to .../manager, not to a route whose placeholder is
// shorter.
func TestClosestPlaceholderSpelling(t *testing.T) {
	m := newMock(t, []harness.Page{page("v1.0/api/r.md",
		ex{name: "manager", request: "GET /users/{id | userPrincipalName}/manager"},
		ex{name: "member_of", request: "GET /users/{id}/memberOf"},
	)})
	if got := m.Match(mock.Request{Method: "GET", Target: "/v1.0/users/abc/manger"}).Closest; got != "GET /v1.0/users/{id | userPrincipalName}/manager" {
		t.Errorf("closest %q", got)
	}
}
