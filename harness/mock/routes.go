package mock

import (
	"fmt"
	"strings"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/internal/docurl"
)

// Route is a method and a path shape with the examples that answer on it.
type Route struct {
	Method string `json:"method"`
	// Path is the version segment and path template as the route's first example writes
	// them ("/v1.0/users/{id | userPrincipalName}").
	Path string `json:"path"`
	// Examples are the IDs of the examples on the route, in document order.
	Examples []string `json:"examples"`
	// Pos is where the first example is documented.
	Pos harness.Pos `json:"pos"`
}

// Routes lists the routes, in the order of their first examples (once built: it waits
// for Builder.Done).
func (m *Mock) Routes() []Route {
	m.routing()
	out := make([]Route, len(m.routes))
	for i, r := range m.routes {
		ids := make([]string, len(r.examples))
		for j, e := range r.examples {
			ids[j] = e.id
		}
		out[i] = Route{Method: r.method, Path: r.path, Examples: ids, Pos: r.examples[0].pos}
	}
	return out
}

// route is the examples that share a method, a version and a path shape (placeholders
// of any name): what a client sending concrete values cannot tell apart by path.
type route struct {
	method   string
	path     string // "/v1.0/users/{id}" as the first example writes it
	examples []*example
	segs     []routeSeg // for "closest route"
	version  string     // lower case
}

type routeSeg struct {
	lit  string // lower case
	wild bool   // holds a placeholder
}

// routing waits for every example, and builds the routes and tries once.
func (m *Mock) routing() {
	<-m.ready
	m.routed.Do(m.buildRoutes)
}

// buildRoutes compiles what requests are told apart by, files every example in its route and
// trie, and finds the examples no request can tell apart.
func (m *Mock) buildRoutes() {
	routes := map[string]*route{}
	seen := map[string]*example{}
	for _, ex := range m.examples {
		ex.query = docQuery(ex.docQuery)
		ex.body = readBody([]byte(ex.docBody))
		ex.headers = docHeaders(ex.docHeaders)
		key := ex.method + " " + strings.ToLower(ex.version) + ex.path.key(false) + "?" + queryKey(ex.query) + "\x00" + ex.body.text + "\x00" + headersKey(ex.headers)
		if first, dup := seen[key]; dup {
			m.conflicts = append(m.conflicts, harness.Diagnostic{Pos: ex.pos, Severity: harness.Warning, Code: "route-conflict",
				Message: fmt.Sprintf("%s is documented the same way (method, path, query, body and headers) at %s; requests go to that example unless they name this one in %s",
					ex.display, first.pos, harness.ExampleHeader)})
		} else {
			seen[key] = ex
		}
		rkey := ex.method + " " + strings.ToLower(ex.version) + ex.path.key(true)
		r := routes[rkey]
		if r == nil {
			r = &route{method: ex.method, path: "/" + ex.version + ex.path.String(), version: strings.ToLower(ex.version)}
			r.segs = routeSegs(ex.path)
			routes[rkey] = r
			m.routes = append(m.routes, r)
		}
		ex.route = r
		r.examples = append(r.examples, ex)
		ex.wild = insert(m.trie(ex.version), ex)
	}
}

func routeSegs(t template) []routeSeg {
	s := t.String()
	if s == "" {
		return nil
	}
	var segs []routeSeg
	for seg := range strings.SplitSeq(s[1:], "/") {
		segs = append(segs, routeSeg{lit: strings.ToLower(seg), wild: len(docurl.Placeholders(seg)) > 0})
	}
	return segs
}
