package mock_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/docconform/docconform/harness/mock"
)

// faults sends n GET requests to target, one after the other, and returns the statuses
// ("reset" for a dropped connection).
func faults(t *testing.T, m *mock.Mock, target string, n int) []string {
	t.Helper()
	srv := httptest.NewServer(m)
	defer srv.Close()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	var out []string
	for range n {
		resp, err := client.Get(srv.URL + target)
		if err != nil {
			out = append(out, "reset")
			continue
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		out = append(out, resp.Status[:3])
	}
	return out
}

func TestChaosDeterministic(t *testing.T) {
	pages := answerPages()
	build := func(seed uint64) *mock.Mock {
		return newMock(t, pages, mock.Faults(0.3, mock.FaultThrottle, mock.FaultUnavailable, mock.FaultReset), mock.Seed(seed))
	}
	a := faults(t, build(42), "/v1.0/no-type", 60)
	b := faults(t, build(42), "/v1.0/no-type", 60)
	c := faults(t, build(7), "/v1.0/no-type", 60)
	if strings.Join(a, " ") != strings.Join(b, " ") {
		t.Errorf("same seed, other faults:\n%v\n%v", a, b)
	}
	if strings.Join(a, " ") == strings.Join(c, " ") {
		t.Errorf("another seed, the same faults: %v", a)
	}
	count := map[string]int{}
	for _, s := range a {
		count[s]++
	}
	t.Logf("seed 42: %v", count)
	if count["200"] == 60 || count["200"] == 0 || count["429"]+count["503"]+count["reset"] == 0 {
		t.Errorf("rate 0.3 gave %v", count)
	}
	// Another target has its own sequence; the first target's is not disturbed by it.
	m := build(42)
	srv := httptest.NewServer(m)
	defer srv.Close()
	for range 10 {
		if resp, err := http.Get(srv.URL + "/v1.0/lenient"); err == nil {
			resp.Body.Close()
		}
	}
	srv.Close()
	if d := faults(t, m, "/v1.0/no-type", 60); strings.Join(d, " ") != strings.Join(a, " ") {
		t.Errorf("requests to another target changed this one's faults:\n%v\n%v", a, d)
	}
}

func TestChaosFaults(t *testing.T) {
	tests := []struct {
		name       string
		opts       []mock.Option
		status     int
		retryAfter string
		code       string
	}{
		{"429 with Retry-After", []mock.Option{mock.Faults(1, mock.FaultThrottle)}, 429, "1", `"code":"TooManyRequests"`},
		{"503 with Retry-After rounded up", []mock.Option{mock.Faults(1, mock.FaultUnavailable), mock.RetryAfter(1500 * time.Millisecond)}, 503, "2", `"code":"ServiceUnavailable"`},
		{"no kind means 503", []mock.Option{mock.Faults(1)}, 503, "1", `"code":"ServiceUnavailable"`},
		{"rate 0: no faults", []mock.Option{mock.Faults(0, mock.FaultThrottle)}, 200, "", `"value"`},
		{"faults on unknown routes too", []mock.Option{mock.Faults(1, mock.FaultThrottle)}, 429, "1", `"code":"TooManyRequests"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(newMock(t, answerPages(), tt.opts...))
			defer srv.Close()
			target := "/v1.0/no-type"
			if strings.Contains(tt.name, "unknown") {
				target = "/v1.0/nowhere"
			}
			resp, body := get(t, srv.Client(), "GET", srv.URL+target, "")
			if resp.StatusCode != tt.status || resp.Header.Get("Retry-After") != tt.retryAfter || !strings.Contains(body, tt.code) {
				t.Errorf("got %d Retry-After %q %s", resp.StatusCode, resp.Header.Get("Retry-After"), body)
			}
		})
	}
}

func TestChaosReset(t *testing.T) {
	got := faults(t, newMock(t, answerPages(), mock.Faults(1, mock.FaultReset), mock.Seed(1)), "/v1.0/no-type", 3)
	if strings.Join(got, " ") != "reset reset reset" {
		t.Errorf("got %v, want connections reset", got)
	}
}

func TestLatency(t *testing.T) {
	srv := httptest.NewServer(newMock(t, answerPages(), mock.Latency(50*time.Millisecond)))
	defer srv.Close()
	start := time.Now()
	resp, _ := get(t, srv.Client(), "GET", srv.URL+"/v1.0/no-type", "")
	if d := time.Since(start); d < 50*time.Millisecond || resp.StatusCode != 200 {
		t.Errorf("answered %d after %v, want 200 after at least 50ms", resp.StatusCode, d)
	}
}

func TestParseFault(t *testing.T) {
	for _, s := range []string{"429", "503", "reset", " RESET "} {
		if _, err := mock.ParseFault(s); err != nil {
			t.Errorf("ParseFault(%q): %v", s, err)
		}
	}
	if _, err := mock.ParseFault("500"); err == nil || err.Error() != `fault "500": want 429, 503 or reset` {
		t.Errorf("ParseFault(500): %v", err)
	}
}
