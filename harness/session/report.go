package session

import (
	"fmt"
	"io"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/internal/atomicfile"
	"github.com/docconform/docconform/reports"
)

// WriteReport writes run to path in format f, atomically: readers of path see the
// previous report or the new one, never a half-written file, and on any error path is
// left as it was.
func WriteReport(path string, f reports.Format, run harness.Run) error {
	return atomicfile.Write(path, func(w io.Writer) error {
		if err := f.Write(w, run); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		return nil
	})
}
