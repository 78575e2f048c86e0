package compare

import (
	"encoding/json"
	"io"
	"math/big"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/docconform/docconform/harness"
)

// FuzzExactOracle holds the walk to go-cmp: in exact mode, with no ignore paths, a strict
// JSON answer conforms to a strict JSON documented body exactly when cmp.Equal finds the
// two decoded values equal. (The walk is needed for what equality cannot say — templates,
// truncation, gjson paths into the answer, page lines —, and go-cmp is the oracle for what
// it can.) Bodies the oracle cannot speak for are left out: not strict JSON, not valid
// UTF-8, with surrogate escapes (decoders differ on lone ones), or with an "@" (OData control
// information and instance annotations are never unexpected).
func FuzzExactOracle(f *testing.F) {
	for _, s := range [][2]string{
		{`{"a": 1, "b": [1, 2]}`, `{"b": [1, 2], "a": 1.0}`},
		{`{"a": 1, "b": [1, 2]}`, `{"a": 1, "b": [2, 1]}`},
		{`{"a": {"b": null}}`, `{"a": {"b": 0}}`},
		{`{"a": "String", "a": "x"}`, `{"a": "x"}`},
		{`[{"id": "1"}, {"id": "2"}]`, `[{"id": "1"}]`},
		{`[{"id": "1"}]`, `[{"id": "1"}, {"id": "2"}]`},
		{`{"n": 12345678901234567890}`, `{"n": 12345678901234567891}`},
		{`{"d": "2017-01-01T00:00:00Z"}`, `{"d": "2017-01-01T00:00:00.000Z"}`},
		{`{"s": "a\u00e9"}`, `{"s": "aé"}`},
		{`{}`, `null`},
		{`[]`, `{}`},
		{`{"": 1}`, `{"": 1, "x": true}`},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, docBody, actBody string) {
		docBody, actBody = strings.TrimSpace(docBody), strings.TrimSpace(actBody)
		if !oracleSpeaksFor(docBody) || !oracleSpeaksFor(actBody) || (docBody[0] != '{' && docBody[0] != '[') {
			return
		}
		want := harness.Response{Status: 200, Body: docBody, BodyLine: 1}
		got := harness.Actual{Status: 200, Body: actBody}
		r := response(want, got, []Option{WithMode(Exact)}, false)
		if equal := cmp.Equal(decoded(t, docBody), decoded(t, actBody), cmp.Comparer(sameNumberText)); r.OK() != equal {
			t.Fatalf("cmp.Equal = %v, but the walk gives %+v\ndocumented %s\nanswered   %s", equal, r.Differences, docBody, actBody)
		}
	})
}

// surrogate finds a surrogate escape (and, harmlessly, some text that only looks like one).
var surrogate = regexp.MustCompile(`(?i)\\ud[89a-f]`)

func oracleSpeaksFor(s string) bool {
	return s != "" && json.Valid([]byte(s)) && utf8.ValidString(s) && !strings.Contains(s, "@") && !surrogate.MatchString(s)
}

// decoded is a strict JSON text as encoding/json decodes it, numbers kept as written.
func decoded(t *testing.T, s string) any {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		t.Fatalf("%q holds more than one value", s)
	}
	return v
}

// sameNumberText compares numbers by value, as exact mode promises to (the oracle is for
// the walk; numbers have their own test).
func sameNumberText(x, y json.Number) bool {
	if x == y {
		return true
	}
	fx, ok1 := new(big.Float).SetPrec(256).SetString(string(x))
	fy, ok2 := new(big.Float).SetPrec(256).SetString(string(y))
	return ok1 && ok2 && fx.Cmp(fy) == 0
}
