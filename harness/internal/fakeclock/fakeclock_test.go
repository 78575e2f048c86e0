package fakeclock

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var epoch = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)

func fired(c <-chan time.Time) (time.Time, bool) {
	select {
	case t := <-c:
		return t, true
	default:
		return time.Time{}, false
	}
}

// TestAdvance: a wait ends when the clock reaches its end, not before.
func TestAdvance(t *testing.T) {
	c := New(epoch)
	short, long := c.After(time.Second), c.After(3*time.Second)
	<-c.Waiting(2)
	if _, ok := fired(c.After(0)); !ok {
		t.Error("a wait of 0 is not over at once")
	}
	c.Advance(999 * time.Millisecond)
	if _, ok := fired(short); ok {
		t.Error("a 1s wait ended after 999ms")
	}
	c.Advance(time.Millisecond)
	if at, ok := fired(short); !ok || !at.Equal(epoch.Add(time.Second)) {
		t.Errorf("the 1s wait: ended %v at %v", ok, at)
	}
	if _, ok := fired(long); ok {
		t.Error("a 3s wait ended after 1s")
	}
	c.Advance(time.Hour)
	if at, ok := fired(long); !ok || !at.Equal(epoch.Add(time.Hour+time.Second)) {
		t.Errorf("the 3s wait: ended %v at %v", ok, at)
	}
	if diff := cmp.Diff([]time.Duration{time.Second, 3 * time.Second, 0}, c.Waits()); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
}

// TestAuto: an automatic clock moves by each wait at once.
func TestAuto(t *testing.T) {
	c := Auto(epoch)
	if at, ok := fired(c.After(2 * time.Second)); !ok || !at.Equal(epoch.Add(2*time.Second)) {
		t.Errorf("ended %v at %v", ok, at)
	}
	c.After(500 * time.Millisecond)
	if got := c.Now(); !got.Equal(epoch.Add(2500 * time.Millisecond)) {
		t.Errorf("now %v", got)
	}
	if diff := cmp.Diff([]time.Duration{2 * time.Second, 500 * time.Millisecond}, c.Waits()); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
}
