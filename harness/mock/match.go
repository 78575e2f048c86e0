package mock

import (
	"net/http"
	"slices"
	"sort"
	"strings"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/internal/docurl"
)

// Request is a request as Match reads it.
type Request struct {
	Method string
	// Target is the request target as sent ("/v1.0/users/%7Bid%7D?$select=id", what
	// docurl.URL.Target gives), or an absolute URL whose host is ignored.
	Target  string
	Headers []harness.Header
	Body    string
}

// Match is what the mock does with a request.
type Match struct {
	// ID is the example that answers, "" when none does; Pos is where its request is
	// documented and Route its route ("GET /v1.0/users/{id}").
	ID    string      `json:"id,omitempty"`
	Pos   harness.Pos `json:"pos"`
	Route string      `json:"route,omitempty"`
	// Recorded is true when the answer comes from the cassette.
	Recorded bool `json:"recorded,omitempty"`
	// Status is the status of the answer (chaos aside): the example's, 404 when no
	// documented path matches, 405 when the path is documented for other methods only
	// (204 for an OPTIONS request then).
	Status int `json:"status"`
	// Allow lists the methods the path answers, for 405 and OPTIONS.
	Allow []string `json:"allow,omitempty"`
	// Closest is the documented route closest to a request no path matches (404), and
	// ClosestPos where its first example is.
	Closest    string      `json:"closest,omitempty"`
	ClosestPos harness.Pos `json:"closestPos"`
}

// Match says what the mock answers to a request, chaos aside. It waits for
// Builder.Done.
func (m *Mock) Match(r Request) Match {
	get := func(name string) []string {
		var vs []string
		for _, h := range r.Headers {
			if strings.EqualFold(h.Name, name) {
				vs = append(vs, h.Value)
			}
		}
		return vs
	}
	method := strings.ToUpper(r.Method)
	version, path, rawQuery := m.target(r.Target)
	ex := m.resolve(method, version, path, rawQuery, get, func() []byte { return []byte(r.Body) })
	if ex == nil {
		return m.miss(method, version, path)
	}
	m.routing()
	return Match{
		ID: ex.id, Pos: ex.pos, Route: ex.route.method + " " + ex.route.path,
		Recorded: ex.recorded, Status: ex.answer.status,
	}
}

// resolve routes a request, its method in upper case and its target as target splits
// it: the example that answers, nil when none does. header gives the request's values of
// a header; body is called at most once, only when bodies must be compared.
func (m *Mock) resolve(method, version, path, rawQuery string, header func(string) []string, body func() []byte) *example {
	if ex := m.named(method, version, path, header); ex != nil {
		return ex
	}
	m.routing()
	cands := m.lookup(version, path)
	same := withMethod(cands, method)
	if len(same) == 0 && method == http.MethodHead {
		same = withMethod(cands, http.MethodGet)
	}
	if len(same) == 0 {
		return nil
	}
	return m.best(same, requestQuery(rawQuery), header, body)
}

// target splits a request target into a version (lower case), a decoded path without
// trailing "/" and a raw query.
func (m *Mock) target(t string) (version, path, query string) {
	if i := strings.Index(t, "://"); i > 0 && !strings.HasPrefix(t, "/") {
		t = t[i+3:]
		if j := strings.IndexAny(t, "/?"); j >= 0 {
			t = t[j:]
		} else {
			t = ""
		}
	}
	rawPath, query, _ := strings.Cut(t, "?")
	path = decode(rawPath, false)
	if path != "" && path[0] != '/' {
		path = "/" + path
	}
	version = strings.ToLower(m.cfg.version)
	if first, rest, ok := strings.Cut(strings.TrimPrefix(path, "/"), "/"); first != "" && docurl.IsVersion(first) {
		version = strings.ToLower(first)
		path = ""
		if ok {
			path = "/" + rest
		}
	}
	path = strings.TrimRight(path, "/")
	return version, path, query
}

// named is the example a request names in harness.ExampleHeader, when it is added and
// has the request's method (GET for HEAD), version and a path the request's matches.
func (m *Mock) named(method, version, path string, header func(string) []string) *example {
	for _, id := range header(harness.ExampleHeader) {
		m.mu.RLock()
		exs := m.byID[id]
		m.mu.RUnlock()
		// The first that fits, in document order: one added later is chosen only when
		// none before it fits, so the answer does not depend on when the request came.
		for _, ex := range exs {
			sameMethod := ex.method == method || method == http.MethodHead && ex.method == http.MethodGet
			if sameMethod && strings.EqualFold(ex.version, version) {
				if ok, _ := ex.path.match(path); ok {
					return ex
				}
			}
		}
	}
	return nil
}

// withMethod keeps the candidates of a method.
func withMethod(cands []candidate, method string) []candidate {
	var out []candidate
	for _, c := range cands {
		if c.ex.method == method {
			out = append(out, c)
		}
	}
	return out
}

// miss says why no example answers a request.
func (m *Mock) miss(method, version, path string) Match {
	m.routing()
	cands := m.lookup(version, path)
	if len(cands) == 0 {
		r := m.closest(method, version, path)
		match := Match{Status: http.StatusNotFound}
		if r != nil {
			match.Closest = r.method + " " + r.path
			match.ClosestPos = r.examples[0].pos
		}
		return match
	}
	status := http.StatusMethodNotAllowed
	if method == http.MethodOptions {
		status = http.StatusNoContent
	}
	return Match{Status: status, Allow: allowed(cands)}
}

// allowed lists the methods documented for a path, with HEAD when GET is and OPTIONS.
func allowed(cands []candidate) []string {
	set := map[string]bool{http.MethodOptions: true}
	for _, c := range cands {
		set[c.ex.method] = true
		if c.ex.method == http.MethodGet {
			set[http.MethodHead] = true
		}
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// best picks among examples whose method and path match: the most specific path, then
// the best query, then the best body, then the best headers, then the first documented.
func (m *Mock) best(cands []candidate, query []reqParam, header func(string) []string, body func() []byte) *example {
	type scored struct {
		candidate
		q queryScore
	}
	ss := make([]scored, len(cands))
	for i, c := range cands {
		ss[i] = scored{c, scoreQuery(c.ex.query, query)}
	}
	top := keepBest(ss, func(a, b scored) int {
		if a.spec != b.spec {
			return sign(a.spec - b.spec)
		}
		return a.q.cmp(b.q)
	})
	if len(top) > 1 && slices.ContainsFunc(top[1:], func(s scored) bool { return s.ex.body.text != top[0].ex.body.text }) {
		sent, isJSON := canonicalText(body())
		same := slices.DeleteFunc(slices.Clone(top), func(s scored) bool { return s.ex.body.text != sent })
		if len(same) == 0 && isJSON {
			sb := readBody([]byte(sent))
			feats := sb.features()
			scores := make(map[*example]bodyScore, len(top))
			for _, s := range top {
				scores[s.ex] = scoreBody(&s.ex.body, feats)
			}
			same = keepBest(top, func(a, b scored) int { return scores[a.ex].cmp(scores[b.ex]) })
		}
		if len(same) > 0 {
			top = same
		}
	}
	if len(top) > 1 {
		scores := make(map[*example]headerScore, len(top))
		for _, s := range top {
			scores[s.ex] = scoreHeaders(s.ex.headers, header)
		}
		top = keepBest(top, func(a, b scored) int { return scores[a.ex].cmp(scores[b.ex]) })
	}
	return slices.MinFunc(top, func(a, b scored) int { return a.ex.index - b.ex.index }).ex
}

// keepBest returns the items of xs that cmp ranks highest (cmp > 0: a is better than b).
func keepBest[T any](xs []T, cmp func(a, b T) int) []T {
	var top []T
	for _, x := range xs {
		if len(top) == 0 {
			top = append(top, x)
			continue
		}
		switch c := cmp(x, top[0]); {
		case c > 0:
			top = append(top[:0], x)
		case c == 0:
			top = append(top, x)
		}
	}
	return top
}
