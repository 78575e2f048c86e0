package mock

import (
	"bytes"
	"strings"
	"sync"

	"github.com/tidwall/gjson"
	"github.com/tidwall/pretty"

	"github.com/docconform/docconform/harness/docjson"
)

// maxFeatures bounds the features kept of one body.
const maxFeatures = 512

// body is a request body as the mock tells bodies apart.
type body struct {
	// text is the body as strict compact JSON when it is a JSON object or array (read
	// leniently, as docs write it), else the text with CRLF read as LF and surrounding
	// white space trimmed.
	text   string
	isJSON bool
	// feats are the body's member paths ("k:a.b") and scalar values ("v:a.b=1") when it
	// is JSON: how close two different bodies are. They are worked out the first time
	// bodies must be compared, which few requests need.
	once  *sync.Once
	feats map[string]struct{}
}

// readBody reads a documented request body.
func readBody(src []byte) body {
	text, isJSON := canonicalText(src)
	return body{text: text, isJSON: isJSON, once: new(sync.Once)}
}

// features returns the body's features, working them out once.
func (b *body) features() map[string]struct{} {
	b.once.Do(func() {
		if !b.isJSON {
			return
		}
		if v, ok := jsonBody([]byte(b.text)); ok {
			b.feats = map[string]struct{}{}
			features(&v, "", b.feats)
		}
	})
	return b.feats
}

// canonicalText is a body as bodies are compared: strict compact JSON when src is a JSON
// object or array (read leniently), else the text with CRLF read as LF and surrounding
// white space trimmed. Strict JSON is only compacted (the common case, and a fast one).
func canonicalText(src []byte) (string, bool) {
	if t := bytes.TrimSpace(src); len(t) > 0 && (t[0] == '{' || t[0] == '[') && gjson.ValidBytes(t) {
		return string(pretty.Ugly(t)), true
	}
	if v, ok := jsonBody(src); ok {
		return string(v.AppendJSON(nil)), true
	}
	return strings.TrimSpace(strings.ReplaceAll(string(src), "\r\n", "\n")), false
}

// jsonBody parses src as doc JSON and reports whether it is an object or an array.
func jsonBody(src []byte) (docjson.Value, bool) {
	if len(strings.TrimSpace(string(src))) == 0 {
		return docjson.Value{}, false
	}
	v, _, err := docjson.Parse(src)
	if err != nil || (v.Kind != docjson.Object && v.Kind != docjson.Array) {
		return docjson.Value{}, false
	}
	return v, true
}

func features(v *docjson.Value, path string, out map[string]struct{}) {
	if len(out) >= maxFeatures {
		return
	}
	switch v.Kind {
	case docjson.Object:
		for i := range v.Members {
			m := &v.Members[i]
			p := path + "." + m.Key
			out["k:"+p] = struct{}{}
			features(&m.Value, p, out)
		}
	case docjson.Array:
		for i := range v.Items {
			features(&v.Items[i], path+"[]", out)
		}
	default:
		out["v:"+path+"="+string(v.AppendJSON(nil))] = struct{}{}
	}
}

// bodyScore is how close a sent JSON body is to a documented one; greater is better.
type bodyScore struct {
	shared int // features in both
	only   int // documented features the sent body lacks (fewer is better)
}

func (a bodyScore) cmp(b bodyScore) int {
	if a.shared != b.shared {
		return sign(a.shared - b.shared)
	}
	return sign(b.only - a.only)
}

func scoreBody(doc *body, sent map[string]struct{}) bodyScore {
	var s bodyScore
	for f := range doc.features() {
		if _, ok := sent[f]; ok {
			s.shared++
		} else {
			s.only++
		}
	}
	return s
}
