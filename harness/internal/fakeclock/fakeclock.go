// Package fakeclock is a clock for tests of timing logic: it satisfies replay.Clock, and
// time on it moves only when the test says so, never by itself. It records every wait
// asked of it, so a test asserts the waits (Retry-After: 2 → a wait of 2s) instead of
// measuring them.
//
// A clock made by New stands still until Advance moves it: a wait ends once the clock
// has been advanced past its end, and Waiting lets the test see that something waits.
// A clock made by Auto moves forward by each wait as it is asked, at once: whatever
// waits on it goes on without waiting, as if the time had passed (waits asked
// concurrently then add up, one after the other).
package fakeclock

import (
	"slices"
	"sync"
	"time"
)

// Clock is a fake clock. It is safe for concurrent use.
type Clock struct {
	mu      sync.Mutex
	now     time.Time
	auto    bool
	waits   []time.Duration
	pending []waiter
	changed chan struct{} // closed and replaced when pending grows
}

type waiter struct {
	at time.Time
	c  chan time.Time
}

// New returns a clock at start that moves only when Advance is called.
func New(start time.Time) *Clock {
	return &Clock{now: start, changed: make(chan struct{})}
}

// Auto returns a clock at start that moves forward by each wait asked of it, at once.
func Auto(start time.Time) *Clock {
	c := New(start)
	c.auto = true
	return c
}

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// After records a wait of d and returns a channel that receives the clock's time when
// the wait is over: at once on an Auto clock (which moves forward by d) or when d is
// not positive; else when Advance reaches it.
func (c *Clock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waits = append(c.waits, d)
	ch := make(chan time.Time, 1)
	if c.auto && d > 0 {
		c.now = c.now.Add(d)
	}
	if c.auto || d <= 0 {
		ch <- c.now
		return ch
	}
	c.pending = append(c.pending, waiter{at: c.now.Add(d), c: ch})
	close(c.changed)
	c.changed = make(chan struct{})
	return ch
}

// Advance moves the clock forward by d and ends the waits that are then over.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	c.pending = slices.DeleteFunc(c.pending, func(w waiter) bool {
		if w.at.After(c.now) {
			return false
		}
		w.c <- c.now
		return true
	})
}

// Waits are the waits asked of the clock so far, in the order they were asked.
func (c *Clock) Waits() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.waits)
}

// Waiting returns a channel closed once n waits are pending (asked and not over): the
// goroutines the test started then wait on the clock, and Advance decides what they do.
// A test selects on it with what the goroutines return, so that one that does not wait
// on the clock fails the test instead of hanging it.
func (c *Clock) Waiting(n int) <-chan struct{} {
	out := make(chan struct{})
	go func() {
		defer close(out)
		for {
			c.mu.Lock()
			if len(c.pending) >= n {
				c.mu.Unlock()
				return
			}
			ch := c.changed
			c.mu.Unlock()
			<-ch
		}
	}()
	return out
}
