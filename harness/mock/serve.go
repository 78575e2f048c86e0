package mock

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// ShutdownGrace is how long Serve lets requests in flight finish once its context is done.
const ShutdownGrace = 5 * time.Second

// Serve answers requests on ln until ctx is done, then shuts down: it stops accepting,
// cancels the context of requests in flight (a Latency wait ends at once), lets them
// finish for up to ShutdownGrace and closes every connection. It returns nil after a
// shutdown that ctx asked for, else the error that stopped the server. It closes ln.
//
// The docconform serve command and in-process use (docconform run against the mock)
// both serve through it.
func (m *Mock) Serve(ctx context.Context, ln net.Listener) error {
	reqCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	srv := &http.Server{
		Handler:           m,
		ReadHeaderTimeout: 30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    1 << 20,
		BaseContext:       func(net.Listener) context.Context { return reqCtx },
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	cancel()
	sctx, stop := context.WithTimeout(context.WithoutCancel(ctx), ShutdownGrace)
	defer stop()
	err := srv.Shutdown(sctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = srv.Close()
	}
	if serr := <-done; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}

// ServeHTTP answers a request: chaos first (latency, then an injected fault), then the
// matching example's answer, else a 404 or 405 Graph error.
func (m *Mock) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if m.chaos.apply(w, r) {
		return
	}
	target := r.URL.EscapedPath()
	if r.URL.RawQuery != "" || r.URL.ForceQuery {
		target += "?" + r.URL.RawQuery
	}
	read := func() []byte {
		b, _ := io.ReadAll(io.LimitReader(r.Body, m.cfg.maxBodySize+1))
		if int64(len(b)) > m.cfg.maxBodySize {
			return append(b, "\x00(too long)"...)
		}
		return b
	}
	head := r.Method == http.MethodHead
	method := strings.ToUpper(r.Method)
	version, path, rawQuery := m.target(target)
	ex := m.resolve(method, version, path, rawQuery, r.Header.Values, read)
	if ex != nil {
		if m.cfg.exampleHdr != "" {
			w.Header().Set(m.cfg.exampleHdr, ex.id)
		}
		ex.answer.write(w, head)
		return
	}
	switch match := m.miss(method, version, path); {
	case match.Status == http.StatusNotFound:
		msg := fmt.Sprintf("No documented example answers %s %s.", r.Method, r.URL.EscapedPath())
		if match.Closest != "" {
			msg += fmt.Sprintf(" The closest documented route is %s (%s).", match.Closest, match.ClosestPos)
		}
		a := errorAnswer(http.StatusNotFound, "ResourceNotFound", msg)
		a.write(w, head)
	default:
		w.Header().Set("Allow", strings.Join(match.Allow, ", "))
		if match.Status == http.StatusNoContent {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		a := errorAnswer(http.StatusMethodNotAllowed, "MethodNotAllowed",
			fmt.Sprintf("%s is not documented for %s; the documented methods are %s.", r.Method, r.URL.EscapedPath(), strings.Join(match.Allow, ", ")))
		a.write(w, head)
	}
}
