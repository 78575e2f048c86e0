package mock

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/docconform/docconform/harness"
)

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
