package reports

import (
	"fmt"
	"io"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/atomicfile"
)

// Format renders a finished (or partial) run as one report. JSON is one; Console, which
// follows a run as it goes, is not.
type Format interface {
	Write(w io.Writer, run harness.Run) error
}

// FormatFunc adapts a function to Format.
type FormatFunc func(w io.Writer, run harness.Run) error

// Write calls f(w, run).
func (f FormatFunc) Write(w io.Writer, run harness.Run) error { return f(w, run) }

// FormatNamed returns the format that --report NAME=FILE names.
func FormatNamed(name string) (Format, error) {
	switch name {
	case "json":
		return JSON{}, nil
	}
	return nil, fmt.Errorf("unknown report format %q (known: json)", name)
}

// WriteFile writes run to path in format f, atomically: readers of path see the previous
// report or the new one, never a half-written file, and on any error path is left as it
// was.
func WriteFile(path string, f Format, run harness.Run) error {
	return atomicfile.Write(path, func(w io.Writer) error {
		if err := f.Write(w, run); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		return nil
	})
}
