package replay

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/internal/fakeclock"
)

func get(u string) harness.Case  { return harness.Case{Method: "GET", URL: u} }
func post(u string) harness.Case { return harness.Case{Method: "POST", URL: u, Body: `{"a":1}`} }

func newClient(t *testing.T, srv *httptest.Server, opts ...ClientOption) *Client {
	t.Helper()
	return NewClient(mustURL(srv.URL), append([]ClientOption{WithBackoff(10 * time.Millisecond)}, opts...)...)
}

// epoch is where the fake clocks start: a whole second, as HTTP dates are.
var epoch = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)

func sum(ds []time.Duration) time.Duration {
	var t time.Duration
	for _, d := range ds {
		t += d
	}
	return t
}

func TestSendPlain(t *testing.T) {
	var got http.Header
	var body string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		b := new(bytes.Buffer)
		b.ReadFrom(r.Body)
		body = b.String()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(201)
		fmt.Fprint(w, `{"id":"1"}`)
	}))
	defer srv.Close()
	ex := newClient(t, srv).Send(context.Background(), harness.Case{Method: "POST", URL: srv.URL + "/v1.0/groups",
		Headers: []harness.Header{{Name: "Content-Type", Value: "application/json"}, {Name: "ConsistencyLevel", Value: "eventual"}}, Body: `{"a":1}`})
	if ex.Err != "" || ex.Actual.Status != 201 || ex.Actual.Body != `{"id":"1"}` || ex.Attempts != 1 {
		t.Fatalf("exchange = %+v", ex)
	}
	if got.Get("ConsistencyLevel") != "eventual" || got.Get("Authorization") != "" || body != `{"a":1}` {
		t.Errorf("request headers %v body %q", got, body)
	}

	// The client names itself, unless the docs give a User-Agent.
	c := newClient(t, srv, WithUserAgent("docconform/test"))
	c.Send(context.Background(), harness.Case{Method: "GET", URL: srv.URL + "/v1.0/me"})
	if ua := got.Get("User-Agent"); ua != "docconform/test" {
		t.Errorf("User-Agent %q", ua)
	}
	c.Send(context.Background(), harness.Case{Method: "GET", URL: srv.URL + "/v1.0/me", Headers: []harness.Header{{Name: "User-Agent", Value: "documented/1"}}})
	if ua := got.Get("User-Agent"); ua != "documented/1" {
		t.Errorf("documented User-Agent replaced: %q", ua)
	}
}

// TestBearerContainment: the token goes to the endpoint's host, and across a redirect to
// the same host, but never to another host a redirect leads to.
func TestBearerContainment(t *testing.T) {
	const token = "s3cr3t-t0ken-value"
	var other atomic.Value
	other.Store("")
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		other.Store(r.Header.Get("Authorization") + "|" + r.Header.Get("Cookie"))
		fmt.Fprint(w, `{}`)
	}))
	defer elsewhere.Close()
	var seen []string
	var mu sync.Mutex
	endpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.URL.Path+" "+r.Header.Get("Authorization"))
		mu.Unlock()
		switch r.URL.Path {
		case "/v1.0/away":
			http.Redirect(w, r, elsewhere.URL+"/download", http.StatusFound)
		case "/v1.0/here":
			http.Redirect(w, r, "/v1.0/target", http.StatusTemporaryRedirect)
		default:
			fmt.Fprint(w, `{}`)
		}
	}))
	defer endpoint.Close()
	c := newClient(t, endpoint, WithToken(func(context.Context) (string, error) { return token, nil }))
	for _, p := range []string{"/v1.0/away", "/v1.0/here"} {
		if ex := c.Send(context.Background(), get(endpoint.URL+p)); ex.Err != "" || ex.Actual.Status != 200 {
			t.Fatalf("%s: %+v", p, ex)
		}
	}
	if got := other.Load().(string); got != "|" {
		t.Errorf("the other host received %q; it must get no Authorization", got)
	}
	want := []string{"/v1.0/away Bearer " + token, "/v1.0/here Bearer " + token, "/v1.0/target Bearer " + token}
	if strings.Join(seen, "\n") != strings.Join(want, "\n") {
		t.Errorf("endpoint saw:\n%s\nwant:\n%s", strings.Join(seen, "\n"), strings.Join(want, "\n"))
	}
}

// TestEchoedSecrets: the answer is kept as it came, for judging, and Redact takes every
// secret out of what is written of it: a token echoed back, and the endpoint's password,
// however short (a password "0" must not change a body it occurs in).
func TestEchoedSecrets(t *testing.T) {
	const token = "s3cr3t-t0ken-value"
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Echo", r.Header.Get("Authorization"))
		fmt.Fprintf(w, `{"headers": {"Authorization": %q}, "year": 2024}`, r.Header.Get("Authorization"))
	}))
	defer echo.Close()
	c := newClient(t, echo, WithToken(func(context.Context) (string, error) { return token, nil }))
	ex := c.Send(context.Background(), get(echo.URL+"/v1.0/anything"))
	if ex.Err != "" || ex.Actual.Body != `{"headers": {"Authorization": "Bearer `+token+`"}, "year": 2024}` {
		t.Fatalf("the answer should come as it was: %+v", ex)
	}
	if got := c.Redact(ex.Actual.Body); got != `{"headers": {"Authorization": "Bearer [REDACTED]"}, "year": 2024}` {
		t.Errorf("Redact(body) = %s", got)
	}

	base := mustURL(strings.Replace(echo.URL, "http://", "http://bob:0@", 1))
	c = NewClient(base, WithBackoff(time.Millisecond))
	ex = c.Send(context.Background(), get(echo.URL+"/v1.0/anything"))
	if ex.Err != "" || !strings.Contains(ex.Actual.Body, `"year": 2024`) || !strings.Contains(ex.Actual.Body, "Basic Ym9iOjA=") {
		t.Errorf("a short password changed the answer, or basic auth was not sent: %+v", ex)
	}
	if got := c.Redact("pa0ss"); got != "pa[REDACTED]ss" {
		t.Errorf("Redact with the endpoint's password: %q", got)
	}
}

// tokenServer is a real OAuth 2.0 token endpoint on loopback for the client-credentials
// grant; each token it issues is numbered and lives ttl seconds.
type tokenServer struct {
	*httptest.Server
	issued atomic.Int32
}

func newTokenServer(t *testing.T, clientID, secret string, ttl int) *tokenServer {
	ts := &tokenServer{}
	ts.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil || r.Form.Get("grant_type") != "client_credentials" {
			http.Error(w, `{"error":"unsupported_grant_type"}`, 400)
			return
		}
		id, sec, ok := r.BasicAuth()
		if !ok {
			id, sec = r.Form.Get("client_id"), r.Form.Get("client_secret")
		}
		if id != clientID || sec != secret {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(401)
			fmt.Fprint(w, `{"error":"invalid_client","error_description":"bad client credentials"}`)
			return
		}
		if r.Form.Get("scope") != "https://graph.microsoft.com/.default" {
			http.Error(w, `{"error":"invalid_scope"}`, 400)
			return
		}
		n := ts.issued.Add(1)
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"access_token": fmt.Sprintf("tok-%d", n), "token_type": "Bearer", "expires_in": ttl})
	}))
	t.Cleanup(ts.Close)
	return ts
}

func clientCredentials(ts *tokenServer, id, secret string) TokenFunc {
	cfg := clientcredentials.Config{ClientID: id, ClientSecret: secret, TokenURL: ts.URL + "/token", Scopes: []string{"https://graph.microsoft.com/.default"}}
	return ClientCredentials(cfg, 5*time.Second)
}

// TestTokenEndpointSilent: a token endpoint that never answers costs the request its
// timeout, not the run; an interrupt ends the wait at once.
func TestTokenEndpointSilent(t *testing.T) {
	release := make(chan struct{})
	silent := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer silent.Close()
	defer close(release)
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, `{}`) }))
	defer api.Close()
	tok := ClientCredentials(clientcredentials.Config{ClientID: "c", ClientSecret: "s", TokenURL: silent.URL + "/token"}, 200*time.Millisecond)
	c := newClient(t, api, WithToken(tok), WithRetries(0))
	if ex := c.Send(context.Background(), get(api.URL+"/v1.0/me")); !strings.HasPrefix(ex.Err, "getting a token: ") {
		t.Errorf("silent token endpoint: %+v", ex)
	}
	ctx, cancel := context.WithCancel(context.Background())
	tok = ClientCredentials(clientcredentials.Config{ClientID: "c", ClientSecret: "s", TokenURL: silent.URL + "/token"}, time.Hour)
	c = newClient(t, api, WithToken(tok), WithRetries(0))
	done := make(chan harness.Exchange)
	go func() { done <- c.Send(ctx, get(api.URL+"/v1.0/me")) }()
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case ex := <-done:
		if ex.Err != "interrupted" {
			t.Errorf("interrupted while getting a token: %+v", ex)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("an interrupt did not end the wait for the token endpoint")
	}
}

func TestClientCredentials(t *testing.T) {
	var auth []string
	var mu sync.Mutex
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		auth = append(auth, r.Header.Get("Authorization"))
		mu.Unlock()
		fmt.Fprint(w, `{}`)
	}))
	defer api.Close()

	// A long-lived token is fetched once and reused.
	ts := newTokenServer(t, "app", "sup3r-secret", 3600)
	c := newClient(t, api, WithToken(clientCredentials(ts, "app", "sup3r-secret")), WithSecrets("sup3r-secret"))
	for range 3 {
		if ex := c.Send(context.Background(), get(api.URL+"/v1.0/me")); ex.Err != "" {
			t.Fatal(ex.Err)
		}
	}
	if ts.issued.Load() != 1 || strings.Join(auth, ",") != "Bearer tok-1,Bearer tok-1,Bearer tok-1" {
		t.Errorf("long-lived token: %d issued, sent %v", ts.issued.Load(), auth)
	}

	// A token that expires at once is refreshed before each request.
	auth = nil
	short := newTokenServer(t, "app", "sup3r-secret", 1)
	c = newClient(t, api, WithToken(clientCredentials(short, "app", "sup3r-secret")))
	for range 2 {
		c.Send(context.Background(), get(api.URL+"/v1.0/me"))
	}
	if short.issued.Load() != 2 || strings.Join(auth, ",") != "Bearer tok-1,Bearer tok-2" {
		t.Errorf("expiring token: %d issued, sent %v", short.issued.Load(), auth)
	}

	// Bad credentials: the example errors, saying why, without the secret.
	c = newClient(t, api, WithToken(clientCredentials(ts, "app", "wrong-secret")), WithSecrets("wrong-secret"))
	ex := c.Send(context.Background(), get(api.URL+"/v1.0/me"))
	if ex.Err == "" || !strings.Contains(ex.Err, "getting a token") || strings.Contains(ex.Err, "wrong-secret") || ex.Attempts != 1 {
		t.Errorf("bad credentials: %+v", ex)
	}
}

// TestRetries: the waits before each retry, on a fake clock: exactly what Retry-After
// asks (in seconds or as an HTTP date), capped by --max-retry-wait. They are all
// throttling, and the exchange lasts as long as they do (the loopback answers take no
// time on the fake clock).
func TestRetries(t *testing.T) {
	type step struct {
		status int
		header string
	}
	const maxWait = 10 * time.Second
	tests := []struct {
		name     string
		method   string
		steps    []step
		retries  int
		waits    []time.Duration
		wantErr  string
		attempts int
		status   int
	}{
		{"429 Retry-After seconds", "GET", []step{{429, "2"}, {200, ""}}, 3, []time.Duration{2 * time.Second}, "", 2, 200},
		{"503 Retry-After HTTP date", "GET", []step{{503, "date+3s"}, {200, ""}}, 3, []time.Duration{3 * time.Second}, "", 2, 200},
		{"Retry-After date past", "GET", []step{{503, "date-1h"}, {200, ""}}, 3, []time.Duration{0}, "", 2, 200},
		{"429 for a POST too", "POST", []step{{429, "0"}, {201, ""}}, 3, []time.Duration{0}, "", 2, 201},
		{"504 not retried for POST", "POST", []step{{504, ""}, {201, ""}}, 3, nil, "", 1, 504},
		{"still throttled", "GET", []step{{429, "1"}, {429, "2"}, {429, "4"}}, 2, []time.Duration{time.Second, 2 * time.Second},
			"the service still answered 429 after 3 attempts (throttled 3s)", 3, 429},
		{"Retry-After capped", "GET", []step{{429, "3600"}, {200, ""}}, 3, []time.Duration{maxWait}, "", 2, 200},
		{"Retry-After date capped", "GET", []step{{429, "date+1h"}, {200, ""}}, 3, []time.Duration{maxWait}, "", 2, 200},
		{"500 is an answer", "GET", []step{{500, ""}, {200, ""}}, 3, nil, "", 1, 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				s := tt.steps[min(int(n.Add(1))-1, len(tt.steps)-1)]
				switch s.header {
				case "":
				case "date+3s":
					w.Header().Set("Retry-After", epoch.Add(3*time.Second).Format(http.TimeFormat))
				case "date+1h":
					w.Header().Set("Retry-After", epoch.Add(time.Hour).Format(http.TimeFormat))
				case "date-1h":
					w.Header().Set("Retry-After", epoch.Add(-time.Hour).Format(http.TimeFormat))
				default:
					w.Header().Set("Retry-After", s.header)
				}
				w.WriteHeader(s.status)
			}))
			defer srv.Close()
			clock := fakeclock.Auto(epoch)
			c := newClient(t, srv, WithRetries(tt.retries), WithMaxRetryWait(maxWait), WithClock(clock))
			ex := c.Send(context.Background(), harness.Case{Method: tt.method, URL: srv.URL + "/x"})
			if ex.Attempts != tt.attempts || ex.Err != tt.wantErr || ex.Actual.Status != tt.status {
				t.Errorf("attempts %d status %d err %q, want %d %d %q", ex.Attempts, ex.Actual.Status, ex.Err, tt.attempts, tt.status, tt.wantErr)
			}
			if diff := cmp.Diff(tt.waits, clock.Waits()); diff != "" {
				t.Errorf("waits (-want +got):\n%s", diff)
			}
			if want := sum(tt.waits).Milliseconds(); ex.ThrottledMs != want || ex.DurationMs != want {
				t.Errorf("throttledMs %d durationMs %d, want both %d", ex.ThrottledMs, ex.DurationMs, want)
			}
		})
	}
}

// TestRetryRealClock: on the wall clock, a retry really waits (here the 1s Retry-After,
// capped at 20ms).
func TestRetryRealClock(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(429)
		}
	}))
	defer srv.Close()
	ex := newClient(t, srv, WithMaxRetryWait(20*time.Millisecond)).Send(context.Background(), get(srv.URL))
	if ex.Err != "" || ex.Attempts != 2 || ex.ThrottledMs != 20 {
		t.Errorf("%+v", ex)
	}
	// At least the wait: a bound the timer guarantees.
	if ex.DurationMs < 20 {
		t.Errorf("durationMs %d for an exchange that waited 20ms", ex.DurationMs)
	}
}

// TestBackoff: without Retry-After, the waits grow exponentially, each between half and
// all of backoff·2^(n-1), capped by --max-retry-wait.
func TestBackoff(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(503) }))
	defer srv.Close()
	clock := fakeclock.Auto(epoch)
	c := newClient(t, srv, WithRetries(5), WithBackoff(time.Second), WithMaxRetryWait(5*time.Second), WithClock(clock))
	ex := c.Send(context.Background(), get(srv.URL))
	waits := clock.Waits()
	if ex.Attempts != 6 || len(waits) != 5 {
		t.Fatalf("%d attempts, waits %v", ex.Attempts, waits)
	}
	for i, full := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 5 * time.Second, 5 * time.Second} {
		lo := min((time.Second<<i)/2, 5*time.Second)
		if waits[i] < lo || waits[i] > full {
			t.Errorf("wait %d is %s, want between %s and %s", i+1, waits[i], lo, full)
		}
	}
	if want := sum(waits).Milliseconds(); ex.ThrottledMs != want || ex.DurationMs != want {
		t.Errorf("throttledMs %d durationMs %d, want both %d", ex.ThrottledMs, ex.DurationMs, want)
	}
}

// resetServer closes every connection without answering, for the first n requests.
func resetServer(t *testing.T, n int32) (*httptest.Server, *atomic.Int32) {
	var count atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if count.Add(1) <= n {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.(*net.TCPConn).SetLinger(0)
				conn.Close()
			}
			return
		}
		fmt.Fprint(w, `{}`)
	}))
	t.Cleanup(srv.Close)
	return srv, &count
}

func TestConnectionErrors(t *testing.T) {
	srv, count := resetServer(t, 2)
	clock := fakeclock.Auto(epoch)
	ex := newClient(t, srv, WithBackoff(time.Second), WithClock(clock)).Send(context.Background(), get(srv.URL+"/x"))
	if ex.Err != "" || ex.Attempts != 3 || count.Load() != 3 {
		t.Errorf("GET after 2 resets: %+v (server saw %d)", ex, count.Load())
	}
	// The waits are the backoff; they take time, but are not throttling.
	if waits := clock.Waits(); len(waits) != 2 || waits[0] < 500*time.Millisecond || waits[0] > time.Second ||
		waits[1] < time.Second || waits[1] > 2*time.Second || ex.DurationMs != sum(waits).Milliseconds() || ex.ThrottledMs != 0 {
		t.Errorf("waits %v: durationMs %d throttledMs %d", waits, ex.DurationMs, ex.ThrottledMs)
	}
	srv, count = resetServer(t, 1)
	ex = newClient(t, srv).Send(context.Background(), post(srv.URL+"/x"))
	if ex.Attempts != 1 || count.Load() != 1 || !strings.Contains(ex.Err, "connection failed") || !strings.Contains(ex.Err, "POST is not retried") {
		t.Errorf("POST after a reset: %+v (server saw %d)", ex, count.Load())
	}
	// Nothing listening.
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := l.Addr().String()
	l.Close()
	ex = NewClient(mustURL("http://"+addr), WithRetries(1), WithBackoff(time.Millisecond)).Send(context.Background(), get("http://"+addr+"/x"))
	if ex.Attempts != 2 || !strings.Contains(ex.Err, "connection refused") {
		t.Errorf("refused: %+v", ex)
	}
}

func TestTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	ex := newClient(t, srv, WithTimeout(50*time.Millisecond), WithRetries(0)).Send(context.Background(), get(srv.URL+"/slow"))
	if ex.Err != "no answer within 50ms (--timeout)" {
		t.Errorf("slow answer: %+v", ex)
	}
	// The exchange says how long it took, on the wall clock: at least the timeout, a
	// bound the deadline guarantees.
	if ex.DurationMs < 50 {
		t.Errorf("durationMs %d for an exchange that waited 50ms", ex.DurationMs)
	}
}

func TestBodies(t *testing.T) {
	const big = 3 << 20
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/gzip":
			w.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(w)
			fmt.Fprint(zw, `{"zipped":true}`)
			zw.Close()
		case "/deflate":
			w.Header().Set("Content-Encoding", "deflate")
			zw := zlib.NewWriter(w)
			fmt.Fprint(zw, `{"deflated":true}`)
			zw.Close()
		case "/big-length":
			w.Header().Set("Content-Length", fmt.Sprint(big))
			w.Write(bytes.Repeat([]byte("x"), big))
		case "/big-chunked":
			for range big / 4096 {
				w.Write(bytes.Repeat([]byte("x"), 4096))
			}
		case "/bomb":
			w.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(w)
			zw.Write(bytes.Repeat([]byte("0"), big))
			zw.Close()
		case "/html":
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(502)
			fmt.Fprint(w, "<html><body>Bad gateway</body></html>")
		}
	}))
	defer srv.Close()
	c := newClient(t, srv, WithMaxBody(1<<20))
	for path, want := range map[string]string{"/gzip": `{"zipped":true}`, "/deflate": `{"deflated":true}`} {
		ex := c.Send(context.Background(), get(srv.URL+path))
		if ex.Actual.Body != want || ex.Err != "" {
			t.Errorf("%s: %+v", path, ex)
		}
		for _, h := range ex.Actual.Headers {
			if h.Name == "Content-Encoding" {
				t.Errorf("%s: Content-Encoding kept on a decoded body", path)
			}
		}
	}
	for _, path := range []string{"/big-length", "/big-chunked", "/bomb"} {
		ex := c.Send(context.Background(), get(srv.URL+path))
		if !strings.Contains(ex.Err, "--max-body") || ex.Attempts != 1 {
			t.Errorf("%s: %+v", path, ex.Err)
		}
	}
	if ex := c.Send(context.Background(), get(srv.URL+"/html")); ex.Actual.Status != 502 || !strings.Contains(ex.Actual.Body, "Bad gateway") {
		t.Errorf("an HTML error page is an answer to judge: %+v", ex)
	}
}

// TestRate: --rate holds requests back across all callers, on a fake clock that stands
// still while they wait: 4 requests at once at 2 per second (burst 1) wait 0, 0.5, 1
// and 1.5 s, and each counts its wait as throttling.
func TestRate(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	clock := fakeclock.New(epoch)
	c := newClient(t, srv, WithRate(2), WithClock(clock))
	throttled := make(chan int64, 4)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() { throttled <- c.Send(context.Background(), get(srv.URL)).ThrottledMs })
	}
	sent := make(chan struct{})
	go func() { wg.Wait(); close(sent) }()
	select {
	case <-clock.Waiting(3):
	case <-sent:
		t.Fatalf("the requests were sent without waiting on the client's clock (waits %v)", clock.Waits())
	}
	waits := clock.Waits()
	slices.Sort(waits)
	if diff := cmp.Diff([]time.Duration{500 * time.Millisecond, time.Second, 1500 * time.Millisecond}, waits); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
	clock.Advance(1500 * time.Millisecond)
	<-sent
	close(throttled)
	var got []int64
	for ms := range throttled {
		got = append(got, ms)
	}
	slices.Sort(got)
	if diff := cmp.Diff([]int64{0, 500, 1000, 1500}, got); diff != "" {
		t.Errorf("throttledMs (-want +got):\n%s", diff)
	}

	// One after the other: the burst is 1, however long the client was idle.
	clock = fakeclock.Auto(epoch)
	c = newClient(t, srv, WithRate(2), WithClock(clock))
	c.Send(context.Background(), get(srv.URL))
	clock.Advance(time.Minute)
	for range 3 {
		c.Send(context.Background(), get(srv.URL))
	}
	if diff := cmp.Diff([]time.Duration{500 * time.Millisecond, 500 * time.Millisecond}, clock.Waits()); diff != "" {
		t.Errorf("waits after an idle minute (-want +got):\n%s", diff)
	}
}

// TestRateRealClock: on the wall clock, --rate really holds a request back.
func TestRateRealClock(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	c := newClient(t, srv, WithRate(20))
	start := time.Now()
	first := c.Send(context.Background(), get(srv.URL))
	c.Send(context.Background(), get(srv.URL))
	// At least 50ms between the two sends: a bound the limiter guarantees (less a
	// millisecond for its float arithmetic), never an upper one.
	if el := time.Since(start); el < 49*time.Millisecond || first.ThrottledMs != 0 {
		t.Errorf("2 requests at --rate 20 took %s (the first throttled %dms): the limiter did not hold the second back", el, first.ThrottledMs)
	}
}

// TestInterrupt: an interrupt cuts the wait for Retry-After short; nothing more is sent.
func TestInterrupt(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Retry-After", "30")
		w.WriteHeader(429)
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	clock := fakeclock.New(epoch)
	done := make(chan harness.Exchange)
	go func() {
		done <- newClient(t, srv, WithMaxRetryWait(time.Minute), WithClock(clock)).Send(ctx, get(srv.URL))
	}()
	select {
	case <-clock.Waiting(1):
	case ex := <-done:
		t.Fatalf("Send did not wait on the client's clock: %+v", ex)
	case <-time.After(10 * time.Second): // a bound that keeps a broken client from hanging the test
		t.Fatal("Send neither waits on the client's clock nor returns")
	}
	cancel()
	ex := <-done
	if ex.Err != "interrupted" || n.Load() != 1 || ex.Attempts != 1 {
		t.Errorf("a wait for Retry-After is cut by an interrupt: %+v after %d requests", ex, n.Load())
	}
	if diff := cmp.Diff([]time.Duration{30 * time.Second}, clock.Waits()); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
}

func TestUnparseableURL(t *testing.T) {
	ex := NewClient(nil).Send(context.Background(), harness.Case{Method: "GET", URL: "http://[::1"})
	// Not retried: it would fail the same way (after the backoff's seconds).
	if !strings.HasPrefix(ex.Err, "cannot make the request: ") || ex.Attempts != 1 {
		t.Errorf("%+v", ex)
	}
}

// TestDocumentedRedirect: when the docs show a 302, the 302 is the answer to judge.
func TestDocumentedRedirect(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v1.0/content" {
			w.Header().Set("Location", "https://download.invalid/file")
			w.WriteHeader(302)
		}
	}))
	defer srv.Close()
	ex := newClient(t, srv).Send(context.Background(), harness.Case{Method: "GET", URL: srv.URL + "/v1.0/content", NoRedirect: true})
	if ex.Err != "" || ex.Actual.Status != 302 {
		t.Errorf("documented redirect: %+v", ex)
	}
	c := Plan(harness.Example{Request: harness.Request{Method: "GET", URL: "/me/drive/items/{id}/content"},
		Responses: []harness.Response{{Status: 302}}}, "x.md", nil, Target{Mock: true})
	if !c.NoRedirect {
		t.Errorf("a documented 302 should not be followed")
	}
}

// TestStopRetries: once the run is interrupted, no further attempt is sent, however long
// the retry wait would have been.
func TestStopRetries(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Retry-After", "30")
		w.WriteHeader(429)
	}))
	defer srv.Close()
	stop := make(chan struct{})
	ctx := StopRetries(context.Background(), stop)
	done := make(chan harness.Exchange)
	go func() { done <- newClient(t, srv).Send(ctx, get(srv.URL+"/v1.0/me")) }()
	for n.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	close(stop)
	select {
	case ex := <-done:
		if ex.Err != "interrupted before attempt 2" || n.Load() != 1 {
			t.Errorf("%+v after %d requests", ex, n.Load())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the retry wait went on after the interrupt")
	}
}
