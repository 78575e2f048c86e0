package mock_test

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/internal/docurl"
	"github.com/docconform/docconform/harness/mock"
)

// shot is one request of the load: what to send and the status the mock must answer.
type shot struct {
	method, target, body string
	headers              []harness.Header
	status               int
}

// loadShots are the replay stage's requests for every example the mock serves, with
// the status Match says it answers: over the corpus when it is there, else the fixtures.
// Every one must be answered by an example, not with the 404 of an unknown route.
func loadShots(t testing.TB) (*mock.Mock, []shot) {
	root := filepath.Join("..", "..", "fixtures", "docs")
	if dir := corpusDirOrEmpty(); dir != "" {
		root = filepath.Join(dir, "graph-docs-v1.0", "api")
	}
	pages := readPages(t, root)
	m, _ := mock.New(pages)
	var shots []shot
	for _, p := range pages {
		v := docurl.PageVersion(p.Rel)
		if v == "" {
			v = "v1.0"
		}
		for _, e := range p.Examples {
			s := shot{method: e.Method, target: docurl.Parse(e.URL).Target(v), body: e.Body}
			for _, h := range e.Headers {
				switch strings.ToLower(h.Name) {
				case "content-length", "host", "transfer-encoding", "connection":
				default:
					s.headers = append(s.headers, h)
				}
			}
			match := m.Match(mock.Request{Method: s.method, Target: s.target, Headers: s.headers, Body: s.body})
			if match.ID == "" {
				// A 404 is cheap: counted, it would flatter the throughput.
				t.Fatalf("%s: %s %s: no example answers it (%d)", e.Pos(), s.method, s.target, match.Status)
			}
			s.status = match.Status
			shots = append(shots, s)
		}
	}
	return m, shots
}

type loadStats struct {
	requests, errors, conns int64
	elapsed                 time.Duration
	firstErr                string
}

// load runs conns keep-alive clients (one connection each) against m on loopback, each
// sending shots in turn from its own offset, until stop is closed or each has sent max
// requests (max 0: no limit).
func load(t testing.TB, m *mock.Mock, shots []shot, conns int, duration time.Duration, max int) loadStats {
	srv := httptest.NewUnstartedServer(m)
	var newConns atomic.Int64
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			newConns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	var st loadStats
	var mu sync.Mutex
	fail := func(msg string) {
		mu.Lock()
		defer mu.Unlock()
		st.errors++
		if st.firstErr == "" {
			st.firstErr = msg
		}
	}
	var total atomic.Int64
	deadline := time.Now().Add(duration)
	start := time.Now()
	var wg sync.WaitGroup
	for c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tr := &http.Transport{MaxConnsPerHost: 1, MaxIdleConnsPerHost: 1, DisableCompression: true}
			defer tr.CloseIdleConnections()
			client := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			for i := 0; (max == 0 && time.Now().Before(deadline)) || (max > 0 && i < max); i++ {
				s := shots[(c*7919+i)%len(shots)]
				req, err := http.NewRequest(s.method, srv.URL+s.target, strings.NewReader(s.body))
				if err != nil {
					fail(err.Error())
					continue
				}
				for _, h := range s.headers {
					req.Header.Add(h.Name, h.Value)
				}
				resp, err := client.Do(req)
				if err != nil {
					fail(err.Error())
					continue
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				switch {
				case err != nil:
					fail(err.Error())
				case resp.StatusCode != s.status:
					fail(fmt.Sprintf("%s %s: %d, want %d", s.method, s.target, resp.StatusCode, s.status))
				default:
					total.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	st.elapsed = time.Since(start)
	st.requests = total.Load()
	st.conns = newConns.Load()
	return st
}

// TestLoad holds 200 concurrent keep-alive connections for a few seconds (one with
// -short): no request may fail, and no client may need a second connection. Throughput
// is logged, never asserted.
func TestLoad(t *testing.T) {
	m, shots := loadShots(t)
	d := 3 * time.Second
	if testing.Short() {
		d = time.Second
	}
	st := load(t, m, shots, 200, d, 0)
	t.Logf("200 keep-alive connections, %d routes, %v: %d requests, %d errors, %.0f requests/s",
		len(m.Routes()), st.elapsed.Round(time.Millisecond), st.requests, st.errors, float64(st.requests)/st.elapsed.Seconds())
	if st.errors != 0 {
		t.Errorf("%d errors; the first: %s", st.errors, st.firstErr)
	}
	if st.conns != 200 {
		t.Errorf("%d connections opened, want 200 (keep-alive)", st.conns)
	}
}

// BenchmarkLoad200 sends b.N requests over 200 keep-alive connections.
func BenchmarkLoad200(b *testing.B) {
	m, shots := loadShots(b)
	b.ResetTimer()
	per := max(b.N/200, 1)
	st := load(b, m, shots, 200, 0, per)
	b.StopTimer()
	if st.errors != 0 {
		b.Fatalf("%d errors; the first: %s", st.errors, st.firstErr)
	}
	b.ReportMetric(float64(st.requests)/st.elapsed.Seconds(), "req/s")
}

// BenchmarkMatch routes every corpus request once per iteration, without HTTP.
func BenchmarkMatch(b *testing.B) {
	m, shots := loadShots(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		s := shots[i%len(shots)]
		m.Match(mock.Request{Method: s.method, Target: s.target, Headers: s.headers, Body: s.body})
	}
}
