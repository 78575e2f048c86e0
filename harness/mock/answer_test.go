package mock_test

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/cassette"
	"github.com/docconform/docconform/harness/mock"
)

func hdr(kv ...string) []harness.Header {
	var hs []harness.Header
	for i := 0; i+1 < len(kv); i += 2 {
		hs = append(hs, harness.Header{Name: kv[i], Value: kv[i+1]})
	}
	return hs
}

func answerPages() []harness.Page {
	return []harness.Page{page("v1.0/api/answers.md",
		ex{name: "lenient", request: "GET /lenient",
			resp:   hdr("Content-type", "application/json;odata.metadata=minimal", "Content-Length", "999"),
			answer: "{\n  // the user\n  'id': '{id}',\n  \"n\": 1.50,\n  \"list\": [1, 2, ...],\n}"},
		ex{name: "no_type", request: "GET /no-type", answer: `{"value": []}`},
		ex{name: "no_content", request: "PATCH /no-content", status: 204, resp: hdr("Content-Type", "application/json")},
		ex{name: "created", request: "POST /created", status: 201,
			resp:   hdr("Location", "https://graph.microsoft.com/v1.0/created/{id}", "Content-Type", "application/json", "Connection", "close", "Transfer-Encoding", "chunked"),
			answer: `{"id": "{id}"}`},
		ex{name: "placeholder_body", request: "GET /placeholder", resp: hdr("Content-Type", "application/json"), answer: `{"id": {id}}`},
		ex{name: "binary", request: "GET /content", resp: hdr("Content-Type", "application/octet-stream"), answer: "<first 1024 bytes of file>"},
		ex{name: "count", request: "GET /users/$count", resp: hdr("Content-Type", "text/plain"), answer: "893"},
		ex{name: "prose", request: "GET /prose", answer: "Binary data for the image"},
		ex{name: "redirect", request: "GET /redirect", status: 302, resp: hdr("Location", "https://b0mpua-by3301.files.1drv.com/y23vmag")},
	)}
}

func TestAnswers(t *testing.T) {
	m := newMock(t, answerPages(), mock.ExampleHeader("X-Docconform-Example"))
	srv := httptest.NewServer(m)
	defer srv.Close()
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	tests := []struct {
		name, method, target string
		status               int
		body                 string
		header               map[string]string // "" means absent
	}{
		{"lenient JSON becomes strict", "GET", "/v1.0/lenient", 200, `{"id":"{id}","n":1.50,"list":[1,2]}`,
			map[string]string{"Content-Type": "application/json;odata.metadata=minimal", "Content-Length": "35", "X-Docconform-Example": "v1.0/api/answers.md#lenient"}},
		{"JSON without a content type", "GET", "/v1.0/no-type", 200, `{"value":[]}`,
			map[string]string{"Content-Type": "application/json", "Content-Length": "12"}},
		{"204 has no body", "PATCH", "/v1.0/no-content", 204, "",
			map[string]string{"Content-Length": "", "Content-Type": "application/json"}},
		{"documented headers, hop-by-hop ones left out", "POST", "/v1.0/created", 201, `{"id":"{id}"}`,
			map[string]string{"Location": "https://graph.microsoft.com/v1.0/created/{id}", "Connection": "", "Transfer-Encoding": "", "Content-Length": "13"}},
		{"placeholders in a body left as written", "GET", "/v1.0/placeholder", 200, `{"id": {id}}`,
			map[string]string{"Content-Type": "application/json", "Content-Length": "12"}},
		{"non-JSON body as written", "GET", "/v1.0/content", 200, "<first 1024 bytes of file>",
			map[string]string{"Content-Type": "application/octet-stream", "Content-Length": "26"}},
		{"text body as written", "GET", "/v1.0/users/$count", 200, "893",
			map[string]string{"Content-Type": "text/plain", "Content-Length": "3"}},
		{"prose body is text", "GET", "/v1.0/prose", 200, "Binary data for the image",
			map[string]string{"Content-Type": "text/plain; charset=utf-8"}},
		{"redirect with no body", "GET", "/v1.0/redirect", 302, "",
			map[string]string{"Location": "https://b0mpua-by3301.files.1drv.com/y23vmag", "Content-Length": "0"}},
		{"HEAD: the GET answer's headers, no body", "HEAD", "/v1.0/lenient", 200, "",
			map[string]string{"Content-Length": "35", "X-Docconform-Example": "v1.0/api/answers.md#lenient"}},
		{"no example header on errors", "GET", "/v1.0/nothing", 404, "",
			map[string]string{"X-Docconform-Example": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := get(t, client, tt.method, srv.URL+tt.target, "")
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if tt.status != 404 && body != tt.body {
				t.Errorf("body\n got %q\nwant %q", body, tt.body)
			}
			for k, want := range tt.header {
				if got := resp.Header.Get(k); got != want {
					t.Errorf("%s: %q, want %q", k, got, want)
				}
			}
		})
	}
}

func TestCassette(t *testing.T) {
	dir := t.TempDir()
	err := cassette.Write(dir, cassette.Page{
		Page: "v1.0/api/answers.md",
		Exchanges: map[string]cassette.Exchange{
			"v1.0/api/answers.md#lenient": {Status: 200, Headers: hdr("Content-Type", "application/json", "Content-Length", "1", "Set-Cookie", "x"),
				Body: []byte("{\n  \"id\": \"48d31887\",\n  \"recorded\": true\n}")},
			"v1.0/api/answers.md#no_content": {Status: 404, Headers: hdr("Content-Type", "text/plain"), BodyText: "gone"},
			// A service that sent no Content-Type, on a day long gone.
			"v1.0/api/answers.md#prose":   {Status: 200, Headers: hdr("Date", "Fri, 27 Nov 2026 02:14:09 GMT"), Body: []byte(`{"a": 1}`)},
			"v1.0/api/other.md#elsewhere": {Status: 500},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := cassette.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := newMock(t, answerPages(), mock.Cassette(rec))
	if got := m.Match(mock.Request{Method: "GET", Target: "/v1.0/lenient"}); !got.Recorded || got.Status != 200 {
		t.Errorf("Match: %+v, want recorded 200", got)
	}
	if got := m.Match(mock.Request{Method: "GET", Target: "/v1.0/no-type"}); got.Recorded {
		t.Errorf("Match: %+v, want documented", got)
	}
	srv := httptest.NewServer(m)
	defer srv.Close()
	tests := []struct {
		name, method, target string
		status               int
		body, ctype          string
	}{
		{"recorded JSON, compacted", "GET", "/v1.0/lenient", 200, `{"id":"48d31887","recorded":true}`, "application/json"},
		{"recorded status and text", "PATCH", "/v1.0/no-content", 404, "gone", "text/plain"},
		{"not recorded: documented", "GET", "/v1.0/no-type", 200, `{"value":[]}`, "application/json"},
		{"recorded without a content type: none", "GET", "/v1.0/prose", 200, `{"a":1}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := get(t, srv.Client(), tt.method, srv.URL+tt.target, "")
			if resp.StatusCode != tt.status || body != tt.body || resp.Header.Get("Content-Type") != tt.ctype {
				t.Errorf("got %d %q %q, want %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), body, tt.status, tt.ctype, tt.body)
			}
			if cl := resp.Header.Get("Content-Length"); cl != strconv.Itoa(len(body)) {
				t.Errorf("Content-Length %s for %d bytes", cl, len(body))
			}
			if d := resp.Header.Get("Date"); strings.Contains(d, "27 Nov 2026") {
				t.Errorf("the recorded Date was replayed: %s", d)
			}
		})
	}
}

// TestFixtures serves the bundled fixture pages, as extract reads them, and checks a
// documented answer end to end.
func TestFixtures(t *testing.T) {
	pages := readPages(t, filepath.Join("..", "..", "fixtures", "docs"))
	m, diags := mock.New(pages, mock.ExampleHeader("X-Docconform-Example"))
	for _, d := range diags {
		t.Errorf("unexpected diagnostic: %s", d)
	}
	srv := httptest.NewServer(m)
	defer srv.Close()
	// user-update.md documents Content-Length: 999 on its request; the answer is a 204.
	resp, body := get(t, srv.Client(), "PATCH", srv.URL+"/v1.0/users/6d18f0b2-7a4e-4c93-bd51-0e8f2a7c3d69", `{"officeLocation": "18/2111"}`, "Content-Type", "application/json")
	if resp.StatusCode != 204 || body != "" || resp.Header.Get("X-Docconform-Example") != "v1.0/api/user-update.md#update_user_officelocation" {
		t.Errorf("PATCH user: %d %q %v", resp.StatusCode, body, resp.Header)
	}
	resp, body = get(t, srv.Client(), "GET", srv.URL+"/v1.0/users/jdoe@contoso.com?$select=displayName,givenName,postalCode", "")
	if resp.StatusCode != 200 || resp.Header.Get("X-Docconform-Example") != "v1.0/api/user-get.md#get_user_select" || body[0] != '{' {
		t.Errorf("GET user: %d %q %v", resp.StatusCode, body, resp.Header)
	}
}
