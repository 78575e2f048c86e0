package mock_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"testing"
	"time"

	"github.com/docconform/docconform/harness/mock"
)

// TestServe serves on a loopback listener and shuts down when the context is cancelled:
// a request waiting out its (hour-long) latency is answered at once, and Serve returns
// nil. A request the server has not read when shutdown starts is dropped by net/http
// (the client sees EOF); the test then tries again.
func TestServe(t *testing.T) {
	m := newMock(t, answerPages(), mock.Latency(time.Hour))
	for attempt := 1; ; attempt++ {
		status, err := serveOnce(t, m)
		if err == nil {
			if status != 200 {
				t.Errorf("request in flight got %d, want 200", status)
			}
			return
		}
		if !errors.Is(err, io.EOF) || attempt == 10 {
			t.Fatalf("request in flight: %v", err)
		}
		t.Logf("attempt %d: shutdown came before the request was read: %v", attempt, err)
	}
}

func serveOnce(t *testing.T, m *mock.Mock) (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- m.Serve(ctx, ln) }()
	wrote := make(chan struct{})
	type result struct {
		status int
		err    error
	}
	answered := make(chan result, 1)
	go func() {
		trace := &httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) { close(wrote) }}
		req, _ := http.NewRequestWithContext(httptrace.WithClientTrace(context.Background(), trace),
			"GET", "http://"+ln.Addr().String()+"/v1.0/no-type", nil)
		resp, err := (&http.Client{Transport: &http.Transport{}}).Do(req)
		if err != nil {
			answered <- result{0, err}
			return
		}
		resp.Body.Close()
		answered <- result{resp.StatusCode, nil}
	}()
	<-wrote
	time.Sleep(100 * time.Millisecond) // let the server read it (not needed for correctness)
	cancel()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/v1.0/no-type"); err == nil {
		t.Error("still serving after shutdown")
	}
	r := <-answered
	return r.status, r.err
}
