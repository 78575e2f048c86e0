package reports

import (
	"fmt"
	"io"
	"testing"

	"github.com/docconform/docconform/harness"
)

// BenchmarkJSON writes the JSON report of a run the size of the v1.0 corpus against the
// mock (2,414 results), a tenth of them failed with differences and warnings.
func BenchmarkJSON(b *testing.B) {
	base := fullRun()
	run := base
	run.Results = nil
	for i := range 2414 {
		r := base.Results[i%len(base.Results)]
		r.ID = fmt.Sprintf("api/page-%d.md#example", i)
		run.Results = append(run.Results, r)
	}
	run = summed(run)
	var n int64
	for b.Loop() {
		w := &countingWriter{}
		if err := (JSON{}).Write(w, run); err != nil {
			b.Fatal(err)
		}
		n = w.n
	}
	b.SetBytes(n)
	_ = harness.Passed
}

type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*countingWriter)(nil)
