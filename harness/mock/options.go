package mock

import (
	"fmt"
	"strings"
	"time"

	"github.com/docconform/docconform/harness/cassette"
)

// Option configures a Mock.
type Option func(*config)

type config struct {
	version     string
	recorded    cassette.Cassette
	latency     time.Duration
	faultRate   float64
	faults      []Fault
	seed        uint64
	seeded      bool
	retryAfter  time.Duration
	exampleHdr  string
	maxBodySize int64
}

func newConfig(opts []Option) config {
	c := config{version: "v1.0", retryAfter: time.Second, maxBodySize: 1 << 20}
	for _, o := range opts {
		o(&c)
	}
	return c
}

// DefaultVersion is the API version of pages whose path names none (docurl.PageVersion
// gives ""), and of requests whose path starts with no version segment. The default is
// "v1.0".
func DefaultVersion(v string) Option {
	return func(c *config) {
		if v = strings.Trim(v, "/ "); v != "" {
			c.version = v
		}
	}
}

// Cassette makes recorded answers take precedence over documented ones, for the examples
// whose IDs the cassette holds.
func Cassette(rec cassette.Cassette) Option { return func(c *config) { c.recorded = rec } }

// Latency delays every answer by d (or until the request is cancelled or the server
// shuts down).
func Latency(d time.Duration) Option { return func(c *config) { c.latency = max(d, 0) } }

// Faults makes a fraction rate (0 to 1) of requests fail with one of kinds, chosen as
// the package documentation says. No kinds means FaultUnavailable.
func Faults(rate float64, kinds ...Fault) Option {
	return func(c *config) {
		c.faultRate = min(max(rate, 0), 1)
		c.faults = append([]Fault(nil), kinds...)
		if len(c.faults) == 0 {
			c.faults = []Fault{FaultUnavailable}
		}
	}
}

// Seed makes fault injection reproducible: with the same seed, the n-th request with a
// given method and target gets the same fault (or none) in every run. Without Seed the
// seed is random.
func Seed(seed uint64) Option { return func(c *config) { c.seed, c.seeded = seed, true } }

// RetryAfter is the Retry-After of injected 429 and 503 answers, in whole seconds
// (rounded up; default 1s).
func RetryAfter(d time.Duration) Option { return func(c *config) { c.retryAfter = max(d, 0) } }

// ExampleHeader names the response header that carries the ID of the example that
// answered ("X-Docconform-Example"); off by default. Answers that no example gives (404,
// 405, injected faults) do not carry it.
func ExampleHeader(name string) Option { return func(c *config) { c.exampleHdr = name } }

// MaxBodySize bounds the request body the mock reads to tell examples apart by body
// (default 1 MiB); a longer body matches no documented body exactly.
func MaxBodySize(n int64) Option { return func(c *config) { c.maxBodySize = max(n, 0) } }

// Fault is a kind of injected failure.
type Fault string

const (
	// FaultThrottle answers 429 Too Many Requests with Retry-After and a Graph error
	// (code TooManyRequests).
	FaultThrottle Fault = "429"
	// FaultUnavailable answers 503 Service Unavailable with Retry-After and a Graph error
	// (code ServiceUnavailable).
	FaultUnavailable Fault = "503"
	// FaultReset closes the connection without answering (a TCP reset where the
	// connection allows it).
	FaultReset Fault = "reset"
)

// ParseFault reads a fault kind as the command line gives it: "429", "503" or "reset".
func ParseFault(s string) (Fault, error) {
	switch f := Fault(strings.ToLower(strings.TrimSpace(s))); f {
	case FaultThrottle, FaultUnavailable, FaultReset:
		return f, nil
	}
	return "", fmt.Errorf("fault %q: want 429, 503 or reset", s)
}
