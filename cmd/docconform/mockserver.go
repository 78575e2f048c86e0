package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/cassette"
	"github.com/docconform/docconform/harness/mock"
)

// mockServer is the mock built from the pages, serving on a loopback port in process.
type mockServer struct {
	URL  *url.URL
	stop func()
}

// Close stops the mock and waits for it.
func (m *mockServer) Close() { m.stop() }

// startMock builds the mock from the pages (and a cassette, when given) and serves it on
// 127.0.0.1 at a free port until Close.
func startMock(ctx context.Context, pages []harness.Page, cassetteDir, version string, stderr io.Writer) (*mockServer, error) {
	opts := []mock.Option{mock.DefaultVersion(version)}
	if cassetteDir != "" {
		c, err := cassette.Load(cassetteDir)
		if err != nil {
			return nil, fmt.Errorf("--cassette: %v", err)
		}
		opts = append(opts, mock.Cassette(c))
	}
	m, diags := mock.New(pages, opts...)
	unroutable := 0
	for _, d := range diags {
		if d.Severity == harness.Error {
			unroutable++
		}
	}
	if unroutable > 0 {
		fmt.Fprintf(stderr, "the mock cannot serve %s (docconform serve --routes lists them)\n", plural(unroutable, "example"))
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("starting the mock: %v", err)
	}
	// The run is over when the mock stops, so it closes at once (Mock.Serve's graceful
	// shutdown would wait for connections the client opened and never used).
	srv := &http.Server{Handler: m, BaseContext: func(net.Listener) context.Context { return context.WithoutCancel(ctx) }}
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv.Serve(ln)
	}()
	return &mockServer{URL: &url.URL{Scheme: "http", Host: ln.Addr().String()}, stop: func() { srv.Close(); <-done }}, nil
}
