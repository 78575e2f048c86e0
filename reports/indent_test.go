package reports

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzIndent: indent lays out compact JSON byte for byte as json.Indent does.
func FuzzIndent(f *testing.F) {
	for _, s := range []string{`{}`, `[]`, `{"a":[1,{"b":"x\"y\\","c":{}}],"d":[]}`, `"a:b,{c}"`, `[[[]],{"":null}]`, `{"k":"\u00e9\\\"","l":-1.5e3,"m":true}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var compact bytes.Buffer
		if json.Compact(&compact, src) != nil {
			return
		}
		var want bytes.Buffer
		if err := json.Indent(&want, compact.Bytes(), "", "  "); err != nil {
			t.Fatal(err)
		}
		if got := indent(nil, compact.Bytes()); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("indent(%s):\n%s\njson.Indent:\n%s", compact.Bytes(), got, want.Bytes())
		}
	})
}
