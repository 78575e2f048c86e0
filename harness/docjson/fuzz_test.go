package docjson

import (
	"bytes"
	"encoding/json"
	"testing"

	"reflect"
	"sort"

	"github.com/google/go-cmp/cmp"
)

// fuzzSeeds are tricky inputs beyond the test tables, which are seeds too.
var fuzzSeeds = []string{
	"",
	"{\"a\":1,\"b\":[true,false,null,\"x\\u00e9\\ud83d\\ude00\"]}",
	"{\n  \"blockType\": \"response\",\n  \"truncated\": true,\n} ",
	"{ isCollection: true, \"@odata.type\": \"microsoft.graph.user\" }",
	"[ {...}, ... ]",
	"{\"a\": ..., \"b\": …, …}",
	"{\"audioDuration\": 00:00:00\n\"b\": 2}",
	"{'target':'#p','content':'<img src=\"x\" />', 'it\\'s': 1}",
	"{\"id\": \"https://x/extensions\n('y')\"}",
	"\ufeff{\u00a0\"a\":\u202f1,\u3000}",
	"{\"a\": [1, {\"b\": \"abc",
	"{\"a\": 1} trailing // c\n/* x",
	"[1,,]",
	"[1,,2]",
	"[Zip file containing a Teams app package]",
	"<bytes 0-25 of the file>",
	"{/* relationships */ \"a\": [{\"@odata.type\": \"x\"}],}",
	"[0x1F, .5, 5., NaN, -Infinity, 0001, +1, 1.e5]",
	"\"\\d\\'\\u12G4\\ud800\\u0041\xff\"",
	"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
	"{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":",
	"[\"a\r\nb\", x\r\n,y]",
	"{a /* c */ : 1, a: 2}",
	"[.../**/]",
	"[...abc, …x]",
	"{\"k\":1,\n\"k\":2}",
	"-",
	"[-0, -01, 1e999, 123456789012345678901234567890]",
	"'",
	"{\"",
	"[\"\\",
	"//",
	"/*",
	"[/",
	"{\"a\" 1}",
	"{\"code\": \"\"internalServerError\", \"x\": 1}",
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	for _, tc := range strictCases {
		f.Add([]byte(tc.in))
	}
	for _, tc := range lenientCases {
		f.Add([]byte(tc.in))
	}
	for _, tc := range errorCases {
		f.Add([]byte(tc.in))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		orig := bytes.Clone(src)
		v, lens, err := Parse(src)
		if !bytes.Equal(src, orig) {
			t.Fatal("Parse modified its input")
		}
		checkLeniencies(t, src, lens)
		// Opening agrees with Parse: an object or array read opens with its bracket.
		if err == nil && (v.Kind == Object || v.Kind == Array) {
			if o, want := Opening(string(src)), map[Kind]byte{Object: '{', Array: '['}[v.Kind]; o != want {
				t.Fatalf("Parse read a %v, Opening says %q", v.Kind, o)
			}
		}
		strictIn := json.Valid(src)
		if err != nil {
			se, ok := err.(*SyntaxError)
			if !ok {
				t.Fatalf("error %T %v is not a *SyntaxError", err, err)
			}
			if se.Offset < 0 || se.Offset > len(src) {
				t.Fatalf("error offset %d out of range", se.Offset)
			}
			if l, c := lineColOf(src, se.Offset); l != se.Line || c != se.Col {
				t.Fatalf("error %v: offset %d is at %d:%d", se, se.Offset, l, c)
			}
			if strictIn {
				t.Fatalf("strict JSON %q rejected: %v", src, err)
			}
			if d := cmp.Diff(Value{}, v); d != "" {
				t.Fatalf("value not zero on error: %s", d)
			}
			return
		}
		checkPositions(t, src, newLineIndex(src), &v)

		if strictIn {
			for _, l := range lens {
				if l.Kind != DuplicateKey {
					t.Fatalf("strict JSON %q gave leniency %v", src, l)
				}
			}
			// reflect.DeepEqual, not cmp.Diff: cmp is exponential in depth.
			if !reflect.DeepEqual(unmarshal(t, src), unmarshal(t, v.AppendJSON(nil))) {
				t.Fatalf("strict JSON %q decodes differently from encoding/json: %s", src, v.AppendJSON(nil))
			}
		}

		out := v.AppendJSON(nil)
		if !json.Valid(out) {
			t.Fatalf("AppendJSON of %q gave invalid JSON %q", src, out)
		}
		v2, lens2, err := Parse(out)
		if err != nil {
			t.Fatalf("re-parsing %q: %v", out, err)
		}
		for _, l := range lens2 {
			if l.Kind != DuplicateKey {
				t.Fatalf("re-parsing %q gave leniency %v", out, l)
			}
		}
		if !sameValue(normalize(v), stripPos(v2)) {
			t.Fatalf("round trip of %q through %q changed the value", src, out)
		}
	})
}

// normalize returns what AppendJSON then Parse should give for v: no
// positions, no Truncated, Omitted as null, number forms as strings.
func normalize(v Value) Value {
	v = stripPos(v)
	var walk func(v *Value)
	walk = func(v *Value) {
		v.Truncated = false
		switch v.Kind {
		case Omitted:
			*v = Value{Kind: Null}
		case Number:
			if !validNumber(v.Text) {
				v.Kind = String
			}
		}
		for i := range v.Members {
			walk(&v.Members[i].Value)
		}
		for i := range v.Items {
			walk(&v.Items[i])
		}
	}
	walk(&v)
	return v
}

func lineColOf(src []byte, off int) (int, int) {
	b := src[:off]
	return 1 + bytes.Count(b, []byte("\n")), off - bytes.LastIndexByte(b, '\n')
}

// lineIndex answers lineColOf in O(log n) for many offsets.
type lineIndex []int // offsets of line starts

func newLineIndex(src []byte) lineIndex {
	li := lineIndex{0}
	for i, c := range src {
		if c == '\n' {
			li = append(li, i+1)
		}
	}
	return li
}

func (li lineIndex) lineCol(off int) (int, int) {
	l := sort.SearchInts(li, off+1) // first line start after off
	return l, off - li[l-1] + 1
}

// checkLeniencies checks that leniencies are in document order and that
// each position is consistent.
func checkLeniencies(t *testing.T, src []byte, lens []Leniency) {
	t.Helper()
	li := newLineIndex(src)
	for i, l := range lens {
		if l.Offset < 0 || l.Offset > len(src) {
			t.Fatalf("leniency %v: offset %d out of range", l, l.Offset)
		}
		if i > 0 && l.Offset < lens[i-1].Offset {
			t.Fatalf("leniencies out of order: %v", lens)
		}
		if ln, c := li.lineCol(l.Offset); ln != l.Line || c != l.Col {
			t.Fatalf("leniency %v at offset %d is at %d:%d", l, l.Offset, ln, c)
		}
		if int(l.Kind) >= NumLeniencyKinds {
			t.Fatalf("bad leniency kind %d", l.Kind)
		}
	}
}

// checkPositions checks that every value's and key's line and column agree
// with its offset.
func checkPositions(t *testing.T, src []byte, li lineIndex, v *Value) {
	t.Helper()
	if v.Offset < 0 || v.Offset >= len(src) {
		t.Fatalf("value offset %d out of range", v.Offset)
	}
	if l, c := li.lineCol(v.Offset); l != v.Line || c != v.Col {
		t.Fatalf("value %v at offset %d is at %d:%d, not %d:%d", v.Kind, v.Offset, l, c, v.Line, v.Col)
	}
	for i := range v.Members {
		m := &v.Members[i]
		if m.Offset < 0 || m.Offset >= len(src) {
			t.Fatalf("key offset %d out of range", m.Offset)
		}
		if l, c := li.lineCol(m.Offset); l != m.Line || c != m.Col {
			t.Fatalf("key %q at offset %d is at %d:%d, not %d:%d", m.Key, m.Offset, l, c, m.Line, m.Col)
		}
		checkPositions(t, src, li, &m.Value)
	}
	for i := range v.Items {
		checkPositions(t, src, li, &v.Items[i])
	}
}

// sameValue is a linear deep equality of values (go-cmp takes exponential
// time on deeply nested slices).
func sameValue(a, b Value) bool {
	if a.Kind != b.Kind || a.Text != b.Text || a.Truncated != b.Truncated ||
		a.Line != b.Line || a.Col != b.Col || a.Offset != b.Offset ||
		len(a.Members) != len(b.Members) || len(a.Items) != len(b.Items) ||
		(a.Members == nil) != (b.Members == nil) || (a.Items == nil) != (b.Items == nil) {
		return false
	}
	for i := range a.Members {
		x, y := &a.Members[i], &b.Members[i]
		if x.Key != y.Key || x.Line != y.Line || x.Col != y.Col || x.Offset != y.Offset || !sameValue(x.Value, y.Value) {
			return false
		}
	}
	for i := range a.Items {
		if !sameValue(a.Items[i], b.Items[i]) {
			return false
		}
	}
	return true
}
