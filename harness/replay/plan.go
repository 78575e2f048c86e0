// Package replay turns documented examples into requests and sends them: it plans each
// example (Plan: URL rewriting, placeholders, headers, strict JSON bodies, write safety)
// and talks to the service (Client: auth for the endpoint's host only, rate limit,
// retries honouring Retry-After, timeouts, capped and decoded bodies, redirects), with
// secrets kept out of everything it returns.
//
// # Planning
//
// The request URL is the endpoint's base URL followed by the documented URL's path: its
// version segment (the doc's own; else the page's, from the nearest folder named like a
// version; else Target.Version), its path and its query, with what cannot stand in a URL
// percent-encoded and everything else — OData's $, quotes, parentheses, commas, URLs
// inside query values, %XX sequences — kept as written (package docurl).
//
// Placeholders ({id}, {id | userPrincipalName}, <row>) in the URL are filled from the
// variables, taking the first alternative that has a value. An example whose URL keeps a
// placeholder is skipped with the placeholder named — except against the mock, whose
// routes accept placeholders, where it is sent as written. Placeholders in header values
// and bodies are filled when a variable has a value and left as written otherwise.
//
// Documented headers are sent, except Content-Length (computed), Host and Authorization
// (the client adds the endpoint's token). A JSON body written leniently (comments,
// trailing commas, single quotes) is sent as strict JSON; other bodies as written.
//
// Against the mock, each request names its example (harness.ExampleHeader), so that
// examples whose requests are identical still get their own answers.
//
// An example documenting a redirect (3xx) is sent without following redirects, so the
// redirect itself is judged.
//
// Methods other than GET, HEAD and OPTIONS are skipped unless writes are allowed or the
// endpoint is the mock. URLs whose host is not an API host (a OneDrive upload URL) are
// skipped unless the endpoint is the mock.
package replay

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/docjson"
	"github.com/docconform/docconform/harness/internal/docurl"
)

// Target is where and how examples are sent.
type Target struct {
	// Base is the endpoint's base URL; documented paths are appended to its path.
	Base *url.URL
	// Mock says the endpoint is the mock built from the docs: unfilled placeholders are
	// sent as written, writes are allowed, and every documented host is rewritten.
	Mock bool
	// AllowWrites lets methods other than GET, HEAD and OPTIONS through.
	AllowWrites bool
	// Version is the API version for documented URLs and pages that give none ("v1.0").
	Version string
	// APIHosts are the documented hosts that are the API (default: graph.microsoft.com).
	APIHosts []string
}

// Vars looks variables up by name.
type Vars func(name string) (string, bool)

// MapVars looks names up in a map, exactly, then ignoring case. An empty value is no
// value: {id | userPrincipalName} then takes the next, and a URL never loses a segment.
func MapVars(m map[string]string) Vars {
	return func(name string) (string, bool) {
		if v, ok := m[name]; ok {
			return v, v != ""
		}
		for k, v := range m {
			if strings.EqualFold(k, name) {
				return v, v != ""
			}
		}
		return "", false
	}
}

// Plan resolves an example into the request to send, or into a skipped case saying why
// not. pageVersion is the version its page's folders give (harness.Page.Version), for a
// documented URL with none.
func Plan(e harness.Example, pageVersion string, vars Vars, t Target) harness.Case {
	c := harness.Case{ID: e.ID, File: e.File, Line: e.Line, Name: e.Name, Method: e.Method, Headers: []harness.Header{}}
	if vars == nil {
		vars = func(string) (string, bool) { return "", false }
	}
	u := docurl.Parse(e.URL)
	if u.Host != "" && !t.Mock && !apiHost(u.Host, t.APIHosts) {
		c.URL = e.URL
		c.Skip = fmt.Sprintf("the documented URL targets %s, not the API", u.Host)
		return c
	}
	version := u.Version
	if version == "" {
		version = pageVersion
	}
	if version == "" {
		version = t.Version
	}
	var left []docurl.Placeholder
	var l1, l2 []docurl.Placeholder
	u.Path, l1 = docurl.Fill(u.Path, vars)
	u.Query, l2 = docurl.Fill(u.Query, func(name string) (string, bool) {
		v, ok := vars(name)
		return queryValue.Replace(v), ok // a value's "&" does not start another parameter
	})
	left = append(l1, l2...)
	c.URL = join(t.Base, u.Target(version))
	switch {
	case len(left) > 0 && !t.Mock:
		c.Skip = unfilled(left)
	case !safe(e.Method) && !t.AllowWrites && !t.Mock:
		c.Skip = fmt.Sprintf("%s writes: not sent without --allow-writes", e.Method)
	}
	for _, h := range e.Headers {
		switch strings.ToLower(h.Name) {
		case "content-length", "host", "authorization":
			continue
		}
		v, _ := docurl.Fill(h.Value, vars)
		c.Headers = append(c.Headers, harness.Header{Name: h.Name, Value: v})
	}
	if t.Mock && e.ID != "" && !strings.ContainsFunc(e.ID, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		// (An ID no header can carry goes unnamed: the mock routes it like any request.)
		c.Headers = append(c.Headers, harness.Header{Name: harness.ExampleHeader, Value: e.ID})
	}
	c.Body = body(e.Body, vars)
	c.NoRedirect = t.Mock
	for _, r := range e.Responses {
		if r.Status >= 300 && r.Status < 400 {
			c.NoRedirect = true
		}
	}
	return c
}

// queryValue escapes what would change the structure of a query in a value filled in.
var queryValue = strings.NewReplacer("&", "%26", "+", "%2B", "#", "%23")

// body fills placeholders and makes lenient JSON strict; other bodies are kept as written.
func body(b string, vars Vars) string {
	b, _ = docurl.Fill(b, vars)
	t := strings.TrimSpace(b)
	if o := docjson.Opening(t); (o != '{' && o != '[') || gjson.Valid(t) {
		return b
	}
	v, lenient, err := docjson.Parse([]byte(t))
	if err != nil || len(lenient) == 0 {
		return b
	}
	return string(v.AppendJSON(nil))
}

func unfilled(left []docurl.Placeholder) string {
	p := left[0]
	var sets []string
	for _, n := range p.Names {
		sets = append(sets, "--var "+n+"=...")
	}
	more := ""
	if len(left) > 1 {
		more = fmt.Sprintf(" (and %d more)", len(left)-1)
	}
	return fmt.Sprintf("placeholder %s has no value%s: set it with %s", p.Text, more, strings.Join(sets, " or "))
}

// join appends a target ("/v1.0/me?$top=1") to the base URL's path.
func join(base *url.URL, target string) string {
	if base == nil {
		return target
	}
	prefix := strings.TrimSuffix(base.EscapedPath(), "/")
	if base.Opaque == "" && base.User == nil && base.Scheme != "" {
		return base.Scheme + "://" + base.Host + prefix + target
	}
	b := *base
	b.RawQuery, b.Fragment = "", ""
	b.Path, b.RawPath = "", ""
	b.User = nil // the client sends it as basic auth; it is never shown
	return b.String() + prefix + target
}

func safe(method string) bool {
	switch method {
	case "GET", "HEAD", "OPTIONS":
		return true
	}
	return false
}

// idempotent methods may be sent again after a connection error.
func idempotent(method string) bool {
	return safe(method) || method == "PUT" || method == "DELETE"
}

func apiHost(host string, hosts []string) bool {
	if len(hosts) == 0 {
		hosts = []string{"graph.microsoft.com"}
	}
	for _, h := range hosts {
		if strings.EqualFold(h, host) {
			return true
		}
	}
	return false
}
