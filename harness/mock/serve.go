package mock

import (
	"context"
	"errors"
	"net"
	"net/http"
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
