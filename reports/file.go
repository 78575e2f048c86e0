package reports

import (
	"fmt"
	"io"

	"github.com/docconform/docconform/harness"
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
