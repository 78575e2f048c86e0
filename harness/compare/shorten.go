package compare

// Values as differences show them: redacted, then shortened, and still JSON.

import (
	"encoding/json"
	"fmt"

	"github.com/tidwall/gjson"

	"github.com/docconform/docconform/harness/docjson"
)

// jsonText is a documented value as strict JSON, shortened.
func jsonText(d *docjson.Value) string {
	if d.Kind == docjson.Omitted {
		return quote(d.Text) // "key": ... stands for a value the docs leave out
	}
	return shortenJSON(string(d.AppendJSON(nil)))
}

const maxShown = 120

// act is a piece of the answer as shown: redacted when the comparison was told how.
func (c *comparer) act(s string) string {
	if c.cfg.redact == nil {
		return s
	}
	return c.cfg.redact(s)
}

// raw is an actual JSON value as shown: redacted, then shortened. A secret inside a
// number or a bare word leaves text that is no longer JSON: it is shown as a string.
func (c *comparer) raw(s string) json.RawMessage {
	if c.cfg.redact != nil {
		if r := c.cfg.redact(s); r != s {
			if !json.Valid([]byte(r)) {
				r = quote(r)
			}
			s = r
		}
	}
	return raw(s)
}

func raw(s string) json.RawMessage {
	if s == "" {
		return json.RawMessage("null")
	}
	return json.RawMessage(shortenJSON(s))
}

// shortenJSON keeps a JSON text under about maxShown bytes and still JSON: long strings
// are cut with "…", and objects and arrays keep their first members or items followed by
// a "…" entry counting the others ({"id":"1","…":"12 more"}, [1,2,"… 98 more"]).
func shortenJSON(s string) string {
	if len(s) <= maxShown {
		return s
	}
	r := gjson.Parse(s)
	if !r.Exists() {
		return quote(shorten(s))
	}
	budget := maxShown
	return string(appendShort(nil, r, &budget, 0))
}

func appendShort(dst []byte, r gjson.Result, budget *int, depth int) []byte {
	switch r.Type {
	case gjson.String:
		str := r.Str
		if len(str) > 40 {
			cut := 36
			for cut > 0 && !utf8Start(str[cut]) {
				cut--
			}
			str = str[:cut] + "…"
		}
		q := quote(str)
		*budget -= len(q)
		return append(dst, q...)
	case gjson.JSON:
	default:
		*budget -= len(r.Raw)
		return append(dst, r.Raw...)
	}
	obj := r.Raw[0] == '{'
	open, close := byte('['), byte(']')
	if obj {
		open, close = '{', '}'
	}
	dst = append(dst, open)
	*budget--
	n, shown := 0, 0
	r.ForEach(func(k, v gjson.Result) bool {
		n++
		if *budget <= 0 || depth >= 3 {
			return true
		}
		if shown > 0 {
			dst = append(dst, ',')
		}
		if obj {
			q := quote(k.Str)
			dst = append(append(dst, q...), ':')
			*budget -= len(q) + 1
		}
		dst = appendShort(dst, v, budget, depth+1)
		shown++
		return true
	})
	if n > shown {
		if shown > 0 {
			dst = append(dst, ',')
		}
		more := quote(fmt.Sprintf("%d more", n-shown))
		if obj {
			dst = append(append(dst, `"…":`...), more...)
		} else {
			dst = append(dst, quote(fmt.Sprintf("… %d more", n-shown))...)
		}
	}
	return append(dst, close)
}

func shorten(s string) string {
	if len(s) <= maxShown {
		return s
	}
	cut := maxShown - 10
	for cut > 0 && !utf8Start(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… (%d bytes)", s[:cut], len(s))
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
