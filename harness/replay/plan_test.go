package replay

import (
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/internal/docurl"
)

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

func ex(method, u string, headers []harness.Header, body string) harness.Example {
	return harness.Example{ID: "api/x.md#x", File: "docs/api/x.md", Request: harness.Request{Line: 3, Method: method, URL: u, Headers: headers, Body: body}}
}

func TestPlanURL(t *testing.T) {
	real := Target{Base: mustURL("https://staging.example.com/graph"), Version: "v1.0"}
	mock := Target{Base: mustURL("http://127.0.0.1:4010"), Mock: true, Version: "v1.0"}
	vars := MapVars(map[string]string{"id": "48d3", "group-id": "g 1", "userPrincipalName": "ada@x.com",
		"guest": "alice_contoso.com#EXT#@t.onmicrosoft.com", "empty": "", "q": "a&b=c+d#e"})
	tests := []struct {
		name, page, url string
		t               Target
		want, skip      string
	}{
		{"absolute", "v1.0/api/x.md", "https://graph.microsoft.com/v1.0/me", real, "https://staging.example.com/graph/v1.0/me", ""},
		{"no host", "v1.0/api/x.md", "/me/drive/root/search(q='Contoso Project')", real, "https://staging.example.com/graph/v1.0/me/drive/root/search(q='Contoso%20Project')", ""},
		{"no version: the page's folder", "beta/api/x.md", "https://graph.microsoft.com/me", real, "https://staging.example.com/graph/beta/me", ""},
		{"no version: --api-version", "api/x.md", "/me", real, "https://staging.example.com/graph/v1.0/me", ""},
		{"the doc's version wins", "v1.0/api/x.md", "https://graph.microsoft.com/beta/me", real, "https://staging.example.com/graph/beta/me", ""},
		{"OData spaces and quotes", "v1.0/api/x.md", `https://graph.microsoft.com/v1.0/users?$filter=startswith(displayName, 'A')&$search="a b"`, real,
			"https://staging.example.com/graph/v1.0/users?$filter=startswith(displayName,%20'A')&$search=%22a%20b%22", ""},
		{"URL in a query value", "v1.0/api/x.md", "https://graph.microsoft.com/v1.0/groups/{id}/members/$ref?$id=https://graph.microsoft.com/v1.0/directoryObjects/{id}", real,
			"https://staging.example.com/graph/v1.0/groups/48d3/members/$ref?$id=https://graph.microsoft.com/v1.0/directoryObjects/48d3", ""},
		{"alternatives and hyphens", "v1.0/api/x.md", "https://graph.microsoft.com/v1.0/users/{id | userPrincipalName}/groups/{group-id}", real,
			"https://staging.example.com/graph/v1.0/users/48d3/groups/g%201", ""},
		{"second alternative", "v1.0/api/x.md", "https://graph.microsoft.com/v1.0/users/{userId | userPrincipalName}", real,
			"https://staging.example.com/graph/v1.0/users/ada@x.com", ""},
		{"a guest's # in the path", "v1.0/api/x.md", "https://graph.microsoft.com/v1.0/users/{guest}", real,
			"https://staging.example.com/graph/v1.0/users/alice_contoso.com%23EXT%23@t.onmicrosoft.com", ""},
		{"a value's & in the query", "v1.0/api/x.md", "https://graph.microsoft.com/v1.0/users?$search={q}&$top=1", real,
			"https://staging.example.com/graph/v1.0/users?$search=a%26b=c%2Bd%23e&$top=1", ""},
		{"an empty value is none", "v1.0/api/x.md", "https://graph.microsoft.com/v1.0/users/{empty | userPrincipalName}", real,
			"https://staging.example.com/graph/v1.0/users/ada@x.com", ""},
		{"only an empty value", "v1.0/api/x.md", "https://graph.microsoft.com/v1.0/groups/{empty}", real,
			"https://staging.example.com/graph/v1.0/groups/%7Bempty%7D", "placeholder {empty} has no value: set it with --var empty=..."},
		{"unfilled", "v1.0/api/x.md", "https://graph.microsoft.com/v1.0/sites/{site-id}/lists/{list-id}", real,
			"https://staging.example.com/graph/v1.0/sites/%7Bsite-id%7D/lists/%7Blist-id%7D", "placeholder {site-id} has no value (and 1 more): set it with --var site-id=..."},
		{"unfilled, mock", "v1.0/api/x.md", "https://graph.microsoft.com/v1.0/sites/{site-id}", mock, "http://127.0.0.1:4010/v1.0/sites/%7Bsite-id%7D", ""},
		{"backslash", "seed/x.md", `https://graph.microsoft.com/docs\api/deviceManagement`, real, "https://staging.example.com/graph/v1.0/docs/api/deviceManagement", ""},
		{"other host", "v1.0/api/x.md", "https://sn3302.up.1drv.com/up/fe6987415ace7X4e1eF866337", real, "https://sn3302.up.1drv.com/up/fe6987415ace7X4e1eF866337", "the documented URL targets sn3302.up.1drv.com, not the API"},
		{"other host, mock", "v1.0/api/x.md", "https://sn3302.up.1drv.com/up/fe6987415ace7X4e1eF866337", mock, "http://127.0.0.1:4010/v1.0/up/fe6987415ace7X4e1eF866337", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Plan(ex("GET", tt.url, nil, ""), docurl.PageVersion(tt.page), vars, tt.t)
			if c.URL != tt.want || c.Skip != tt.skip {
				t.Errorf("Plan(%q) = %q (skip %q), want %q (skip %q)", tt.url, c.URL, c.Skip, tt.want, tt.skip)
			}
			if _, err := url.Parse(c.URL); err != nil {
				t.Errorf("planned URL does not parse: %v", err)
			}
		})
	}
}

func TestPlanWrites(t *testing.T) {
	real := Target{Base: mustURL("https://staging.example.com"), Version: "v1.0"}
	for _, m := range []string{"POST", "PATCH", "PUT", "DELETE"} {
		if c := Plan(ex(m, "/me", nil, ""), "", nil, real); c.Skip != m+" writes: not sent without --allow-writes" {
			t.Errorf("%s against a real endpoint: skip = %q", m, c.Skip)
		}
		allowed := real
		allowed.AllowWrites = true
		if c := Plan(ex(m, "/me", nil, ""), "", nil, allowed); c.Skip != "" {
			t.Errorf("%s with --allow-writes: skip = %q", m, c.Skip)
		}
		if c := Plan(ex(m, "/me", nil, ""), "", nil, Target{Base: real.Base, Mock: true}); c.Skip != "" {
			t.Errorf("%s against the mock: skip = %q", m, c.Skip)
		}
	}
	for _, m := range []string{"GET", "HEAD", "OPTIONS"} {
		if c := Plan(ex(m, "/me", nil, ""), "", nil, real); c.Skip != "" {
			t.Errorf("%s: skip = %q", m, c.Skip)
		}
	}
}

func TestPlanHeadersAndBody(t *testing.T) {
	headers := []harness.Header{
		{Name: "Content-type", Value: "application/json"}, {Name: "Content-Length", Value: "999"},
		{Name: "Host", Value: "graph.microsoft.com"}, {Name: "Authorization", Value: "Bearer {token}"},
		{Name: "ConsistencyLevel", Value: "eventual"}, {Name: "If-Match", Value: "{etag}"}, {Name: "Prefer", Value: "odata.maxpagesize=2"},
	}
	body := "{\n  // the group\n  'displayName': 'Library',\n  \"members@odata.bind\": [\"https://graph.microsoft.com/v1.0/users/{user-id}\",],\n}"
	c := Plan(ex("POST", "/groups", headers, body), "", MapVars(map[string]string{"user-id": "u1", "etag": `W/"1"`}),
		Target{Base: mustURL("http://h"), AllowWrites: true})
	want := []harness.Header{{Name: "Content-type", Value: "application/json"}, {Name: "ConsistencyLevel", Value: "eventual"},
		{Name: "If-Match", Value: `W/"1"`}, {Name: "Prefer", Value: "odata.maxpagesize=2"}}
	if diff := cmp.Diff(want, c.Headers); diff != "" {
		t.Errorf("headers: Content-Length, Host and Authorization are never sent as documented (-want +got):\n%s", diff)
	}
	if c.Body != `{"displayName":"Library","members@odata.bind":["https://graph.microsoft.com/v1.0/users/u1"]}` {
		t.Errorf("a lenient JSON body is sent as strict JSON with placeholders filled; got %s", c.Body)
	}
	for _, b := range []string{"--boundary\nContent-Type: text/html\n\n<p>hi</p>", "Binary data for the image", `{"strict": true}`} {
		if c := Plan(ex("PUT", "/x", nil, b), "", nil, Target{Mock: true}); c.Body != b {
			t.Errorf("body %q sent as %q; non-JSON and strict bodies go as written", b, c.Body)
		}
	}
	if c := Plan(ex("GET", "/x", nil, ""), "", nil, Target{}); !strings.HasPrefix(c.URL, "/") || c.Headers == nil {
		t.Errorf("a target without base: %+v", c)
	}
}
