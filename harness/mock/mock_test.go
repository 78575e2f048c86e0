package mock_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/internal/docurl"
	"github.com/docconform/docconform/harness/mock"
)

// ex is an example as a test writes it: "METHOD URL", headers, a body, and the answer.
type ex struct {
	name    string
	line    int
	request string // "GET /users/{id}"
	headers []harness.Header
	body    string
	status  int
	answer  string                 // documented response body
	resp    []harness.Header       // documented response headers
	more    []harness.Response     // further documented responses
	extra   func(*harness.Example) // anything else
}

// page builds a page at rel (its file is "docs/"+rel) from examples.
func page(rel string, exs ...ex) harness.Page {
	p := harness.Page{File: "docs/" + rel, Rel: rel, Version: docurl.PageVersion(rel)}
	for i, e := range exs {
		method, url, _ := strings.Cut(e.request, " ")
		line := e.line
		if line == 0 {
			line = 10 * (i + 1)
		}
		status := e.status
		if status == 0 {
			status = 200
		}
		x := harness.Example{
			ID: rel + "#" + e.name, File: p.File, Name: e.name, BlockType: "request",
			Request: harness.Request{Line: line, Method: method, URL: url, Headers: e.headers, Body: e.body},
			Responses: append([]harness.Response{{
				Line: line + 5, Status: status, Headers: e.resp, Body: e.answer,
			}}, e.more...),
		}
		if e.extra != nil {
			e.extra(&x)
		}
		p.Examples = append(p.Examples, x)
	}
	return p
}

// routingPages are the examples the routing table is about.
func routingPages() []harness.Page {
	return []harness.Page{
		page("v1.0/api/user.md",
			ex{name: "get_user", request: "GET https://graph.microsoft.com/v1.0/users/{id | userPrincipalName}"},
			ex{name: "user_delta", request: "GET /users/delta"},
			ex{name: "get_concrete", request: "GET https://graph.microsoft.com/v1.0/users/48d31887-5fad-4d73-a9f5-3c356e68a038"},
			ex{name: "update_user", request: "PATCH https://graph.microsoft.com/v1.0/users/{id}", status: 204},
			ex{name: "get_manager", request: "GET /users/{userId}/manager"},
			ex{name: "list_users", request: "GET https://graph.microsoft.com/v1.0/users"},
			ex{name: "list_filter", request: "GET https://graph.microsoft.com/v1.0/users?$filter=startswith(displayName,'a')&$count=true"},
			ex{name: "list_select", request: "GET https://graph.microsoft.com/v1.0/users?$select=displayName"},
			ex{name: "create_a", request: "POST https://graph.microsoft.com/v1.0/users", body: `{"displayName": "A", "accountEnabled": true}`, status: 201},
			ex{name: "create_b", request: "POST https://graph.microsoft.com/v1.0/users", body: `{"displayName": "B", "passwordProfile": {"password": "x"}}`, status: 201},
		),
		page("v1.0/api/drive.md",
			ex{name: "by_path", request: "GET /me/drive/root:/{item-path}:/content"},
			ex{name: "by_fixed_path", request: "GET /me/drive/root:/FolderA/FileB.txt:/content"},
			ex{name: "upload", request: "PUT https://sn3302.up.1drv.com/up/fe6987415ace7X4e1eF866337", status: 202},
			ex{name: "site_by_path", request: "GET /sites/{hostname}:/{relative-path}"},
			ex{name: "cell", request: "GET https://graph.microsoft.com/v1.0/me/drive/items/{id}/workbook/worksheets/{id|name}/cell(row=<row>,column=<column>)"},
		),
		page("v1.0/api/reports.md",
			ex{name: "email_counts", request: "GET https://graph.microsoft.com/v1.0/reports/getEmailActivityCounts(period='{period_value}')"},
		),
		page("v1.0/api/message.md",
			ex{name: "get_message", request: "GET https://graph.microsoft.com/v1.0/me/messages/{id}"},
			ex{name: "get_message_text", request: "GET https://graph.microsoft.com/v1.0/me/messages/{id}",
				headers: []harness.Header{{Name: "Prefer", Value: `outlook.body-content-type="text"`}}},
		),
		page("v1.0/api/teams.md",
			ex{name: "beta_members", request: "GET https://graph.microsoft.com/beta/teams/{id}/channels/{id}/members"},
			ex{name: "upper_version", request: "GET https://graph.microsoft.com/V1.0/teams/{id}/members/{membership-id}"},
		),
	}
}

func newMock(t *testing.T, pages []harness.Page, opts ...mock.Option) *mock.Mock {
	t.Helper()
	m, diags := mock.New(pages, opts...)
	for _, d := range diags {
		t.Logf("%s", d)
	}
	return m
}

// replayTarget is what the replay stage requests for a documented URL on a v1.0 page.
func replayTarget(url string) string { return docurl.Parse(url).Target("v1.0") }

func TestRouting(t *testing.T) {
	m := newMock(t, routingPages())
	pfx := "v1.0/api/"
	tests := []struct {
		name    string
		method  string
		target  string
		headers []harness.Header
		body    string
		want    mock.Match
	}{
		// The replay stage's requests: placeholders sent as written, percent-encoded.
		{name: "placeholder as the replay stage sends it", method: "GET", target: replayTarget("https://graph.microsoft.com/v1.0/users/{id | userPrincipalName}"),
			want: mock.Match{ID: pfx + "user.md#get_user"}},
		{name: "placeholder name tells the replay's requests apart", method: "GET", target: "/v1.0/users/%7BuserId%7D/manager",
			want: mock.Match{ID: pfx + "user.md#get_manager"}},
		{name: "version from the page", method: "GET", target: replayTarget("/users/delta"),
			want: mock.Match{ID: pfx + "user.md#user_delta"}},
		// Concrete requests, as client authors send them.
		{name: "concrete value for a placeholder", method: "GET", target: "/v1.0/users/0b7d2a5c-1e3f-4a6b-8c9d-0e1f2a3b4c5d",
			want: mock.Match{ID: pfx + "user.md#get_user"}},
		{name: "documented concrete path beats a placeholder", method: "GET", target: "/v1.0/users/48d31887-5fad-4d73-a9f5-3c356e68a038",
			want: mock.Match{ID: pfx + "user.md#get_concrete"}},
		{name: "literal segment beats a placeholder", method: "GET", target: "/v1.0/users/delta",
			want: mock.Match{ID: pfx + "user.md#user_delta"}},
		{name: "literal segments in any case", method: "GET", target: "/v1.0/USERS/Delta",
			want: mock.Match{ID: pfx + "user.md#user_delta"}},
		{name: "version in any case", method: "GET", target: "/V1.0/users/delta",
			want: mock.Match{ID: pfx + "user.md#user_delta"}},
		{name: "no version reads as the default", method: "GET", target: "/users/delta",
			want: mock.Match{ID: pfx + "user.md#user_delta"}},
		{name: "trailing slash", method: "GET", target: "/v1.0/users/delta/",
			want: mock.Match{ID: pfx + "user.md#user_delta"}},
		{name: "placeholder inside a segment", method: "GET", target: "/v1.0/reports/getEmailActivityCounts(period='D7')",
			want: mock.Match{ID: pfx + "reports.md#email_counts"}},
		{name: "path addressing spans segments", method: "GET", target: "/v1.0/me/drive/root:/folder/sub/file.txt:/content",
			want: mock.Match{ID: pfx + "drive.md#by_path"}},
		{name: "path addressing, one segment", method: "GET", target: "/v1.0/me/drive/root:/file.txt:/content",
			want: mock.Match{ID: pfx + "drive.md#by_path"}},
		{name: "documented item path beats the template", method: "GET", target: "/v1.0/me/drive/root:/foldera/FileB.txt:/content",
			want: mock.Match{ID: pfx + "drive.md#by_fixed_path"}},
		{name: "site by host name and path", method: "GET", target: "/v1.0/sites/contoso.sharepoint.com:/teams/hr",
			want: mock.Match{ID: pfx + "drive.md#site_by_path"}},
		{name: "angle-bracket placeholders", method: "GET", target: "/v1.0/me/drive/items/01ABC/workbook/worksheets/Sheet1/cell(row=2,column=3)",
			want: mock.Match{ID: pfx + "drive.md#cell"}},
		{name: "angle-bracket placeholders as the replay stage sends them", method: "GET",
			target: replayTarget("https://graph.microsoft.com/v1.0/me/drive/items/{id}/workbook/worksheets/{id|name}/cell(row=<row>,column=<column>)"),
			want:   mock.Match{ID: pfx + "drive.md#cell"}},
		{name: "non-Graph host, as the replay stage sends it", method: "PUT", target: replayTarget("https://sn3302.up.1drv.com/up/fe6987415ace7X4e1eF866337"),
			want: mock.Match{ID: pfx + "drive.md#upload", Status: 202}},
		{name: "non-Graph host, its own path", method: "PUT", target: "/up/fe6987415ace7X4e1eF866337",
			want: mock.Match{ID: pfx + "drive.md#upload", Status: 202}},
		{name: "absolute URL", method: "PUT", target: "https://sn3302.up.1drv.com/up/fe6987415ace7X4e1eF866337",
			want: mock.Match{ID: pfx + "drive.md#upload", Status: 202}},
		{name: "the doc's own version", method: "GET", target: "/beta/teams/t1/channels/c1/members",
			want: mock.Match{ID: pfx + "teams.md#beta_members"}},
		{name: "an upper-case documented version", method: "GET", target: replayTarget("https://graph.microsoft.com/V1.0/teams/{id}/members/{membership-id}"),
			want: mock.Match{ID: pfx + "teams.md#upper_version"}},
		// Query.
		{name: "query tells examples apart", method: "GET", target: "/v1.0/users?$filter=startswith(displayName,'a')&$count=true",
			want: mock.Match{ID: pfx + "user.md#list_filter"}},
		{name: "query as the replay stage sends it", method: "GET", target: replayTarget("https://graph.microsoft.com/v1.0/users?$filter=startswith(displayName,'a')&$count=true"),
			want: mock.Match{ID: pfx + "user.md#list_filter"}},
		{name: "query in another order, form-encoded", method: "GET", target: "/v1.0/users?%24count=true&%24filter=startswith(displayName%2C+%27a%27)",
			want: mock.Match{ID: pfx + "user.md#list_filter"}},
		{name: "query names in any case, without $", method: "GET", target: "/v1.0/users?SELECT=displayName",
			want: mock.Match{ID: pfx + "user.md#list_select"}},
		{name: "same option, other value", method: "GET", target: "/v1.0/users?$select=id,mail",
			want: mock.Match{ID: pfx + "user.md#list_select"}},
		{name: "no query", method: "GET", target: "/v1.0/users",
			want: mock.Match{ID: pfx + "user.md#list_users"}},
		{name: "undocumented query option", method: "GET", target: "/v1.0/users?$top=5",
			want: mock.Match{ID: pfx + "user.md#list_users"}},
		// Body.
		{name: "body tells examples apart", method: "POST", target: "/v1.0/users", body: `{"displayName": "B", "passwordProfile": {"password": "x"}}`,
			want: mock.Match{ID: pfx + "user.md#create_b", Status: 201}},
		{name: "lenient body as documented", method: "POST", target: "/v1.0/users", body: "{'displayName': 'A', accountEnabled: true,}",
			want: mock.Match{ID: pfx + "user.md#create_a", Status: 201}},
		{name: "closest body", method: "POST", target: "/v1.0/users", body: `{"displayName": "C", "passwordProfile": {"password": "y"}, "mail": "c@x"}`,
			want: mock.Match{ID: pfx + "user.md#create_b", Status: 201}},
		{name: "no body: the first", method: "POST", target: "/v1.0/users",
			want: mock.Match{ID: pfx + "user.md#create_a", Status: 201}},
		// Headers.
		{name: "headers tell examples apart", method: "GET", target: "/v1.0/me/messages/AAMk=",
			headers: []harness.Header{{Name: "prefer", Value: `outlook.body-content-type="text"`}},
			want:    mock.Match{ID: pfx + "message.md#get_message_text"}},
		{name: "without the header", method: "GET", target: "/v1.0/me/messages/AAMk=",
			want: mock.Match{ID: pfx + "message.md#get_message"}},
		// Methods.
		{name: "HEAD falls back to GET", method: "HEAD", target: "/v1.0/users/delta",
			want: mock.Match{ID: pfx + "user.md#user_delta"}},
		{name: "method on a placeholder path", method: "PATCH", target: "/v1.0/users/abc",
			want: mock.Match{ID: pfx + "user.md#update_user", Status: 204}},
		{name: "wrong method", method: "DELETE", target: "/v1.0/users/abc",
			want: mock.Match{Status: 405, Allow: []string{"GET", "HEAD", "OPTIONS", "PATCH"}}},
		{name: "OPTIONS", method: "OPTIONS", target: "/v1.0/users/abc/manager",
			want: mock.Match{Status: 204, Allow: []string{"GET", "HEAD", "OPTIONS"}}},
		// Nothing.
		{name: "unknown path", method: "GET", target: "/v1.0/usres",
			want: mock.Match{Status: 404, Closest: "GET /v1.0/users", ClosestPos: harness.Pos{File: "docs/v1.0/api/user.md", Line: 60}}},
		{name: "another version", method: "GET", target: "/v1.0/teams/t1/channels/c1/members",
			want: mock.Match{Status: 404, Closest: "GET /beta/teams/{id}/channels/{id}/members", ClosestPos: harness.Pos{File: "docs/v1.0/api/teams.md", Line: 10}}},
		{name: "placeholder matches no empty segment", method: "GET", target: "/v1.0/users//manager",
			want: mock.Match{Status: 404, Closest: "GET /v1.0/users/{userId}/manager", ClosestPos: harness.Pos{File: "docs/v1.0/api/user.md", Line: 50}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := m.Match(mock.Request{Method: tt.method, Target: tt.target, Headers: tt.headers, Body: tt.body})
			want := tt.want
			if want.ID != "" {
				if want.Status == 0 {
					want.Status = 200
				}
				// Pos and Route are checked by TestMatchDetails.
				got.Pos, got.Route = harness.Pos{}, ""
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s %s: (-want +got)\n%s", tt.method, tt.target, diff)
			}
		})
	}
}

func TestMatchDetails(t *testing.T) {
	m := newMock(t, routingPages())
	got := m.Match(mock.Request{Method: "GET", Target: "/v1.0/users/abc"})
	want := mock.Match{
		ID: "v1.0/api/user.md#get_user", Pos: harness.Pos{File: "docs/v1.0/api/user.md", Line: 10},
		Route: "GET /v1.0/users/{id | userPrincipalName}", Status: 200,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestRoutes(t *testing.T) {
	m := newMock(t, []harness.Page{page("v1.0/api/a.md",
		ex{name: "get", request: "GET /users/{id}"},
		ex{name: "get_upn", request: "GET /users/{userPrincipalName}?$select=id"},
		ex{name: "patch", request: "PATCH /users/{id}", status: 204},
		ex{name: "beta", request: "GET https://graph.microsoft.com/beta/users/{id}"},
	)})
	want := []mock.Route{
		{Method: "GET", Path: "/v1.0/users/{id}", Examples: []string{"v1.0/api/a.md#get", "v1.0/api/a.md#get_upn"}, Pos: harness.Pos{File: "docs/v1.0/api/a.md", Line: 10}},
		{Method: "PATCH", Path: "/v1.0/users/{id}", Examples: []string{"v1.0/api/a.md#patch"}, Pos: harness.Pos{File: "docs/v1.0/api/a.md", Line: 30}},
		{Method: "GET", Path: "/beta/users/{id}", Examples: []string{"v1.0/api/a.md#beta"}, Pos: harness.Pos{File: "docs/v1.0/api/a.md", Line: 40}},
	}
	if diff := cmp.Diff(want, m.Routes()); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	if m.Examples() != 4 {
		t.Errorf("Examples() = %d, want 4", m.Examples())
	}
}

func TestDiagnostics(t *testing.T) {
	tests := []struct {
		name  string
		pages []harness.Page
		want  []string
	}{
		{
			name: "same request on two pages",
			pages: []harness.Page{
				page("v1.0/api/a.md", ex{name: "get_a", line: 12, request: "GET /deviceManagement"}),
				page("v1.0/api/b.md", ex{name: "get_b", line: 34, request: "GET https://graph.microsoft.com/v1.0/devicemanagement/"}),
			},
			want: []string{"docs/v1.0/api/b.md:34: warning: GET /v1.0/devicemanagement is documented the same way (method, path, query, body and headers) at docs/v1.0/api/a.md:12; requests go to that example unless they name this one in X-Docconform-Example [route-conflict]"},
		},
		{
			name: "same query in another order and case",
			pages: []harness.Page{page("v1.0/api/a.md",
				ex{name: "one", line: 12, request: "GET /users?$top=2&$select=id"},
				ex{name: "two", line: 40, request: "GET /users?select=ID&$TOP=2"},
			)},
			want: []string{"docs/v1.0/api/a.md:40: warning: GET /v1.0/users?select=ID&$TOP=2 is documented the same way (method, path, query, body and headers) at docs/v1.0/api/a.md:12; requests go to that example unless they name this one in X-Docconform-Example [route-conflict]"},
		},
		{
			name: "same body written differently",
			pages: []harness.Page{page("v1.0/api/a.md",
				ex{name: "one", line: 12, request: "POST /users", body: `{"a": 1}`},
				ex{name: "two", line: 40, request: "POST /users", body: "{\n  a: 1, // the same\n}"},
			)},
			want: []string{"docs/v1.0/api/a.md:40: warning: POST /v1.0/users is documented the same way (method, path, query, body and headers) at docs/v1.0/api/a.md:12; requests go to that example unless they name this one in X-Docconform-Example [route-conflict]"},
		},
		{
			name: "told apart by query, body, headers or placeholder names: no conflict",
			pages: []harness.Page{page("v1.0/api/a.md",
				ex{name: "one", request: "POST /users/{id}/x"},
				ex{name: "two", request: "POST /users/{id}/x?$a=1"},
				ex{name: "three", request: "POST /users/{id}/x", body: `{"a": 1}`},
				ex{name: "four", request: "POST /users/{id}/x", headers: []harness.Header{{Name: "Prefer", Value: "return=minimal"}}},
				ex{name: "five", request: "POST /users/{userId}/x"},
				ex{name: "six", request: "POST /users/{id}/x", headers: []harness.Header{{Name: "Authorization", Value: "Bearer x"}, {Name: "Content-Length", Value: "0"}}},
			)},
			want: []string{"docs/v1.0/api/a.md:60: warning: POST /v1.0/users/{id}/x is documented the same way (method, path, query, body and headers) at docs/v1.0/api/a.md:10; requests go to that example unless they name this one in X-Docconform-Example [route-conflict]"},
		},
		{
			name: "no response",
			pages: []harness.Page{page("v1.0/api/a.md", ex{name: "get", line: 7, request: "GET /me",
				extra: func(e *harness.Example) { e.Responses = nil }})},
			want: []string{"docs/v1.0/api/a.md:7: error: GET /v1.0/me has no documented response the mock can send; it is not served [mock-unroutable]"},
		},
		{
			name: "a status that cannot be sent, then one that can",
			pages: []harness.Page{page("v1.0/api/a.md", ex{name: "get", line: 7, request: "GET /me", status: 100,
				more: []harness.Response{{Line: 30, Status: 200}}})},
			want: []string{"docs/v1.0/api/a.md:12: warning: documented status 100 cannot be served [mock-answer]"},
		},
		{
			name:  "204 with a body",
			pages: []harness.Page{page("v1.0/api/a.md", ex{name: "patch", line: 7, request: "PATCH /me", status: 204, answer: `{"a": 1}`})},
			want:  []string{"docs/v1.0/api/a.md:12: note: a 204 answer has no body; the documented body is not sent [mock-answer]"},
		},
		{
			name: "header that cannot be sent",
			pages: []harness.Page{page("v1.0/api/a.md", ex{name: "get", line: 7, request: "GET /me",
				resp: []harness.Header{{Name: "Bad Header", Value: "x"}, {Name: "Location", Value: "/me"}}})},
			want: []string{`docs/v1.0/api/a.md:12: warning: header "Bad Header: x" cannot be sent; it is left out [mock-answer]`},
		},
		{
			name:  "bad method",
			pages: []harness.Page{page("v1.0/api/a.md", ex{name: "get", line: 7, request: "G(ET /me"})},
			want:  []string{`docs/v1.0/api/a.md:7: error: method "G(ET" cannot be served [mock-unroutable]`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := mock.New(tt.pages)
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

// TestConflictFirstWins: the first of two indistinguishable examples answers.
func TestConflictFirstWins(t *testing.T) {
	m := newMock(t, []harness.Page{
		page("v1.0/api/a.md", ex{name: "get_a", request: "GET /deviceManagement", answer: `{"from": "a"}`}),
		page("v1.0/api/b.md", ex{name: "get_b", request: "GET /deviceManagement", answer: `{"from": "b"}`}),
	})
	if got := m.Match(mock.Request{Method: "GET", Target: "/v1.0/deviceManagement"}).ID; got != "v1.0/api/a.md#get_a" {
		t.Errorf("answered by %q, want the first", got)
	}
	// A request that names the later example (as the replay stage does) gets it; naming an
	// example the request does not match changes nothing.
	named := func(id string) string {
		return m.Match(mock.Request{Method: "GET", Target: "/v1.0/deviceManagement", Headers: []harness.Header{{Name: harness.ExampleHeader, Value: id}}}).ID
	}
	if got := named("v1.0/api/b.md#get_b"); got != "v1.0/api/b.md#get_b" {
		t.Errorf("naming get_b: answered by %q", got)
	}
	if got := named("v1.0/api/user.md#get_user"); got != "v1.0/api/a.md#get_a" {
		t.Errorf("naming an example of another route: answered by %q", got)
	}
}

// get sends a request to the mock over loopback and returns the response and its body.
func get(t *testing.T, client *http.Client, method, url string, body string, hdr ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

func TestErrorAnswers(t *testing.T) {
	srv := httptest.NewServer(newMock(t, routingPages()))
	defer srv.Close()
	tests := []struct {
		name, method, target string
		status               int
		allow                string
		body                 string
	}{
		{"unknown route names the closest", "GET", "/v1.0/usres/abc", 404, "",
			`{"error":{"code":"ResourceNotFound","message":"No documented example answers GET /v1.0/usres/abc. The closest documented route is GET /v1.0/users/{id | userPrincipalName} (docs/v1.0/api/user.md:10)."}}`},
		{"wrong method", "DELETE", "/v1.0/users/abc/manager", 405, "GET, HEAD, OPTIONS",
			`{"error":{"code":"MethodNotAllowed","message":"DELETE is not documented for /v1.0/users/abc/manager; the documented methods are GET, HEAD, OPTIONS."}}`},
		{"OPTIONS", "OPTIONS", "/v1.0/users/abc", 204, "GET, HEAD, OPTIONS, PATCH", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := get(t, srv.Client(), tt.method, srv.URL+tt.target, "")
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if got := resp.Header.Get("Allow"); got != tt.allow {
				t.Errorf("Allow %q, want %q", got, tt.allow)
			}
			if body != tt.body {
				t.Errorf("body\n got %s\nwant %s", body, tt.body)
			}
			if tt.body != "" {
				if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
					t.Errorf("Content-Type %q", ct)
				}
				if cl := resp.Header.Get("Content-Length"); cl != fmt.Sprint(len(body)) {
					t.Errorf("Content-Length %s, body %d bytes", cl, len(body))
				}
			}
		})
	}
}
