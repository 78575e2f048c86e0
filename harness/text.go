package harness

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// How the shared values read for people. The console, `docconform compare` and any other
// writer of text say a difference and a warning the same way, with these.

// String is "kind at path: expected X got Y", with " (and at N more items like it)" when
// the difference repeats across the items of an array. X and Y are the values as one line
// of JSON; a missing property "got nothing", an unexpected one "expected nothing". The
// status, the content type and the body as a whole, which have no path, are at
// "(status)", "(content-type)" and "(body)". The position is not in it: who prints it
// knows the file and says "file:line: " first.
func (d Difference) String() string {
	path := d.Path
	if path == "" {
		switch d.Kind {
		case DiffStatus, DiffContentType:
			path = "(" + string(d.Kind) + ")"
		default:
			path = "(body)"
		}
	}
	want, got := valueText(d.Expected), valueText(d.Actual)
	switch d.Kind {
	case DiffMissing:
		got = "nothing"
	case DiffUnexpected:
		want = "nothing"
	}
	return string(d.Kind) + " at " + path + ": expected " + want + " got " + got + moreText(d.More)
}

// String is "kind at path: message", with " (and at N more items like it)" when the
// warning repeats across the items of an array: a warning reads like a difference. A
// warning about the status is at "(status)", one about the response as a whole at
// "(body)". A warning without a kind (read from an older report) is its message.
func (w ResultWarning) String() string {
	if w.Kind == "" {
		return w.Message + moreText(w.More)
	}
	path := w.Path
	if path == "" {
		path = "(body)"
		if w.Kind == WarnStatusAccepted {
			path = "(status)"
		}
	}
	return string(w.Kind) + " at " + path + ": " + w.Message + moreText(w.More)
}

// moreText says how many more array items a finding stands for ("" for none).
func moreText(more int) string {
	if more <= 0 {
		return ""
	}
	return " (and at " + Plural(more, "more item") + " like it)"
}

// valueText is a value as one line of JSON: "null" for none, a JSON string of the text
// when it is not JSON.
func valueText(v json.RawMessage) string {
	if len(v) == 0 {
		return "null"
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, v); err != nil {
		return strconv.Quote(string(v))
	}
	return buf.String()
}

// Plural writes a count and its noun: "1 example", "3 examples", "0 examples". The plural
// is the noun with an s.
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
