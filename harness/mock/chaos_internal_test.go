package mock

import (
	"math"
	"testing"
)

// TestFaultDistribution: the share of faulted requests is the rate, and the kinds are
// picked evenly, for any seed.
func TestFaultDistribution(t *testing.T) {
	for _, seed := range []uint64{0, 1, 42} {
		cfg := newConfig([]Option{Faults(0.25, FaultThrottle, FaultUnavailable, FaultReset), Seed(seed)})
		c := newChaos(&cfg)
		const n = 20000
		kinds := map[Fault]int{}
		for i := range n {
			target := "/v1.0/users"
			if i%2 == 1 {
				target = "/v1.0/me"
			}
			if f, ok := c.fault("GET", target, uint64(i/2)); ok {
				kinds[f]++
			}
		}
		total := kinds[FaultThrottle] + kinds[FaultUnavailable] + kinds[FaultReset]
		if math.Abs(float64(total)/n-0.25) > 0.02 {
			t.Errorf("seed %d: %d of %d faulted, want about a quarter", seed, total, n)
		}
		for _, k := range []Fault{FaultThrottle, FaultUnavailable, FaultReset} {
			if math.Abs(float64(kinds[k])/float64(total)-1.0/3) > 0.04 {
				t.Errorf("seed %d: kinds %v, want about a third each", seed, kinds)
			}
		}
	}
}
