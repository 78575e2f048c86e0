package mock

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// maxChaosKeys bounds the request counts chaos keeps; past it they start again from zero.
const maxChaosKeys = 1 << 16

// chaos injects latency and faults.
type chaos struct {
	latency    time.Duration
	rate       float64
	faults     []Fault
	seed       uint64
	retryAfter string

	mu     sync.Mutex
	counts map[string]uint64 // requests seen, by method and target
}

func newChaos(c *config) *chaos {
	seed := c.seed
	if !c.seeded {
		seed = rand.Uint64()
	}
	secs := int64((c.retryAfter + time.Second - 1) / time.Second)
	return &chaos{
		latency:    c.latency,
		rate:       c.faultRate,
		faults:     c.faults,
		seed:       seed,
		retryAfter: strconv.FormatInt(secs, 10),
		counts:     map[string]uint64{},
	}
}

// fault decides whether the request with this method and target, the n-th such (n
// counting from 0 for each method and target), fails, and how: a pure function of the
// seed, the method, the target and n.
func (c *chaos) fault(method, target string, n uint64) (Fault, bool) {
	if c.rate <= 0 || len(c.faults) == 0 {
		return "", false
	}
	h := fnv.New64a()
	var b [8]byte
	for i := range b {
		b[i] = byte(c.seed >> (8 * i))
	}
	h.Write(b[:])
	h.Write([]byte(method))
	h.Write([]byte{0})
	h.Write([]byte(target))
	for i := range b {
		b[i] = byte(n >> (8 * i))
	}
	h.Write(b[:])
	x := mix(h.Sum64())
	if float64(x>>11)/(1<<53) >= c.rate {
		return "", false
	}
	return c.faults[mix(x)%uint64(len(c.faults))], true
}

// mix is the SplitMix64 finaliser: it spreads FNV's output over all 64 bits.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// next counts a request and returns how many with the same key came before it.
func (c *chaos) next(key string) uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.counts) >= maxChaosKeys {
		clear(c.counts)
	}
	n := c.counts[key]
	c.counts[key] = n + 1
	return n
}

// apply delays the request and injects a fault; it reports whether it answered.
func (c *chaos) apply(w http.ResponseWriter, r *http.Request) bool {
	if c.latency > 0 {
		t := time.NewTimer(c.latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
		}
	}
	if c.rate <= 0 {
		return false
	}
	target := r.URL.EscapedPath()
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	f, ok := c.fault(r.Method, target, c.next(r.Method+" "+target))
	if !ok {
		return false
	}
	switch f {
	case FaultThrottle, FaultUnavailable:
		status, code := http.StatusTooManyRequests, "TooManyRequests"
		if f == FaultUnavailable {
			status, code = http.StatusServiceUnavailable, "ServiceUnavailable"
		}
		a := errorAnswer(status, code, fmt.Sprintf("Injected fault (%s): retry after %s seconds.", f, c.retryAfter))
		w.Header().Set("Retry-After", c.retryAfter)
		a.write(w, r.Method == http.MethodHead)
	case FaultReset:
		reset(w)
	}
	return true
}

// reset drops the connection without an answer: a TCP reset when the connection can be
// hijacked, else an aborted response.
func reset(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			if tc, ok := conn.(*net.TCPConn); ok {
				_ = tc.SetLinger(0)
			}
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}
