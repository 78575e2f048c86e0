package compare

// Findings: differences and warnings are recorded with their shape (the path but for
// array indexes), and what repeats across the items of an array is folded into one.

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/docjson"
)

func (c *comparer) diffMissing(d *docjson.Value, what string) {
	if c.counting {
		c.count++
		return
	}
	c.record(harness.Difference{Kind: harness.DiffMissing, Path: c.pathString(), Expected: raw(jsonText(d)), Actual: json.RawMessage("null"),
		Message: fmt.Sprintf("documented %s is missing", what), Line: c.line(d)})
}

func (c *comparer) diff(kind harness.DiffKind, d *docjson.Value, a gjson.Result, format string, args ...any) {
	if c.counting {
		c.count++
		return
	}
	c.record(harness.Difference{Kind: kind, Path: c.pathString(), Expected: raw(jsonText(d)), Actual: c.raw(a.Raw),
		Message: fmt.Sprintf(format, args...), Line: c.line(d)})
}

func (c *comparer) diffAt(kind harness.DiffKind, path string, line int, expected, actual, msg string) {
	c.record(harness.Difference{Kind: kind, Path: path, Expected: json.RawMessage(expected), Actual: json.RawMessage(actual), Message: msg, Line: line})
}

func (c *comparer) record(d harness.Difference) {
	c.res.Differences = append(c.res.Differences, d)
	c.shapes = append(c.shapes, c.shape(string(d.Kind)))
}

// warn is a warning about the whole response; line is the page line it is about.
func (c *comparer) warn(kind harness.WarningKind, line int, msg string) {
	c.res.Warnings = append(c.res.Warnings, harness.ResultWarning{Kind: kind, Message: msg, Line: line})
	c.warnShapes = append(c.warnShapes, "")
}

// warnHere is a warning about the current value, documented as d.
func (c *comparer) warnHere(kind harness.WarningKind, d *docjson.Value, format string, args ...any) {
	if c.counting {
		return
	}
	c.res.Warnings = append(c.res.Warnings, harness.ResultWarning{Kind: kind, Path: c.pathString(), Message: fmt.Sprintf(format, args...), Line: c.line(d)})
	c.warnShapes = append(c.warnShapes, c.shape(string(kind)))
}

// shape is a finding of a kind at the current path, with every array index alike: what
// repeats across the items of an array has one shape. It is "" at the root.
func (c *comparer) shape(kind string) string {
	if len(c.path) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(kind)
	for _, seg := range c.path {
		b.WriteByte('\x1f')
		if strings.HasPrefix(seg, "\x00") {
			b.WriteString("\x00#") // an index, whatever its value
		} else {
			b.WriteString(seg)
		}
	}
	return b.String()
}

func (c *comparer) result() Result {
	c.res.Differences = fold(c.res.Differences, c.shapes, func(d *harness.Difference) { d.More++ })
	c.res.Warnings = fold(c.res.Warnings, c.warnShapes, func(w *harness.ResultWarning) { w.More++ })
	return c.res
}

// fold folds the findings that repeat across the items of an array (the same shape: the
// same kind at the same path but for its indexes) into the first, and more counts each
// other into it: a service that drops one property from 20,000 items is one finding, not
// 20,000. Findings at the root (shape "") are never folded.
func fold[T any](xs []T, shapes []string, more func(*T)) []T {
	if len(xs) < 2 {
		return xs
	}
	first := map[string]int{} // where in out
	out := xs[:0]
	for i, x := range xs {
		if shapes[i] != "" {
			if g, ok := first[shapes[i]]; ok {
				more(&out[g])
				continue
			}
			first[shapes[i]] = len(out)
		}
		out = append(out, x)
	}
	return out
}
