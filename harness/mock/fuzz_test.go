package mock_test

import (
	"bufio"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/internal/docurl"
	"github.com/docconform/docconform/harness/mock"
)

// FuzzRoute builds a mock from a fuzzed documented URL and body next to fixed examples,
// then routes a fuzzed request and the replay stage's request for the fuzzed example.
// Nothing may panic, and the replay stage's request must be answered by the fuzzed
// example: always when it names the example, and without the name unless New reported a
// conflict (or the target is too long to match).
func FuzzRoute(f *testing.F) {
	seeds := [][3]string{
		{"https://graph.microsoft.com/v1.0/users/{id | userPrincipalName}", "/v1.0/users/abc", ""},
		{"/me/drive/root:/{item-path}:/content", "/v1.0/me/drive/root:/a/b.txt:/content", ""},
		{"/reports/getEmailActivityCounts(period='{period_value}')", "/v1.0/reports/getEmailActivityCounts(period='D7')", ""},
		{"https://graph.microsoft.com/v1.0/users?$filter=startswith(displayName, 'a')&$count=true", "/V1.0/USERS?$count=true", `{"a": [1, ...]}`},
		{"https://sn3302.up.1drv.com/up/fe6987415ace7X4e1eF866337", "/up/fe6987415ace7X4e1eF866337", "<bytes 0-25>"},
		{"/me/drive/items/{id}/workbook/worksheets/{id|name}/cell(row=<row>,column=<column>)", "/v1.0/me/drive/items/1/workbook/worksheets/a/cell(row=1,column=2)", ""},
		{"docs\\api\\{a}{b}//x/", "%zz/%7B/../", "{"},
		{"/sites/{hostname}:/{relative-path}?q={x}&&=&", "/v1.0/sites/h:/a/b?q=1", ""},
		{"/a/{b}/{c}/{d}:/{e}:/{f}{g}", "/v1.0/a/1/2/3:/4/5:/67", ""},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1], s[2])
	}
	fixed := page("v1.0/api/fixed.md",
		ex{name: "user", request: "GET /users/{id}"},
		ex{name: "delta", request: "GET /users/delta?$select=id"},
		ex{name: "create", request: "POST /users", body: `{"a": 1}`},
	)
	f.Fuzz(func(t *testing.T, docURL, target, body string) {
		p := page("v1.0/api/fuzz.md", ex{name: "fuzz", request: "POST " + docURL, body: body})
		m, diags := mock.New([]harness.Page{fixed, p}, mock.ExampleHeader("X-Docconform-Example"))
		for _, method := range []string{"GET", "POST", "OPTIONS"} {
			m.Match(mock.Request{Method: method, Target: target, Body: body})
		}
		// Through HTTP, when the target is one a server can read.
		if req, err := http.ReadRequest(bufio.NewReader(strings.NewReader("POST " + target + " HTTP/1.1\r\nHost: x\r\n\r\n"))); err == nil {
			m.ServeHTTP(httptest.NewRecorder(), req)
		}
		want := "v1.0/api/fuzz.md#fuzz"
		replay := docurl.Parse(docURL).Target("v1.0")
		if len(replay) > 4096 {
			return
		}
		unroutable, conflict := false, false
		for _, d := range diags {
			unroutable = unroutable || d.Code == "mock-unroutable"
			conflict = conflict || d.Code == "route-conflict"
		}
		if unroutable {
			return
		}
		// Named, as the replay stage names it, the example answers its own request whatever
		// else is documented: what lets "docconform run" be answered before the last page.
		named := mock.Request{Method: "POST", Target: replay, Body: body, Headers: []harness.Header{{Name: harness.ExampleHeader, Value: want}}}
		if got := m.Match(named); got.ID != want {
			t.Errorf("POST %s (documented %q) naming %s answered by %+v", replay, docURL, want, got)
		}
		if conflict {
			return
		}
		if got := m.Match(mock.Request{Method: "POST", Target: replay, Body: body}); got.ID != want {
			t.Errorf("POST %s (documented %q) answered by %+v, want %s", replay, docURL, got, want)
		}
	})
}

// FuzzTemplates routes fuzzed targets through the routing examples.
func FuzzTemplates(f *testing.F) {
	for _, s := range []string{"/v1.0/users/x", "/v1.0/me/drive/root:/a/b/c:/content", "/", "", "?", "/v1.0/users?$select=%", "//v1.0//"} {
		f.Add("GET", s)
	}
	m, _ := mock.New(routingPages())
	f.Fuzz(func(t *testing.T, method, target string) {
		got := m.Match(mock.Request{Method: method, Target: target})
		if got.Status == 0 {
			t.Errorf("%s %q: no status", method, target)
		}
	})
}

// TestLongPaths: templates that could backtrack (several placeholders spanning
// segments) do bounded work on long paths, and long paths still get an answer.
func TestLongPaths(t *testing.T) {
	m, _ := mock.New([]harness.Page{page("v1.0/api/long.md",
		ex{name: "spans", request: "GET /drive/root:/{a}:/x{b}:/{c}y{d}:/content"},
		ex{name: "inside", request: "GET /a/{b}x{c}x{d}x{e}"},
	)})
	long := strings.Repeat("x/", 100_000)
	for _, target := range []string{
		"/v1.0/drive/root:/" + long + ":/content",
		"/v1.0/drive/root:/" + strings.Repeat(":/x", 50_000) + "y:/content",
		"/v1.0/a/" + strings.Repeat("x", 200_000),
		"/v1.0/" + long,
	} {
		got := m.Match(mock.Request{Method: "GET", Target: target})
		if got.Status == 0 {
			t.Errorf("%.40s...: no status", target)
		}
	}
	if got := m.Match(mock.Request{Method: "GET", Target: "/v1.0/a/1x2x3x4"}); got.ID != "v1.0/api/long.md#inside" {
		t.Errorf("short path: %+v", got)
	}
}
