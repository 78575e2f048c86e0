package mock

import (
	"fmt"
	"io"
	"net/http"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/internal/docurl"
)

// Mock answers requests the way the examples of a set of pages document. It is an
// http.Handler, safe for concurrent use; build it with New.
type Mock struct {
	cfg      config
	examples []*example
	routes   []*route
	tries    map[string]*node // by version, in lower case
	chaos    *chaos
	// ready is closed when every example is added (Builder.Done).
	ready chan struct{}
	mu    sync.RWMutex          // guards examples and byID while the mock is built
	byID  map[string][]*example // the examples with each ID (several roots may give one), in order
	// The routes, the tries and what requests are told apart by (queries, bodies,
	// headers) are built once, when first needed after ready: a run whose every request
	// names its example never needs them.
	routed    sync.Once
	conflicts []harness.Diagnostic
}

// example is one servable example, compiled.
type example struct {
	id      string
	pos     harness.Pos
	index   int // document order among served examples
	method  string
	version string   // as documented (or the page's), for display
	path    template // after the version segment, trailing "/" removed
	litLen  int
	query   []param
	body    body
	headers []reqHeader
	wild    []wildSeg // whole-segment placeholders on the trie path
	// As documented, for routing: the query, body and headers are compiled from them.
	docQuery   string
	docBody    string
	docHeaders []harness.Header
	answer     answer
	// recorded: the answer comes from the cassette.
	recorded bool
	route    *route
	display  string // "GET /v1.0/users/{id}?$select=displayName"
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

// node is a trie node over path segments: literal ones (in lower case) and whole-segment
// placeholders.
type node struct {
	children map[string]*node
	wild     *node      // a segment that is one placeholder
	ends     []*example // paths that end here
	tails    []tail     // paths whose rest, from here, needs the template matcher
}

// tail is the rest of an example's path from the first segment that is neither literal
// nor one placeholder (a placeholder inside a segment, or one spanning segments).
type tail struct {
	ex *example
	t  template // starts with "/"
}

// wildSeg is a whole-segment placeholder on an example's trie path: the segment index and
// the placeholder as written.
type wildSeg struct {
	seg int
	ph  string
}

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

// New builds a mock from the examples of pages, in the order given (the first of
// indistinguishable examples wins). The diagnostics say which examples it cannot serve,
// and which it serves only in part, each at the example's file:line.
func New(pages []harness.Page, opts ...Option) (*Mock, []harness.Diagnostic) {
	b := NewBuilder(opts...)
	// Compiling examples (templates, bodies, answers) is independent work, done on all
	// cores; routing them is done after, in document order.
	var jobs []job
	for _, p := range pages {
		jobs = b.jobs(jobs, p)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) {
					return
				}
				jobs[i].run(b.m)
			}
		}()
	}
	wg.Wait()
	diags := b.add(jobs)
	b.Done()
	b.m.routing()
	return b.m, append(diags, b.m.conflicts...)
}

// Builder builds a Mock page by page, and the Mock serves while it is built: "docconform
// run" replays a page's examples as soon as the page is read. A request that names an
// added example in harness.ExampleHeader, with that example's method and a path it
// matches, is answered at once (step 2 of the rules in the package doc); every other
// request waits for Done, as an example added later may answer it better. The answers
// are the same whenever a request comes.
type Builder struct {
	m    *Mock
	done bool
}

// NewBuilder starts a mock with no examples.
func NewBuilder(opts ...Option) *Builder {
	m := &Mock{cfg: newConfig(opts), tries: map[string]*node{}, byID: map[string][]*example{}, ready: make(chan struct{})}
	m.chaos = newChaos(&m.cfg)
	return &Builder{m: m}
}

// Mock is the mock being built.
func (b *Builder) Mock() *Mock { return b.m }

// Add compiles the examples of a page, in document order after the pages added before
// it, and says which it cannot serve, and which it serves only in part (route conflicts
// are New's to report). Add and Done are for one goroutine; the Mock serves others
// meanwhile.
func (b *Builder) Add(p harness.Page) []harness.Diagnostic {
	jobs := b.jobs(nil, p)
	for i := range jobs {
		jobs[i].run(b.m)
	}
	return b.add(jobs)
}

// Done says no page comes after those added: the requests that waited for the whole
// mock go through. Later calls do nothing.
func (b *Builder) Done() {
	if !b.done {
		b.done = true
		close(b.m.ready)
	}
}

// job is one example to compile.
type job struct {
	e       *harness.Example
	version string
	ex      *example
	ok      bool
	diags   []harness.Diagnostic
}

func (b *Builder) jobs(jobs []job, p harness.Page) []job {
	version := p.Version
	if version == "" {
		version = b.m.cfg.version
	}
	for i := range p.Examples {
		jobs = append(jobs, job{e: &p.Examples[i], version: version})
	}
	return jobs
}

func (j *job) run(m *Mock) {
	j.ex, j.ok = m.compile(j.e, j.version, func(pos harness.Pos, sev harness.Severity, code, format string, args ...any) {
		j.diags = append(j.diags, harness.Diagnostic{Pos: pos, Severity: sev, Code: code, Message: fmt.Sprintf(format, args...)})
	})
}

// add files compiled examples in document order and makes them answer the requests that
// name them.
func (b *Builder) add(jobs []job) []harness.Diagnostic {
	if b.done {
		panic("mock: Builder.Add after Done")
	}
	m := b.m
	var diags []harness.Diagnostic
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, j := range jobs {
		diags = append(diags, j.diags...)
		if !j.ok {
			continue
		}
		j.ex.index = len(m.examples)
		m.examples = append(m.examples, j.ex)
		m.byID[j.ex.id] = append(m.byID[j.ex.id], j.ex)
	}
	return diags
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

// compile turns a documented example into a servable one, or says why it cannot be.
func (m *Mock) compile(e *harness.Example, version string, diag func(harness.Pos, harness.Severity, string, string, ...any)) (*example, bool) {
	pos := e.Pos()
	method := strings.ToUpper(strings.TrimSpace(e.Method))
	if !validHeaderName(method) {
		diag(pos, harness.Error, "mock-unroutable", "method %q cannot be served", e.Method)
		return nil, false
	}
	u := docurl.Parse(e.URL)
	if u.Version != "" {
		version = u.Version
	}
	ex := &example{
		id:      e.ID,
		pos:     pos,
		method:  method,
		version: version,
		path:    compile(strings.TrimRight(u.Path, "/"), false),

		docQuery:   u.Query,
		docBody:    e.Body,
		docHeaders: e.Headers,
	}
	ex.litLen = ex.path.litLen()
	ex.display = method + " /" + version + ex.path.String()
	if u.Query != "" {
		ex.display += "?" + u.Query
	}
	if rec, ok := m.cfg.recorded[e.ID]; ok {
		a := rec.Actual()
		if a.Status >= 200 && a.Status <= 599 {
			ans, problems := newAnswer(a.Status, a.Headers, a.Body, true)
			for _, p := range problems {
				diag(pos, p.sev, "mock-cassette", "recorded answer: %s", p.msg)
			}
			ex.answer, ex.recorded = ans, true
			return ex, true
		}
		diag(pos, harness.Warning, "mock-cassette", "recorded status %d cannot be served; the documented answer is used", a.Status)
	}
	for _, r := range e.Responses {
		if r.Status < 200 || r.Status > 599 {
			diag(harness.Pos{File: e.File, Line: r.Line}, harness.Warning, "mock-answer", "documented status %d cannot be served", r.Status)
			continue
		}
		ans, problems := newAnswer(r.Status, r.Headers, r.Body, false)
		for _, p := range problems {
			diag(harness.Pos{File: e.File, Line: r.Line}, p.sev, "mock-answer", "%s", p.msg)
		}
		ex.answer = ans
		return ex, true
	}
	diag(pos, harness.Error, "mock-unroutable", "%s has no documented response the mock can send; it is not served", ex.display)
	return nil, false
}

// trie is the trie of a version, made when missing.
func (m *Mock) trie(version string) *node {
	v := strings.ToLower(version)
	n := m.tries[v]
	if n == nil {
		n = &node{}
		m.tries[v] = n
	}
	return n
}

// insert files the example in a trie, and returns its whole-segment placeholders on the
// way.
func insert(n *node, ex *example) []wildSeg {
	var wild []wildSeg
	segs := splitSegments(ex.path)
	for i, seg := range segs {
		switch {
		case len(seg) == 0 || len(seg) == 1 && seg[0].ph == "":
			k := ""
			if len(seg) == 1 {
				k = strings.ToLower(seg[0].lit)
			}
			c := n.children[k]
			if c == nil {
				if n.children == nil {
					n.children = map[string]*node{}
				}
				c = &node{}
				n.children[k] = c
			}
			n = c
		case len(seg) == 1 && !seg[0].multi:
			if n.wild == nil {
				n.wild = &node{}
			}
			n = n.wild
			wild = append(wild, wildSeg{i, seg[0].ph})
		default:
			n.tails = append(n.tails, tail{ex, joinSegments(segs[i:])})
			return wild
		}
	}
	n.ends = append(n.ends, ex)
	return wild
}

// splitSegments splits a path template ("" or starting with "/") at its slashes: one
// template per segment. A placeholder spanning segments stays whole, in the segment
// where it starts.
func splitSegments(t template) []template {
	if len(t) == 0 {
		return nil
	}
	var segs []template
	var cur template
	first := true
	for _, tok := range t {
		if tok.ph != "" {
			cur = append(cur, tok)
			continue
		}
		parts := strings.Split(tok.lit, "/")
		for j, part := range parts {
			if j > 0 {
				if !first {
					segs = append(segs, cur)
				}
				first = false
				cur = nil
			}
			if part != "" {
				cur = append(cur, token{lit: part})
			}
		}
	}
	return append(segs, cur)
}

// joinSegments is the template of segments joined, each after a "/".
func joinSegments(segs []template) template {
	var t template
	for _, seg := range segs {
		t = appendLit(t, "/")
		for _, tok := range seg {
			if tok.ph == "" {
				t = appendLit(t, tok.lit)
			} else {
				t = append(t, tok)
			}
		}
	}
	return t
}

func appendLit(t template, lit string) template {
	if n := len(t); n > 0 && t[n-1].ph == "" {
		t[n-1].lit += lit
		return t
	}
	return append(t, token{lit: lit})
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

// UnmatchedRecordings lists, sorted, the IDs of the cassette's answers that no example has,
// and says how many answers the cassette holds, -1 when no cassette was given (once
// built: it waits for Builder.Done). Example IDs are relative to the root the pages were
// read from, so a cassette recorded from another root matches nothing.
func (m *Mock) UnmatchedRecordings() (ids []string, recorded int) {
	<-m.ready
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.cfg.recorded == nil {
		return nil, -1
	}
	for id := range m.cfg.recorded {
		if _, ok := m.byID[id]; !ok {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids, len(m.cfg.recorded)
}

// Examples is the number of examples served (once built: it waits for Builder.Done).
func (m *Mock) Examples() int {
	<-m.ready
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.examples)
}

// candidate is an example whose path matches a request.
type candidate struct {
	ex   *example
	spec int // literal bytes of the path matched, with placeholders sent as written
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

// lookup finds the examples whose path matches.
func (m *Mock) lookup(version, path string) []candidate {
	root := m.tries[version]
	if root == nil {
		return nil
	}
	return walk(root, path)
}

// walk finds the examples of a trie whose path matches.
func walk(root *node, path string) []candidate {
	// offs[i] is where the "/" before segment i is; offs[len(segs)] is len(path).
	var segs []string
	var offs []int
	if path != "" {
		for i := 0; i < len(path); {
			j := strings.IndexByte(path[i+1:], '/')
			if j < 0 {
				j = len(path)
			} else {
				j += i + 1
			}
			segs = append(segs, path[i+1:j])
			offs = append(offs, i)
			i = j
		}
	}
	offs = append(offs, len(path))
	var out []candidate
	hits := func(ex *example) int {
		h := 0
		for _, w := range ex.wild {
			if segs[w.seg] == w.ph {
				h += len(w.ph)
			}
		}
		return h
	}
	var step func(n *node, i int)
	step = func(n *node, i int) {
		for _, tl := range n.tails {
			if ok, h := tl.t.match(path[offs[i]:]); ok {
				out = append(out, candidate{tl.ex, tl.ex.litLen + hits(tl.ex) + h})
			}
		}
		if i == len(segs) {
			for _, ex := range n.ends {
				out = append(out, candidate{ex, ex.litLen + hits(ex)})
			}
			return
		}
		if c := n.children[strings.ToLower(segs[i])]; c != nil {
			step(c, i+1)
		}
		if n.wild != nil && segs[i] != "" {
			step(n.wild, i+1)
		}
	}
	step(root, 0)
	return out
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

// Request is a request as Match reads it.
type Request struct {
	Method string
	// Target is the request target as sent ("/v1.0/users/%7Bid%7D?$select=id", what
	// docurl.URL.Target gives), or an absolute URL whose host is ignored.
	Target  string
	Headers []harness.Header
	Body    string
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
	version, path, _ := m.target(r.Target)
	ex := m.resolve(r.Method, r.Target, get, func() []byte { return []byte(r.Body) })
	if ex == nil {
		return m.miss(strings.ToUpper(r.Method), version, path)
	}
	m.routing()
	return Match{
		ID: ex.id, Pos: ex.pos, Route: ex.route.method + " " + ex.route.path,
		Recorded: ex.recorded, Status: ex.answer.status,
	}
}

// resolve routes a request: the example that answers, nil when none does. header gives
// the request's values of a header; body is called at most once, only when bodies must
// be compared.
func (m *Mock) resolve(method, target string, header func(string) []string, body func() []byte) *example {
	version, path, rawQuery := m.target(target)
	method = strings.ToUpper(method)
	if ex := m.named(method, version, path, header); ex != nil {
		return ex
	}
	m.routing()
	var same []candidate
	for _, c := range m.lookup(version, path) {
		if c.ex.method == method {
			same = append(same, c)
		}
	}
	if len(same) == 0 && method == http.MethodHead {
		for _, c := range m.lookup(version, path) {
			if c.ex.method == http.MethodGet {
				same = append(same, c)
			}
		}
	}
	if len(same) == 0 {
		return nil
	}
	return m.best(same, requestQuery(rawQuery), header, body)
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

// ServeHTTP answers a request: chaos first (latency, then an injected fault), then the
// matching example's answer, else a 404 or 405 Graph error.
func (m *Mock) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if m.chaos.apply(w, r) {
		return
	}
	target := r.URL.EscapedPath()
	if r.URL.RawQuery != "" || r.URL.ForceQuery {
		target += "?" + r.URL.RawQuery
	}
	read := func() []byte {
		b, _ := io.ReadAll(io.LimitReader(r.Body, m.cfg.maxBodySize+1))
		if int64(len(b)) > m.cfg.maxBodySize {
			return append(b, "\x00(too long)"...)
		}
		return b
	}
	head := r.Method == http.MethodHead
	ex := m.resolve(r.Method, target, r.Header.Values, read)
	if ex != nil {
		if m.cfg.exampleHdr != "" {
			w.Header().Set(m.cfg.exampleHdr, ex.id)
		}
		ex.answer.write(w, head)
		return
	}
	version, path, _ := m.target(target)
	switch match := m.miss(strings.ToUpper(r.Method), version, path); {
	case match.Status == http.StatusNotFound:
		msg := fmt.Sprintf("No documented example answers %s %s.", r.Method, r.URL.EscapedPath())
		if match.Closest != "" {
			msg += fmt.Sprintf(" The closest documented route is %s (%s).", match.Closest, match.ClosestPos)
		}
		a := errorAnswer(http.StatusNotFound, "ResourceNotFound", msg)
		a.write(w, head)
	default:
		w.Header().Set("Allow", strings.Join(match.Allow, ", "))
		if match.Status == http.StatusNoContent {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		a := errorAnswer(http.StatusMethodNotAllowed, "MethodNotAllowed",
			fmt.Sprintf("%s is not documented for %s; the documented methods are %s.", r.Method, r.URL.EscapedPath(), strings.Join(match.Allow, ", ")))
		a.write(w, head)
	}
}
