package compare

import (
	"strings"
	"testing"

	"github.com/tidwall/gjson"
	"github.com/tidwall/pretty"

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
			opts := []Option{WithMode(mode), Ignore("**.x")}
			r := Response(want, got, opts...)
			for _, d := range r.Differences {
				if d.Kind == "" || d.Message == "" || len(d.Expected) == 0 || len(d.Actual) == 0 {
					t.Fatalf("bad difference %+v", d)
				}
			}
			// The shortcut for identical texts never changes a verdict the walk would give.
			if sameJSONText(strings.TrimSpace(docBody), strings.TrimSpace(actBody)) {
				if !gjson.Valid(actBody) {
					t.Fatalf("identical texts, but the answer is not JSON: %q", actBody)
				}
				if w := response(want, got, opts, false); !w.OK() || !r.OK() {
					t.Fatalf("identical texts: walk gives %+v, shortcut %+v", w, r)
				}
			}
		}
	})
}

// TestSameJSONText: the same JSON text but for whitespace between tokens, and nothing
// else.
func TestSameJSONText(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{`{"a": [1, 2], "b": "x y"}`, `{"a":[1,2],"b":"x y"}`, true},
		{"{\n  \"a\" : true\r\n}", `{"a":true}`, true},
		{`{"a": "x\" y"}`, `{"a":"x\" y"}`, true},
		{`"\\" `, `"\\"`, true},
		{`{"a": "x y"}`, `{"a":"xy"}`, false},     // space inside a string
		{`{"a": "x\" y"}`, `{"a":"x\"y"}`, false}, // space inside a string after an escaped quote
		{`[1 2]`, `[12]`, false},                  // not JSON on one side
		{`{"a": 1, }`, `{"a":1,}`, false},         // lenient doc JSON is never the shortcut
		{`{"a": 1}`, `{"a": 1} `, true},
		{`{"a": 1}`, `{"a": 1}{}`, false},
		{`{"a": 1.0}`, `{"a":1}`, false},          // numbers as spelled
		{`{"b":1,"a":2}`, `{"a":2,"b":1}`, false}, // member order as written
		{``, ``, false},
	} {
		if got := sameJSONText(c.a, c.b); got != c.want {
			t.Errorf("sameJSONText(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
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

// FuzzSameJSONText: texts taken for the same are both JSON with the same compact form
// (tidwall/pretty's, the oracle); and a text is the same as its compact form.
func FuzzSameJSONText(f *testing.F) {
	for _, s := range [][2]string{
		{`{"a": [1, 2], "b": "x y"}`, `{"a":[1,2],"b":"x y"}`},
		{`{"a": "x\" y"}`, `{"a":"x\" y"}`},
		{`[12]`, `[1 2]`},
		{"{\n  \"a\" : true\r\n}", `{"a":true}`},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if sameJSONText(a, b) {
			if !gjson.Valid(a) || !gjson.Valid(b) || string(pretty.Ugly([]byte(a))) != string(pretty.Ugly([]byte(b))) {
				t.Fatalf("taken for the same: %q and %q", a, b)
			}
		}
		if gjson.Valid(a) && !sameJSONText(a, string(pretty.Ugly([]byte(a)))) {
			t.Fatalf("%q is not the same as its compact form %q", a, pretty.Ugly([]byte(a)))
		}
	})
}
