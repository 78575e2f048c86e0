package compare

import (
	"strings"
	"testing"

	"github.com/docconform/docconform/harness"
)

// FuzzCompare: whatever the documented and actual bodies, comparison returns (no panic,
// no hang), in both modes, and its differences are well formed.
func FuzzCompare(f *testing.F) {
	for _, s := range [][2]string{
		{`{"a": 1, ...}`, `{"a": 2, "b": 3}`},
		{`{"value": [{"@odata.type": "#x", "id": "1"}, {"@odata.type": "#y", "n": 1}]}`, `{"value": [{"@odata.type": "#y"}, {"id": 2}, 3]}`},
		{`[[[["String"]]]]`, `[[[[1, "x", null]]]]`},
		{`{"d": "2017-01-01T00:00:00Z", "e": "Int32"}`, `{"d": "x", "e": "1"}`},
		{`{"a.b": {"c*": null}}`, `{"a.b": {"c*": {}}}`},
		{`not json`, `{}`},
		{`{"a": 1}`, `{"a": `},
		{strings.Repeat("[", 200) + strings.Repeat("]", 200), strings.Repeat("[", 200) + strings.Repeat("]", 200)},
	} {
		f.Add(s[0], s[1], false)
		f.Add(s[0], s[1], true)
	}
	f.Fuzz(func(t *testing.T, docBody, actBody string, truncated bool) {
		want := harness.Response{Status: 200, Body: docBody, BodyLine: 10, Expectation: harness.Expectation{Truncated: truncated}}
		got := harness.Actual{Status: 200, Body: actBody}
		for _, mode := range []Mode{Shape, Exact} {
			r := Response(want, got, WithMode(mode), Ignore("**.x"))
			for _, d := range r.Differences {
				if d.Kind == "" || d.Message == "" || len(d.Expected) == 0 || len(d.Actual) == 0 {
					t.Fatalf("bad difference %+v", d)
				}
			}
		}
	})
}

// TestDeepNesting: documents nested far deeper than any real page are compared without
// exhausting the stack.
func TestDeepNesting(t *testing.T) {
	const depth = 5000
	body := strings.Repeat(`{"a":`, depth) + "1" + strings.Repeat("}", depth)
	other := strings.Repeat(`{"a":`, depth) + `"x"` + strings.Repeat("}", depth)
	r := Response(harness.Response{Status: 200, Body: body}, harness.Actual{Status: 200, Body: other})
	if len(r.Differences) != 1 || r.Differences[0].Kind != "type" {
		t.Fatalf("want one type difference at depth %d, got %+v", depth, r.Differences)
	}
	if strings.Count(r.Differences[0].Path, "a") != depth {
		t.Errorf("path does not reach depth %d", depth)
	}
}
