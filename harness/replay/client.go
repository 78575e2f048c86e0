package replay

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/docconform/docconform/harness"
)

// TokenFunc returns the bearer token to send to the endpoint. It is called before every
// attempt, so a token source that refreshes expired tokens (oauth2) works as is.
type TokenFunc func(ctx context.Context) (string, error)

// ClientOption configures a Client.
type ClientOption func(*Client)

// Client sends cases to one endpoint. It is safe for concurrent use.
type Client struct {
	http         *http.Client
	scheme       string        // of the endpoint, which alone gets the credentials
	endpoint     string        // host[:port] that gets the token
	user         *url.Userinfo // from the endpoint URL, sent as basic auth
	token        TokenFunc
	mu           sync.Mutex // guards secrets
	secrets      []string
	limiter      *rate.Limiter
	retries      int
	maxRetryWait time.Duration
	backoff      time.Duration
	timeout      time.Duration
	maxBody      int64
	userAgent    string
	clock        Clock
}

// Clock is the time a Client keeps: the waits before a retry and for --rate, and how
// long an exchange took (durationMs, throttledMs). The wall clock (WallClock) unless
// WithClock gives another: tests give a fake one that records the waits and moves at
// once. (The per-attempt --timeout is the network's, and stays on the wall clock.)
type Clock interface {
	Now() time.Time
	// After sends the clock's time on the channel once d has passed on it.
	After(d time.Duration) <-chan time.Time
}

// WallClock is the real clock: time.Now and time.After.
type WallClock struct{}

// Now is time.Now.
func (WallClock) Now() time.Time { return time.Now() }

// After is time.After.
func (WallClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// Defaults for a Client.
const (
	DefaultRetries      = 3
	DefaultMaxRetryWait = 60 * time.Second
	DefaultTimeout      = 30 * time.Second
	DefaultMaxBody      = 16 << 20
)

// WithUserAgent names the client in the User-Agent header of requests whose documented
// headers give none (service logs then show who sent them).
func WithUserAgent(ua string) ClientOption { return func(c *Client) { c.userAgent = ua } }

// WithToken sends "Authorization: Bearer <token>" to the endpoint's host, and to no
// other host (not to one a redirect leads to).
func WithToken(f TokenFunc) ClientOption { return func(c *Client) { c.token = f } }

// WithSecrets names strings (client secrets) that must never appear in what the client
// returns; tokens it obtains are added as they come.
func WithSecrets(s ...string) ClientOption {
	return func(c *Client) {
		for _, x := range s {
			if x != "" {
				c.secrets = append(c.secrets, x)
			}
		}
	}
}

// WithRate caps requests per second across all callers (0: no cap).
func WithRate(perSecond float64) ClientOption {
	return func(c *Client) {
		if perSecond > 0 {
			c.limiter = rate.NewLimiter(rate.Limit(perSecond), 1)
		}
	}
}

// WithRetries sets how many times a request is sent again (429, 503, 504, connection errors).
func WithRetries(n int) ClientOption { return func(c *Client) { c.retries = n } }

// WithMaxRetryWait caps the wait before a retry, Retry-After included.
func WithMaxRetryWait(d time.Duration) ClientOption { return func(c *Client) { c.maxRetryWait = d } }

// WithBackoff sets the first wait of the exponential backoff (default 500ms).
func WithBackoff(d time.Duration) ClientOption { return func(c *Client) { c.backoff = d } }

// WithTimeout bounds each attempt, from sending to the end of the body.
func WithTimeout(d time.Duration) ClientOption { return func(c *Client) { c.timeout = d } }

// WithMaxBody caps the response body; a larger answer is an error, never read whole.
func WithMaxBody(n int64) ClientOption { return func(c *Client) { c.maxBody = n } }

// WithClock replaces the wall clock (tests); nil keeps it.
func WithClock(clk Clock) ClientOption {
	return func(c *Client) {
		if clk != nil {
			c.clock = clk
		}
	}
}

// WithTransport replaces the HTTP transport (tests).
func WithTransport(rt http.RoundTripper) ClientOption {
	return func(c *Client) { c.http.Transport = rt }
}

// NewClient makes a client for the endpoint at base.
func NewClient(base *url.URL, opts ...ClientOption) *Client {
	c := &Client{
		http:         &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()},
		retries:      DefaultRetries,
		maxRetryWait: DefaultMaxRetryWait,
		backoff:      500 * time.Millisecond,
		timeout:      DefaultTimeout,
		maxBody:      DefaultMaxBody,
		clock:        WallClock{},
	}
	if base != nil {
		c.scheme, c.endpoint = strings.ToLower(base.Scheme), strings.ToLower(base.Host)
		c.user = base.User
	}
	for _, o := range opts {
		o(c)
	}
	if p, ok := c.user.Password(); ok && p != "" {
		c.secrets = append(c.secrets, p)
	}
	if t, ok := c.http.Transport.(*http.Transport); ok {
		t.MaxIdleConnsPerHost = 64
	}
	c.http.Transport = &authTransport{base: c.http.Transport, c: c}
	c.http.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		req.Header.Del("Authorization") // the transport adds it back for the endpoint only
		return nil
	}
	return c
}

// authTransport adds the credentials to requests for the endpoint (its scheme and host),
// per hop: the token, else the user and password of the endpoint URL as basic auth.
type authTransport struct {
	base http.RoundTripper
	c    *Client
}

func (t *authTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	ours := strings.EqualFold(r.URL.Host, t.c.endpoint) && strings.EqualFold(r.URL.Scheme, t.c.scheme)
	switch {
	case !ours || (t.c.token == nil && t.c.user == nil):
		return t.base.RoundTrip(r)
	case t.c.token == nil:
		r = r.Clone(r.Context())
		p, _ := t.c.user.Password()
		r.SetBasicAuth(t.c.user.Username(), p)
		return t.base.RoundTrip(r)
	}
	tok, err := t.c.token(r.Context())
	if err != nil {
		return nil, &tokenError{err}
	}
	t.c.addSecret(tok)
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+tok)
	return t.base.RoundTrip(r)
}

type tokenError struct{ err error }

func (e *tokenError) Error() string { return "getting a token: " + e.err.Error() }

func (c *Client) addSecret(tok string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	// Tokens are few (one, refreshed hourly); the list stays short.
	for _, s := range c.secrets {
		if s == tok {
			return
		}
	}
	c.secrets = append(c.secrets, tok)
}

// Redact removes every secret the client knows (tokens, client secrets, the endpoint's
// password) from s. The client's errors are redacted already; answers are not, since a
// short password may well occur in a body (an echoing service may also send a token
// back): what is written of them (reports, cassettes) must go through Redact.
func (c *Client) Redact(s string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, x := range c.secrets {
		s = strings.ReplaceAll(s, x, "[REDACTED]")
	}
	return s
}

// Send sends a case, retrying as configured, and returns what came of it. A case that
// gets no usable answer has Err set; Send never fails otherwise.
func (c *Client) Send(ctx context.Context, cs harness.Case) (ex harness.Exchange) {
	start := c.clock.Now()
	defer func() { ex.DurationMs = c.clock.Now().Sub(start).Milliseconds() }()
	stop, _ := ctx.Value(stopKey{}).(<-chan struct{}) // nil: never
	var throttled time.Duration
	for attempt := 1; ; attempt++ {
		ex.Attempts = attempt
		if c.limiter != nil {
			d, ok := c.waitRate(ctx)
			if !ok {
				ex.Err = stopped(ctx)
				return ex
			}
			// Waiting on --rate is throttling too.
			throttled += d
		}
		act, err := c.once(ctx, cs)
		retry := attempt <= c.retries
		var wait time.Duration
		switch {
		case err != nil && ctx.Err() != nil:
			ex.Err = stopped(ctx)
			return ex
		case err != nil:
			var te *tokenError
			// A token error, an answer too large or a request that cannot be made would
			// only come again.
			final := errors.As(err, &te) || errors.Is(err, errTooLarge) || errors.Is(err, errUnmade)
			if final || !idempotent(cs.Method) || !retry {
				ex.Err = c.Redact(err.Error())
				if !idempotent(cs.Method) && !final {
					ex.Err += fmt.Sprintf(" (%s is not retried after a connection error)", cs.Method)
				}
				ex.ThrottledMs = throttled.Milliseconds()
				return ex
			}
			wait = c.backoffFor(attempt)
		case act.Status == 429 || act.Status == 503 || (act.Status == 504 && idempotent(cs.Method)):
			if !retry {
				ex.Actual = act
				ex.Err = fmt.Sprintf("the service still answered %d after %s (throttled %s)", act.Status, attempts(attempt), throttled.Round(time.Millisecond))
				ex.ThrottledMs = throttled.Milliseconds()
				return ex
			}
			wait = c.retryAfter(act, attempt)
			throttled += wait
		default:
			ex.Actual = act
			ex.ThrottledMs = throttled.Milliseconds()
			return ex
		}
		select {
		case <-ctx.Done():
			ex.Err = stopped(ctx)
			ex.ThrottledMs = throttled.Milliseconds()
			return ex
		case <-stop:
			ex.Err = "interrupted before attempt " + strconv.Itoa(attempt+1)
			ex.ThrottledMs = throttled.Milliseconds()
			return ex
		case <-c.clock.After(wait):
		}
	}
}

// waitRate waits, on the client's clock, for the next slot --rate allows, and returns
// the wait it took; false when ctx ended first (the slot is then given back).
func (c *Client) waitRate(ctx context.Context) (time.Duration, bool) {
	if ctx.Err() != nil {
		return 0, false
	}
	now := c.clock.Now()
	r := c.limiter.ReserveN(now, 1) // always granted: the burst is 1
	d := r.DelayFrom(now)
	if d <= 0 {
		return 0, true
	}
	select {
	case <-ctx.Done():
		r.CancelAt(c.clock.Now())
		return 0, false
	case <-c.clock.After(d):
		return d, true
	}
}

type stopKey struct{}

// StopRetries returns ctx carrying stop: once stop is closed, Send makes no further attempt
// (the one in flight still ends as ctx allows). The runner closes it on an interrupt, so
// that requests in flight may finish but nothing new is sent.
func StopRetries(ctx context.Context, stop <-chan struct{}) context.Context {
	return context.WithValue(ctx, stopKey{}, stop)
}

func stopped(ctx context.Context) string {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return "not answered before the run's deadline"
	}
	return "interrupted"
}

var (
	errTooLarge = errors.New("body too large")
	errUnmade   = errors.New("cannot make the request")
)

// once sends one attempt and reads the whole answer.
func (c *Client) once(ctx context.Context, cs harness.Case) (harness.Actual, error) {
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	var body io.Reader
	if cs.Body != "" {
		body = strings.NewReader(cs.Body)
	}
	req, err := http.NewRequestWithContext(actx, cs.Method, cs.URL, body)
	if err != nil {
		return harness.Actual{}, fmt.Errorf("%w: %v", errUnmade, err)
	}
	for _, h := range cs.Headers {
		req.Header.Add(h.Name, h.Value)
	}
	if c.userAgent != "" && req.Header.Get("User-Agent") == "" {
		req.Header.Set("User-Agent", c.userAgent)
	}
	if req.Header.Get("Accept-Encoding") == "" {
		req.Header.Set("Accept-Encoding", "gzip, deflate")
	}
	var resp *http.Response
	if cs.NoRedirect {
		// Nothing to follow: one round trip, without the client's redirect machinery.
		resp, err = c.http.Transport.RoundTrip(req)
	} else {
		resp, err = c.http.Do(req)
	}
	if err != nil {
		return harness.Actual{}, c.describe(err, actx)
	}
	defer resp.Body.Close()
	if resp.ContentLength > c.maxBody {
		return harness.Actual{}, fmt.Errorf("%w: the answer has %d bytes, more than --max-body %d; not judged", errTooLarge, resp.ContentLength, c.maxBody)
	}
	length := resp.ContentLength
	if cs.Method == http.MethodHead || resp.StatusCode == http.StatusNoContent || resp.StatusCode == http.StatusNotModified {
		length = -1 // the length of a body not sent
	}
	raw, err := readCapped(resp.Body, length, c.maxBody)
	if err != nil {
		return harness.Actual{}, c.describe(err, actx)
	}
	decoded, err := decode(resp.Header.Get("Content-Encoding"), raw, c.maxBody)
	if err != nil {
		return harness.Actual{}, err
	}
	// (The answer is kept as it came, for judging: Redact is for what gets written.)
	act := harness.Actual{Status: resp.StatusCode, Body: string(decoded)}
	for name, vals := range resp.Header {
		if strings.EqualFold(name, "Content-Encoding") {
			continue // the body is decoded
		}
		for _, v := range vals {
			act.Headers = append(act.Headers, harness.Header{Name: name, Value: v})
		}
	}
	sortHeaders(act.Headers)
	return act, nil
}

func (c *Client) describe(err error, actx context.Context) error {
	var te *tokenError
	switch {
	case errors.As(err, &te):
		return te
	case errors.Is(err, errTooLarge):
		return err
	case errors.Is(actx.Err(), context.DeadlineExceeded):
		return fmt.Errorf("no answer within %s (--timeout)", c.timeout)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var ne *net.OpError
	if errors.As(err, &ne) {
		return fmt.Errorf("connection failed: %v", ne.Err)
	}
	return fmt.Errorf("connection failed: %v", err)
}

// readCapped reads a body of at most max bytes; length is what the answer says it has
// (-1: not said).
func readCapped(r io.Reader, length, max int64) ([]byte, error) {
	if length >= 0 && length <= max {
		// The usual case, read in one buffer of the right size: a body longer than it
		// says is an error of the transport's.
		b := make([]byte, length)
		if _, err := io.ReadFull(r, b); err != nil {
			return nil, err
		}
		return b, nil
	}
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%w: the answer is larger than --max-body %d bytes; not judged", errTooLarge, max)
	}
	return b, nil
}

// decode undoes gzip or deflate (zlib-wrapped or raw) content encoding, within max bytes.
func decode(enc string, b []byte, max int64) ([]byte, error) {
	var r io.Reader
	switch strings.ToLower(strings.TrimSpace(enc)) {
	case "", "identity":
		return b, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("the answer says Content-Encoding gzip but is not gzip: %v", err)
		}
		r = zr
	case "deflate":
		if zr, err := zlib.NewReader(bytes.NewReader(b)); err == nil {
			r = zr
		} else {
			r = flate.NewReader(bytes.NewReader(b))
		}
	default:
		return nil, fmt.Errorf("the answer's Content-Encoding %q cannot be decoded", enc)
	}
	out, err := readCapped(r, -1, max)
	if err != nil && !errors.Is(err, errTooLarge) {
		return nil, fmt.Errorf("the answer's %s body is corrupt: %v", enc, err)
	}
	return out, err
}

// retryAfter is the wait a 429/503/504 asks for: Retry-After in seconds or as an HTTP
// date, else the backoff; capped by the maximum retry wait.
func (c *Client) retryAfter(a harness.Actual, attempt int) time.Duration {
	for _, h := range a.Headers {
		if !strings.EqualFold(h.Name, "Retry-After") {
			continue
		}
		v := strings.TrimSpace(h.Value)
		if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
			return min(time.Duration(secs)*time.Second, c.maxRetryWait)
		}
		if t, err := http.ParseTime(v); err == nil {
			return min(max(t.Sub(c.clock.Now()), 0), c.maxRetryWait)
		}
	}
	return c.backoffFor(attempt)
}

// backoffFor is the exponential backoff with jitter before attempt+1: backoff·2^(n-1),
// between half and all of it, capped by the maximum retry wait.
func (c *Client) backoffFor(attempt int) time.Duration {
	d := c.backoff << min(attempt-1, 20)
	d = d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
	return min(d, c.maxRetryWait)
}

func sortHeaders(hs []harness.Header) {
	slices.SortStableFunc(hs, func(a, b harness.Header) int { return strings.Compare(a.Name, b.Name) })
}

func attempts(n int) string {
	if n == 1 {
		return "1 attempt"
	}
	return strconv.Itoa(n) + " attempts"
}
