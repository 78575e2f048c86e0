package session

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"

	"github.com/docconform/docconform/harness/cassette"
	"github.com/docconform/docconform/harness/mock"
)

// mockServer is the mock built from the pages, serving on a loopback port in process.
type mockServer struct {
	URL  *url.URL
	b    *mock.Builder
	stop func()
}

func (m *mockServer) builder() *mock.Builder {
	if m == nil {
		return nil
	}
	return m.b
}

// Close stops the mock and waits for it.
func (m *mockServer) Close() { m.stop() }

// startMock serves a mock on 127.0.0.1 at a free port until Close; the run adds the pages
// to its builder as it reads them (with a cassette's answers, when given).
func startMock(ctx context.Context, cassetteDir, version string) (*mockServer, error) {
	opts, err := MockOptions(cassetteDir, version)
	if err != nil {
		return nil, err
	}
	b := mock.NewBuilder(opts...)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("starting the mock: %v", err)
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
	return &mockServer{URL: &url.URL{Scheme: "http", Host: ln.Addr().String()}, b: b, stop: stop}, nil
}

// MockOptions are the mock's options for a run or `docconform serve`: the API version
// of pages that give none, and the recorded answers of a cassette folder ("" for none).
func MockOptions(cassetteDir, version string) ([]mock.Option, error) {
	opts := []mock.Option{mock.DefaultVersion(version)}
	if cassetteDir != "" {
		c, err := cassette.Load(cassetteDir)
		if err != nil {
			return nil, inputErr("--cassette: %v", err)
		}
		opts = append(opts, mock.Cassette(c))
	}
	return opts, nil
}

// Unmatched says which recorded answers match no example: a cassette recorded from
// another root, whose IDs all differ, would otherwise leave every documented answer in
// place and pass silently. When none matches, that is an *InputError; when some do not,
// a note.
func Unmatched(m *mock.Mock, note func(string)) error {
	ids, recorded := m.UnmatchedRecordings()
	if recorded < 0 {
		return nil // no cassette
	}
	if recorded == 0 {
		return inputErr("the cassette holds no recorded answers (is it the folder --record wrote?)")
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
		return inputErr("%s", msg)
	}
	note("warning: " + msg)
	return nil
}
