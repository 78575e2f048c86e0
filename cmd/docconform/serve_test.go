package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/cassette"
)

// startServe runs "docconform serve ARGS" as main does, until the returned stop is
// called; it returns the base URL the command printed and its route-count line.
func startServe(t *testing.T, args ...string) (base, routes string, stop func() (code int, stderr string)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		err := run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), pw, &stderr)
		pw.Close()
		done <- exitCode(err, &stderr)
	}()
	sc := bufio.NewScanner(pr)
	addr := regexp.MustCompile(`^listening on (http://127\.0\.0\.1:\d+)$`)
	for sc.Scan() {
		line := sc.Text()
		if m := addr.FindStringSubmatch(line); m != nil {
			base = m[1]
			break
		}
		routes = line
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	stop = func() (int, string) {
		cancel()
		select {
		case code := <-done:
			return code, stderr.String()
		case <-time.After(30 * time.Second):
			t.Fatal("serve did not stop after its context was cancelled")
			return 0, ""
		}
	}
	if base == "" {
		code, errs := stop()
		t.Fatalf("serve printed no address; exit %d, stderr:\n%s", code, errs)
	}
	return base, routes, stop
}

// TestServeCommand serves the bundled fixtures on a loopback port, sends requests and
// stops the command by cancelling its context, as Ctrl-C does.
func TestServeCommand(t *testing.T) {
	fixtures := filepath.Join("..", "..", "fixtures", "docs")
	rec := t.TempDir()
	err := cassette.Write(rec, cassette.Page{Page: "v1.0/api/user-get.md", Exchanges: map[string]cassette.Exchange{
		"v1.0/api/user-get.md#get_user": {Status: 200, Headers: []harness.Header{{Name: "Content-Type", Value: "application/json"}}, Body: []byte(`{"recorded": true}`)},
	}})
	if err != nil {
		t.Fatal(err)
	}
	type check struct {
		method, path string
		status       int
		header       map[string]string
		body         string // a substring
	}
	tests := []struct {
		name   string
		args   []string
		checks []check
	}{
		{
			name: "documented answers",
			args: []string{fixtures},
			checks: []check{
				{"GET", "/v1.0/users/jdoe@contoso.com?$select=displayName,givenName,postalCode", 200,
					map[string]string{"X-Docconform-Example": "v1.0/api/user-get.md#get_user_select", "Content-Type": "application/json"}, `"displayName":"Priya Raman"`},
				{"DELETE", "/v1.0/groups/%7Bid%7D", 204, map[string]string{"X-Docconform-Example": "v1.0/api/group-delete.md#delete_group"}, ""},
				{"GET", "/v1.0/usres", 404, nil, `The closest documented route is GET /v1.0/users (../../fixtures/docs/v1.0/api/user-list.md:68).`},
				{"PUT", "/v1.0/users", 405, map[string]string{"Allow": "GET, HEAD, OPTIONS, POST"}, `"code":"MethodNotAllowed"`},
			},
		},
		{
			name: "cassette",
			args: []string{"--cassette", rec, "--example-header", "", fixtures},
			checks: []check{
				{"GET", "/v1.0/me", 200, map[string]string{"X-Docconform-Example": ""}, `{"recorded":true}`},
				{"GET", "/v1.0/groups", 200, nil, `"value"`},
			},
		},
		{
			name: "faults",
			args: []string{"--fault-rate", "1", "--fault", "429", "--retry-after", "3s", "--seed", "7", fixtures},
			checks: []check{
				{"GET", "/v1.0/me", 429, map[string]string{"Retry-After": "3"}, `"code":"TooManyRequests"`},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, routes, stop := startServe(t, tt.args...)
			if routes != "17 routes (19 examples from 20 pages)" {
				t.Errorf("route line %q", routes)
			}
			client := &http.Client{Transport: &http.Transport{}}
			for _, c := range tt.checks {
				req, _ := http.NewRequest(c.method, base+c.path, nil)
				resp, err := client.Do(req)
				if err != nil {
					t.Errorf("%s %s: %v", c.method, c.path, err)
					continue
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != c.status || !strings.Contains(string(b), c.body) {
					t.Errorf("%s %s: %d %s, want %d with %q", c.method, c.path, resp.StatusCode, b, c.status, c.body)
				}
				for k, v := range c.header {
					if got := resp.Header.Get(k); got != v {
						t.Errorf("%s %s: %s %q, want %q", c.method, c.path, k, got, v)
					}
				}
			}
			client.CloseIdleConnections()
			code, stderr := stop()
			if code != exitOK {
				t.Errorf("exit %d after cancel, want 0; stderr:\n%s", code, stderr)
			}
			if !strings.HasSuffix(stderr, "stopped\n") {
				t.Errorf("stderr does not end with stopped:\n%s", stderr)
			}
		})
	}
}

// TestServeBusyAddress: an address already in use is bad usage (exit 2).
func TestServeBusyAddress(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var stdout, stderr bytes.Buffer
	err = run(context.Background(), []string{"serve", "--addr", ln.Addr().String(), filepath.Join("..", "..", "fixtures", "docs")}, &stdout, &stderr)
	if code := exitCode(err, &stderr); code != exitUsage || !strings.Contains(stderr.String(), "address already in use") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr.String())
	}
	if strings.Contains(stdout.String(), "listening") {
		t.Errorf("stdout says it listens:\n%s", stdout.String())
	}
}
