package mock

import (
	"sort"
	"strings"
	"sync"

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

// Examples is the number of examples served (once built: it waits for Builder.Done).
func (m *Mock) Examples() int {
	<-m.ready
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.examples)
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
