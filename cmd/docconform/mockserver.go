package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"

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

// startMock serves a mock on 127.0.0.1 at a free port until Close; the run adds the pages
// to the builder as it reads them (with a cassette's answers, when given).
func startMock(ctx context.Context, cassetteDir, version string) (*mockServer, *mock.Builder, error) {
	opts := []mock.Option{mock.DefaultVersion(version)}
	if cassetteDir != "" {
		c, err := cassette.Load(cassetteDir)
		if err != nil {
			return nil, nil, fmt.Errorf("--cassette: %v", err)
		}
		opts = append(opts, mock.Cassette(c))
	}
	b := mock.NewBuilder(opts...)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, fmt.Errorf("starting the mock: %v", err)
	}
	// The run is over when the mock stops, so it closes at once (Mock.Serve's graceful
	// shutdown would wait for connections the client opened and never used).
	srv := &http.Server{Handler: b.Mock(), BaseContext: func(net.Listener) context.Context { return context.WithoutCancel(ctx) }}
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv.Serve(ln)
	}()
	stop := func() {
		b.Done() // nothing waits for a page that will not come
		srv.Close()
		<-done
	}
	return &mockServer{URL: &url.URL{Scheme: "http", Host: ln.Addr().String()}, stop: stop}, b, nil
}

// unmatched says which recorded answers match no example: a cassette recorded from
// another root, whose IDs all differ, would otherwise leave every documented answer in
// place and pass silently. When none matches, that is an error.
func unmatched(w io.Writer, m *mock.Mock) error {
	ids, recorded := m.UnmatchedRecordings()
	if recorded < 0 {
		return nil // no cassette
	}
	if recorded == 0 {
		return &exitError{code: exitUsage, err: errors.New("the cassette holds no recorded answers (is it the folder --record wrote?)")}
	}
	if len(ids) == 0 {
		return nil
	}
	what := fmt.Sprintf("%d of the %d recorded answers in the cassette match no example", len(ids), recorded)
	if len(ids) == recorded {
		what = fmt.Sprintf("none of the %d recorded answers in the cassette matches an example", recorded)
	}
	msg := fmt.Sprintf("%s (such as %s): example IDs are relative to the PATH given, so give the one the recording was made with",
		what, ids[0])
	if len(ids) == recorded {
		return &exitError{code: exitUsage, err: errors.New(msg)}
	}
	fmt.Fprintln(w, "warning: "+msg)
	return nil
}
