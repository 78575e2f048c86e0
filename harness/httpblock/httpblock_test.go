package httpblock

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/docconform/docconform/harness"
)

func h(name, value string) harness.Header { return harness.Header{Name: name, Value: value} }

func TestParseRequest(t *testing.T) {
	tests := []struct {
		name, why string
		text      string
		want      harness.Request
		concrete  bool
		more      []int
		codes     []string // diagnostic codes, in order
	}{
		{
			name: "plain", why: "the common shape: request line, headers, blank, JSON body",
			text: "POST https://graph.microsoft.com/v1.0/users\nContent-type: application/json\n\n{\n  \"a\": 1\n}\n",
			want: harness.Request{Line: 10, Method: "POST", URL: "https://graph.microsoft.com/v1.0/users",
				Headers: []harness.Header{h("Content-type", "application/json")}, Body: "{\n  \"a\": 1\n}", BodyLine: 13},
			concrete: true,
		},
		{
			name: "no host", why: "83 v1.0 requests have no host (driveitem-search.md:60), with a space in an OData argument",
			text:     "GET /me/drive/root/search(q='Contoso Project')",
			want:     harness.Request{Line: 10, Method: "GET", URL: "/me/drive/root/search(q='Contoso Project')", Headers: []harness.Header{}},
			concrete: true,
		},
		{
			name: "spaces quotes proto", why: "two spaces after the method, raw spaces and quotes in the query, a trailing HTTP/1.1",
			text:     "GET  https://graph.microsoft.com/v1.0/users?$filter=startswith(displayName, 'A') HTTP/1.1",
			want:     harness.Request{Line: 10, Method: "GET", URL: "https://graph.microsoft.com/v1.0/users?$filter=startswith(displayName, 'A')", Proto: "HTTP/1.1", Headers: []harness.Header{}},
			concrete: true,
		},
		{
			name: "placeholder alternatives", why: "user-get.md:79: {id | userPrincipalName} has spaces; the URL is never split on whitespace",
			text:     "GET https://graph.microsoft.com/v1.0/users/{id | userPrincipalName}",
			want:     harness.Request{Line: 10, Method: "GET", URL: "https://graph.microsoft.com/v1.0/users/{id | userPrincipalName}", Headers: []harness.Header{}},
			concrete: true,
		},
		{
			name: "leading blank lines and CRLF", why: "blank lines before the request line are skipped; CRLF line ends are stripped",
			text: "\r\n\r\nGET https://graph.microsoft.com/v1.0/me\r\nAccept:application/json\r\n",
			want: harness.Request{Line: 12, Method: "GET", URL: "https://graph.microsoft.com/v1.0/me",
				Headers: []harness.Header{h("Accept", "application/json")}},
			concrete: true,
		},
		{
			name: "header after blank line", why: "event-delta.md:91-93 and the Intune generator: request line, blank, headers, blank, body",
			text: "POST https://graph.microsoft.com/v1.0/x/assign\n\nContent-type: application/json\n\n{}",
			want: harness.Request{Line: 10, Method: "POST", URL: "https://graph.microsoft.com/v1.0/x/assign",
				Headers: []harness.Header{h("Content-type", "application/json")}, Body: "{}", BodyLine: 14},
			concrete: true, codes: []string{"header-after-blank-line"},
		},
		{
			name: "two request lines", why: "user-list-agreementacceptances.md:53,55: the second GET after a blank line is not a body",
			text:     "GET https://graph.microsoft.com/v1.0/me/a\n\nGET https://graph.microsoft.com/v1.0/users/{id}/a\n",
			want:     harness.Request{Line: 10, Method: "GET", URL: "https://graph.microsoft.com/v1.0/me/a", Headers: []harness.Header{}},
			concrete: true, more: []int{12},
		},
		{
			name: "two requests with headers", why: "the second request's headers are its own, not the first one's body",
			text:     "GET https://graph.microsoft.com/v1.0/users?$count=true\nConsistencyLevel: eventual\n\nGET https://graph.microsoft.com/v1.0/users/$count\nConsistencyLevel: eventual\n",
			want:     harness.Request{Line: 10, Method: "GET", URL: "https://graph.microsoft.com/v1.0/users?$count=true", Headers: []harness.Header{h("ConsistencyLevel", "eventual")}},
			concrete: true, more: []int{13},
		},
		{
			name: "two requests with bodies", why: "a request line after a blank line ends the body before it",
			text: "POST https://graph.microsoft.com/v1.0/a\nContent-Type: application/json\n\n{\"a\": 1}\n\nPOST https://graph.microsoft.com/v1.0/b\nContent-Type: application/json\n\n{\"b\": 2}\n",
			want: harness.Request{Line: 10, Method: "POST", URL: "https://graph.microsoft.com/v1.0/a",
				Headers: []harness.Header{h("Content-Type", "application/json")}, Body: `{"a": 1}`, BodyLine: 13},
			concrete: true, more: []int{15},
		},
		{
			name: "two requests, the second with a body", why: "the POST's body after its own headers is not the GET's",
			text:     "GET https://graph.microsoft.com/v1.0/me\nPrefer: x\n\nPOST https://graph.microsoft.com/v1.0/users\nContent-Type: application/json\n\n{\"displayName\": \"a\"}\n",
			want:     harness.Request{Line: 10, Method: "GET", URL: "https://graph.microsoft.com/v1.0/me", Headers: []harness.Header{h("Prefer", "x")}},
			concrete: true, more: []int{13},
		},
		{
			name: "multipart batch", why: "a multipart body holds request lines of its own",
			text: "POST https://example.com/$batch\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\nGET /users HTTP/1.1\n\n--b--\n",
			want: harness.Request{Line: 10, Method: "POST", URL: "https://example.com/$batch",
				Headers: []harness.Header{h("Content-Type", "multipart/mixed; boundary=b")}, Body: "--b\n\nGET /users HTTP/1.1\n\n--b--", BodyLine: 13},
			concrete: true,
		},
		{
			name: "template lines", why: "syntax templates list several request lines back to back",
			text:     "GET /me/events\nGET /users/{id}/events\nGET /groups/{id}/events",
			want:     harness.Request{Line: 10, Method: "GET", URL: "/me/events", Headers: []harness.Header{}},
			concrete: true, more: []int{11, 12},
		},
		{
			name: "no blank before body", why: "workbook-createsession.md:126: the JSON body follows the headers directly",
			text: "POST https://graph.microsoft.com/v1.0/x\nPrefer: respond-async\n{\n}",
			want: harness.Request{Line: 10, Method: "POST", URL: "https://graph.microsoft.com/v1.0/x",
				Headers: []harness.Header{h("Prefer", "respond-async")}, Body: "{\n}", BodyLine: 12},
			concrete: true, codes: []string{"no-blank-before-body"},
		},
		{
			name: "placeholder body", why: "teamsapp-publish.md:83: a body that looks like a JSON array but is a placeholder is kept as text",
			text: "POST https://graph.microsoft.com/v1.0/appCatalogs/teamsApps\nContent-type: application/zip\n\n[Zip file containing a Teams app package]\n\n",
			want: harness.Request{Line: 10, Method: "POST", URL: "https://graph.microsoft.com/v1.0/appCatalogs/teamsApps",
				Headers: []harness.Header{h("Content-type", "application/zip")}, Body: "[Zip file containing a Teams app package]", BodyLine: 13},
			concrete: true,
		},
		{
			name: "content-length mismatch", why: "a documented Content-Length is data, never trusted: a stale one is a warning",
			text: "POST https://graph.microsoft.com/v1.0/x\nContent-Length: 99\n\n{}",
			want: harness.Request{Line: 10, Method: "POST", URL: "https://graph.microsoft.com/v1.0/x",
				Headers: []harness.Header{h("Content-Length", "99")}, Body: "{}", BodyLine: 13},
			concrete: true, codes: []string{"content-length-mismatch"},
		},
		{
			name: "content-length counts CRLF", why: "the seed page: 173 = 168 bytes + 5 line ends; a note, not a warning",
			text: "POST https://graph.microsoft.com/v1.0/x\nContent-Length: 4\n\n{\n}\n",
			want: harness.Request{Line: 10, Method: "POST", URL: "https://graph.microsoft.com/v1.0/x",
				Headers: []harness.Header{h("Content-Length", "4")}, Body: "{\n}", BodyLine: 13},
			concrete: true, codes: []string{"content-length-crlf"},
		},
		{
			name: "content-length right", why: "a length that matches the body as written says nothing",
			text: "POST https://graph.microsoft.com/v1.0/x\ncontent-length: 3\n\n{\n}",
			want: harness.Request{Line: 10, Method: "POST", URL: "https://graph.microsoft.com/v1.0/x",
				Headers: []harness.Header{h("content-length", "3")}, Body: "{\n}", BodyLine: 13},
			concrete: true,
		},
		{
			name: "backslash", why: "the seed page's URL has docs\\api",
			text:     `POST https://graph.microsoft.com/docs\api/deviceManagement`,
			want:     harness.Request{Line: 10, Method: "POST", URL: `https://graph.microsoft.com/docs\api/deviceManagement`, Headers: []harness.Header{}},
			concrete: true, codes: []string{"url-backslash"},
		},
		{
			name: "not concrete", why: "a target with neither a host nor a leading slash cannot be sent as written",
			text: "POST {notificationUrl}\n",
			want: harness.Request{Line: 10, Method: "POST", URL: "{notificationUrl}", Headers: []harness.Header{}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := Parse([]byte(tt.text), 10)
			if b.Kind != RequestKind {
				t.Fatalf("Kind = %v, want request (%s)", b.Kind, tt.why)
			}
			if diff := cmp.Diff(tt.want, b.Request); diff != "" {
				t.Errorf("%s\nrequest (-want +got):\n%s", tt.why, diff)
			}
			if b.Concrete != tt.concrete {
				t.Errorf("Concrete = %v, want %v (%s)", b.Concrete, tt.concrete, tt.why)
			}
			if diff := cmp.Diff(tt.more, b.More, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("More (-want +got):\n%s", diff)
			}
			var codes []string
			for _, d := range b.Diagnostics {
				codes = append(codes, d.Code)
				if d.Line < 10 {
					t.Errorf("diagnostic %v has a line before the block", d)
				}
			}
			if diff := cmp.Diff(tt.codes, codes, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s\ndiagnostics (-want +got):\n%s\n%v", tt.why, diff, b.Diagnostics)
			}
		})
	}
}

func TestParseResponse(t *testing.T) {
	tests := []struct {
		name, why string
		text      string
		want      harness.Response
		codes     []string
	}{
		{
			name: "plain", why: "status line, headers, blank, body",
			text: "HTTP/1.1 200 OK\nContent-type: application/json\n\n{\"value\": []}\n",
			want: harness.Response{Line: 1, Status: 200, Reason: "OK", Proto: "HTTP/1.1",
				Headers: []harness.Header{h("Content-type", "application/json")}, Body: `{"value": []}`, BodyLine: 4},
		},
		{
			name: "no version", why: "event-post-attachments.md:124: HTTP 201 Created",
			text: "HTTP 201 Created",
			want: harness.Response{Line: 1, Status: 201, Reason: "Created", Proto: "HTTP", Headers: []harness.Header{}},
		},
		{
			name: "no reason", why: "a beta page: HTTP/1.1 204 with no reason phrase",
			text: "HTTP/1.1 204",
			want: harness.Response{Line: 1, Status: 204, Proto: "HTTP/1.1", Headers: []harness.Header{}},
		},
		{
			name: "wrong reason", why: "channel-list-tabs.md:99: 200 Success; key on the code, never the reason",
			text: "HTTP/1.1 200 Success",
			want: harness.Response{Line: 1, Status: 200, Reason: "Success", Proto: "HTTP/1.1", Headers: []harness.Header{}},
		},
		{
			name: "uppercase reason", why: "organizationalbrandingproperties-get.md:148: 404 NOT FOUND with no body",
			text: "HTTP/1.1 404 NOT FOUND\n",
			want: harness.Response{Line: 1, Status: 404, Reason: "NOT FOUND", Proto: "HTTP/1.1", Headers: []harness.Header{}},
		},
		{
			name: "HTTP/2", why: "a version without a minor number",
			text: "HTTP/2 200",
			want: harness.Response{Line: 1, Status: 200, Proto: "HTTP/2", Headers: []harness.Header{}},
		},
		{
			name: "multi-status without blank", why: "site-follow.md:139-141: 207 with the body straight after the headers",
			text: "HTTP/1.1 207 Multi-Status\nContent-type: application/json\n{\n  \"value\": []\n}",
			want: harness.Response{Line: 1, Status: 207, Reason: "Multi-Status", Proto: "HTTP/1.1",
				Headers: []harness.Header{h("Content-type", "application/json")}, Body: "{\n  \"value\": []\n}", BodyLine: 3},
			codes: []string{"no-blank-before-body"},
		},
		{
			name: "text body", why: "application-list.md:141-145: a $count answer as text/plain",
			text: "HTTP/1.1 200 OK\nContent-type: text/plain\n\n893",
			want: harness.Response{Line: 1, Status: 200, Reason: "OK", Proto: "HTTP/1.1",
				Headers: []harness.Header{h("Content-type", "text/plain")}, Body: "893", BodyLine: 4},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := Parse([]byte(tt.text), 1)
			if b.Kind != ResponseKind {
				t.Fatalf("Kind = %v, want response (%s)", b.Kind, tt.why)
			}
			if diff := cmp.Diff(tt.want, b.Response); diff != "" {
				t.Errorf("%s\nresponse (-want +got):\n%s", tt.why, diff)
			}
			var codes []string
			for _, d := range b.Diagnostics {
				codes = append(codes, d.Code)
			}
			if diff := cmp.Diff(tt.codes, codes, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s\ndiagnostics (-want +got):\n%s", tt.why, diff)
			}
		})
	}
}

func TestParseOther(t *testing.T) {
	for _, text := range []string{
		"",
		"\n\n",
		`{ "value": [] }`,
		"get https://graph.microsoft.com/v1.0/me",   // methods are upper case
		"FETCH https://graph.microsoft.com/v1.0/me", // not an HTTP method docs use
		"GET",                                 // no target
		"GETS /me",                            // not a method
		"HTTP/1.1 OK",                         // no status code
		"HTTP/1.1 2000 OK",                    // four digits
		"HTTPS/1.1 200 OK",                    // not a status line
		"https://graph.microsoft.com/v1.0/me", // a bare URL
		"var user = await graphClient.Me.Request().GetAsync();", // SDK code
		"// GET https://graph.microsoft.com/v1.0/me",            // commented
	} {
		if b := Parse([]byte(text), 1); b.Kind != Other {
			t.Errorf("Parse(%q).Kind = %v, want other", text, b.Kind)
		}
	}
}

func TestIsRequestLine(t *testing.T) {
	for line, want := range map[string]bool{
		"GET /me":                 true,
		"  DELETE https://x/y":    true,
		"PATCH\t/me":              true,
		"POST":                    false,
		"Post /me":                false,
		"Content-Type: text/html": false,
	} {
		if got := IsRequestLine([]byte(line)); got != want {
			t.Errorf("IsRequestLine(%q) = %v, want %v", line, got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"GET https://graph.microsoft.com/v1.0/me\nAccept: application/json\n\n",
		"POST /x\n\nContent-Type: a\n\n{}",
		"GET /a\n\nGET /b\n\nGET /c",
		"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}",
		"HTTP 201\nContent-Length: x\n{",
		"HTTP/1.1 207 Multi-Status\nA: b\n{\n}",
		"\n\n\nPUT {url} HTTP/1.1\n",
		"HTTP/",
		"GET \t",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		b := Parse(text, 7)
		switch b.Kind {
		case RequestKind:
			r := b.Request
			if r.Method == "" || r.URL == "" || r.Line < 7 || strings.Contains(r.URL, "\n") {
				t.Fatalf("bad request %+v from %q", r, text)
			}
			if r.Body != "" && r.BodyLine <= r.Line {
				t.Fatalf("body line %d not after request line %d", r.BodyLine, r.Line)
			}
		case ResponseKind:
			r := b.Response
			if r.Status < 0 || r.Status > 999 || r.Line < 7 {
				t.Fatalf("bad response %+v from %q", r, text)
			}
		}
		for _, d := range b.Diagnostics {
			if d.Line < 7 || d.Code == "" || d.Message == "" {
				t.Fatalf("bad diagnostic %+v", d)
			}
		}
	})
}
