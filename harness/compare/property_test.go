package compare

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/docconform/docconform/fixtures"
	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/docjson"
	"github.com/docconform/docconform/harness/extract"
)

// corpusResponses is every documented response with a JSON body in the real Graph v1.0
// API pages. It skips the test when the corpus is absent.
func corpusResponses(t *testing.T) []harness.Response {
	t.Helper()
	api := fixtures.CorpusAPI(t)
	var out []harness.Response
	seen := map[string]bool{}
	err := extract.Tree(context.Background(), []string{api}, func(p harness.Page) error {
		for _, e := range p.Examples {
			for _, r := range e.Responses {
				key := p.File + ":" + strconv.Itoa(r.Line)
				b := strings.TrimSpace(r.Body)
				// (A body documented for 204 is not compared: those pages are wrong.)
				if seen[key] || b == "" || (b[0] != '{' && b[0] != '[') || r.Status == 204 || r.Status == 304 {
					continue
				}
				seen[key] = true
				out = append(out, r)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// strictOf re-encodes a documented body as the strict JSON a service would send.
func strictOf(t *testing.T, r harness.Response) (docjson.Value, string, bool) {
	v, _, err := docjson.Parse([]byte(r.Body))
	if err != nil {
		return v, "", false
	}
	return v, string(v.AppendJSON(nil)), true
}

func actualOf(r harness.Response, body string) harness.Actual {
	return harness.Actual{Status: r.Status, Body: body, Headers: []harness.Header{{Name: "Content-Type", Value: "application/json"}}}
}

// TestPropertySelf: every documented response compared with itself conforms, in both modes.
func TestPropertySelf(t *testing.T) {
	responses := corpusResponses(t)
	n := 0
	for _, r := range responses {
		_, body, ok := strictOf(t, r)
		if !ok {
			continue
		}
		n++
		for _, mode := range []Mode{Shape, Exact} {
			// The walk itself, not the shortcut for identical texts.
			res := response(r, actualOf(r, body), []Option{WithMode(mode)}, false)
			if !res.OK() {
				t.Errorf("line %d (mode %d): a documented response differs from itself: %+v\n%s", r.Line, mode, res.Differences, body)
			}
		}
	}
	t.Logf("%d documented JSON responses compared with themselves", n)
	if n < 1400 {
		t.Errorf("only %d responses compared; the corpus has about 1,450 with JSON bodies", n)
	}
}

// TestPropertyAddition: adding a property to the answer passes iff the sample is truncated.
func TestPropertyAddition(t *testing.T) {
	for _, r := range corpusResponses(t) {
		v, body, ok := strictOf(t, r)
		if !ok || v.Kind != docjson.Object {
			continue
		}
		added := `{"docconformAdded":1,` + strings.TrimPrefix(body, "{")
		if body == "{}" {
			added = `{"docconformAdded":1}`
		}
		res := Response(r, actualOf(r, added))
		truncated := r.Truncated || r.ExpectError || r.Status >= 400 || v.Truncated
		if res.OK() != truncated {
			t.Errorf("line %d: truncated=%v but adding a property gave %+v", r.Line, truncated, res.Differences)
		}
		if !truncated && (len(res.Differences) != 1 || res.Differences[0].Kind != "unexpected" || res.Differences[0].Path != "docconformAdded") {
			t.Errorf("line %d: want one unexpected at docconformAdded, got %+v", r.Line, res.Differences)
		}
	}
}

// TestPropertyDeletion: deleting a documented property always fails with "missing" at
// exactly its path. (Properties inside arrays of several documented items are left out:
// with the item changed, another template may fit it better.)
func TestPropertyDeletion(t *testing.T) {
	checked := 0
	for _, r := range corpusResponses(t) {
		v, _, ok := strictOf(t, r)
		if !ok {
			continue
		}
		optional := names(r.OptionalProperties, r.NullableProperties)
		var walk func(v *docjson.Value, path []string)
		walk = func(cur *docjson.Value, path []string) {
			switch cur.Kind {
			case docjson.Object:
				for i := range cur.Members {
					m := cur.Members[i]
					if isControl(m.Key) || optional[m.Key] || dup(cur.Members[i+1:], m.Key) || dup(cur.Members[:i], m.Key) {
						continue
					}
					p := append(path[:len(path):len(path)], gjson.Escape(m.Key))
					saved := cur.Members
					cur.Members = append(append([]docjson.Member(nil), saved[:i]...), saved[i+1:]...)
					body := string(v.AppendJSON(nil))
					cur.Members = saved
					res := Response(r, actualOf(r, body))
					want := strings.Join(p, ".")
					found := false
					for _, d := range res.Differences {
						if d.Kind == "missing" && d.Path == want {
							found = true
						}
					}
					if !found {
						t.Errorf("line %d: deleting %s gave %+v", r.Line, want, res.Differences)
					}
					checked++
					walk(&cur.Members[i].Value, p)
				}
			case docjson.Array:
				if len(cur.Items) == 1 {
					walk(&cur.Items[0], append(path[:len(path):len(path)], "0"))
				}
			}
		}
		walk(&v, nil)
	}
	t.Logf("%d deletions checked", checked)
}
