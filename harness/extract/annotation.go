package extract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/docjson"
)

// annotation is a parsed block annotation: the JSON object in an HTML comment.
type annotation struct {
	line int // line of "<!--"
	// page is true for page annotations ("type": "#page.annotation"), which annotate no block.
	page      bool
	blockType string
	names     []string
	expect    harness.Expectation
	keyProp   string
	baseType  string
	extra     map[string]json.RawMessage
}

// comment is one HTML comment found at the start of an HTML block.
type comment struct {
	body     []byte // between "<!--" and "-->"
	bodyLine int    // page line of body[0]
	line     int    // page line of "<!--"
	closed   bool
	trailing []byte // text after "-->" on its line
}

// parseAnnotation reads a comment whose body starts with "{". It reports false when the
// body is not JSON even leniently (a diagnostic says so).
func (x *extractor) parseAnnotation(c comment) (annotation, bool) {
	a := annotation{line: c.line}
	v, lenient, err := docjson.Parse(c.body)
	at := func(line int) int { return c.bodyLine + line - 1 }
	if err != nil {
		line := c.line
		if se, ok := err.(*docjson.SyntaxError); ok {
			line = at(se.Line)
			err = fmt.Errorf("%s", se.Msg)
		}
		x.diag(line, harness.Error, "annotation-invalid",
			"annotation is not JSON, even read leniently (%v); the comment is ignored", err)
		return a, false
	}
	if v.Kind != docjson.Object {
		x.diag(c.line, harness.Error, "annotation-invalid", "annotation is a JSON %s, not an object; the comment is ignored", v.Kind)
		return a, false
	}
	if !isAnnotation(v) {
		// JSON in a comment that is not an annotation: a commented-out body.
		return a, false
	}
	seen := map[[2]int]bool{}
	for _, l := range lenient {
		if k := [2]int{l.Line, int(l.Kind)}; !seen[k] {
			seen[k] = true
			x.diag(at(l.Line), harness.Warning, "annotation-lenient",
				"annotation is not strict JSON (%s); read leniently", l.Kind)
		}
	}
	for _, m := range v.Members {
		x.annotationKey(&a, m, at(m.Line))
	}
	if t, ok := v.Get("type"); ok && t.Kind == docjson.String && strings.EqualFold(t.Text, "#page.annotation") {
		a.page = true
	}
	return a, true
}

func (x *extractor) annotationKey(a *annotation, m docjson.Member, line int) {
	v := m.Value
	switch m.Key {
	case "blockType":
		a.blockType = x.annString(m, line)
	case "name":
		a.names = x.annNames(m, line)
	case "truncated":
		a.expect.Truncated = x.annBool(m, line)
	case "isCollection":
		a.expect.IsCollection = x.annBool(m, line)
	case "isEmpty":
		a.expect.IsEmpty = x.annBool(m, line)
	case "expectError":
		a.expect.ExpectError = x.annBool(m, line)
	case "@odata.type", "@type":
		if m.Key == "@type" {
			x.diag(line, harness.Warning, "annotation-at-type", `annotation uses "@type"; read as "@odata.type"`)
		}
		t := x.annString(m, line)
		if inner, ok := collectionOf(t); ok {
			t = inner
			a.expect.IsCollection = true
		}
		a.expect.ODataType = t
	case "collectionProperty":
		a.expect.CollectionProperty = x.annString(m, line)
	case "optionalProperties":
		a.expect.OptionalProperties = x.annStrings(m, line)
	case "nullableProperties":
		a.expect.NullableProperties = x.annStrings(m, line)
	case "keyProperty":
		a.keyProp = x.annString(m, line)
	case "baseType":
		a.baseType = x.annString(m, line)
	default:
		if a.extra == nil {
			a.extra = map[string]json.RawMessage{}
		}
		a.extra[m.Key] = v.AppendJSON(nil)
	}
}

// collectionOf reads "Collection(x)".
func collectionOf(t string) (string, bool) {
	if len(t) > len("Collection()") && strings.EqualFold(t[:len("Collection(")], "Collection(") && strings.HasSuffix(t, ")") {
		return strings.TrimSpace(t[len("Collection(") : len(t)-1]), true
	}
	return t, false
}

func (x *extractor) annBool(m docjson.Member, line int) bool {
	v := m.Value
	switch {
	case v.Kind == docjson.Bool:
		return v.Text == "true"
	case v.Kind == docjson.Null:
		return false
	case v.Kind == docjson.String && (strings.EqualFold(v.Text, "true") || strings.EqualFold(v.Text, "false")):
		b := strings.EqualFold(v.Text, "true")
		x.diag(line, harness.Warning, "annotation-string-bool", "annotation key %q is the string %q; read as %t", m.Key, v.Text, b)
		return b
	}
	x.diag(line, harness.Warning, "annotation-bad-value", "annotation key %q should be true or false, not a %s; read as false", m.Key, v.Kind)
	return false
}

func (x *extractor) annString(m docjson.Member, line int) string {
	v := m.Value
	switch v.Kind {
	case docjson.String:
		return v.Text
	case docjson.Null:
		return ""
	}
	x.diag(line, harness.Warning, "annotation-bad-value", "annotation key %q should be a string, not a %s; ignored", m.Key, v.Kind)
	return ""
}

func (x *extractor) annStrings(m docjson.Member, line int) []string {
	v := m.Value
	switch v.Kind {
	case docjson.String:
		x.diag(line, harness.Warning, "annotation-bad-value", "annotation key %q should be an array of strings; read as [%q]", m.Key, v.Text)
		return []string{v.Text}
	case docjson.Null:
		return nil
	case docjson.Array:
		out := make([]string, 0, len(v.Items))
		for _, it := range v.Items {
			if it.Kind != docjson.String {
				x.diag(line, harness.Warning, "annotation-bad-value", "annotation key %q holds a %s among its strings; it is left out", m.Key, it.Kind)
				continue
			}
			out = append(out, it.Text)
		}
		return out
	}
	x.diag(line, harness.Warning, "annotation-bad-value", "annotation key %q should be an array of strings, not a %s; ignored", m.Key, v.Kind)
	return nil
}

func (x *extractor) annNames(m docjson.Member, line int) []string {
	switch m.Value.Kind {
	case docjson.String:
		if m.Value.Text == "" {
			return nil
		}
		return []string{m.Value.Text}
	case docjson.Array, docjson.Null:
		return x.annStrings(m, line)
	}
	x.diag(line, harness.Warning, "annotation-bad-value", "annotation key %q should be a string or an array of strings, not a %s; ignored", m.Key, m.Value.Kind)
	return nil
}

// annotationKeys are the keys that make a JSON object in a comment an annotation.
var annotationKeys = map[string]bool{
	"blockType": true, "type": true, "name": true, "truncated": true, "@odata.type": true, "@type": true,
	"isCollection": true, "collectionProperty": true, "isEmpty": true, "expectError": true,
	"optionalProperties": true, "nullableProperties": true, "keyProperty": true, "baseType": true,
}

// isAnnotation reports whether a comment's JSON object is an annotation (it has at least
// one annotation key) rather than, say, a commented-out response body.
func isAnnotation(v docjson.Value) bool {
	for _, m := range v.Members {
		if annotationKeys[m.Key] {
			return true
		}
	}
	return false
}

// comments finds the HTML comments that open lines of an HTML block. text is the block's
// text and line the page line of its first line.
func comments(text []byte, line int) []comment {
	var out []comment
	for {
		k := bytes.Index(text, []byte("<!--"))
		if k < 0 {
			return out
		}
		line += bytes.Count(text[:k], []byte{'\n'})
		text = text[k+4:]
		c := comment{line: line, bodyLine: line}
		end := bytes.Index(text, []byte("-->"))
		if end < 0 {
			c.body = text
			out = append(out, c)
			return out
		}
		c.body, c.closed = text[:end], true
		text = text[end+3:]
		line += bytes.Count(c.body, []byte{'\n'})
		eol := bytes.IndexByte(text, '\n')
		if eol < 0 {
			eol = len(text)
		}
		if t := bytes.TrimSpace(text[:eol]); len(t) > 0 && !bytes.HasPrefix(t, []byte("<!--")) {
			c.trailing = t
		}
		out = append(out, c)
	}
}
