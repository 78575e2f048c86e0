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
	c.shapes = append(c.shapes, c.shape())
}

// warn is a warning about the whole response.
func (c *comparer) warn(w string) {
	if !c.counting {
		c.res.Warnings = append(c.res.Warnings, w)
		c.warnShapes = append(c.warnShapes, "")
	}
}

// warnHere is a warning of a kind about the current value.
func (c *comparer) warnHere(kind, w string) {
	if !c.counting {
		c.res.Warnings = append(c.res.Warnings, w)
		c.warnShapes = append(c.warnShapes, kind+"\x1f"+c.shape())
	}
}

// shape is the current path with every array index alike ("" at the root).
func (c *comparer) shape() string {
	if len(c.path) == 0 {
		return ""
	}
	var b strings.Builder
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
	c.res.Differences = collapse(c.res.Differences, c.shapes)
	c.res.Warnings = foldWarnings(c.res.Warnings, c.warnShapes)
	return c.res
}

// collapse folds differences that repeat across the items of an array (same kind, same
// shape: the path but for its indexes) into the first, counting the others: a service
// that drops one property from 20,000 items is one finding, not 20,000.
func collapse(ds []harness.Difference, shapes []string) []harness.Difference {
	if len(ds) < 2 {
		return ds
	}
	groups := map[string]int{} // where in out
	out := ds[:0]
	for i, d := range ds {
		if shapes[i] != "" {
			key := string(d.Kind) + "\x1e" + shapes[i]
			if g, ok := groups[key]; ok {
				out[g].More++
				continue
			}
			groups[key] = len(out)
		}
		out = append(out, d)
	}
	return out
}

// foldWarnings folds warnings of one kind that repeat across the items of an array into
// the first, which says how many more there are.
func foldWarnings(ws, shapes []string) []string {
	if len(ws) < 2 {
		return ws
	}
	first := map[string]int{} // where in out
	more := map[int]int{}
	out := ws[:0]
	for i, w := range ws {
		if shapes[i] != "" {
			if g, ok := first[shapes[i]]; ok {
				more[g]++
				continue
			}
			first[shapes[i]] = len(out)
		}
		out = append(out, w)
	}
	for g, n := range more {
		out[g] += " (and at " + harness.Plural(n, "more item") + " like it)"
	}
	return out
}
