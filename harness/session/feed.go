package session

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/extract"
	"github.com/docconform/docconform/harness/mock"
	"github.com/docconform/docconform/harness/runner"
)

// feed reads the pages in the background and hands each on as soon as it is read, in
// document order, so that replay starts while later pages are still being read. Each page
// is added to the mock (when the run has one) before it is handed on. Pages queue without
// bound: the runner takes none until setup is done, and setup against the mock waits for
// the last page.
type feed struct {
	mu      sync.Mutex
	more    *sync.Cond // signalled when a page is queued or the reading ends
	queue   []harness.Page
	ended   bool // the reading is over
	stopped bool // the runner takes no more pages
	done    chan struct{}

	// What was read, once done is closed.
	read     Read
	err      error
	cassette []harness.Diagnostic // about recorded answers
	// ids are the IDs of the examples read; sameID counts those read twice.
	ids         map[string]bool
	sameID      int
	firstSameID string
}

var errStopped = errors.New("the run stopped taking pages")

// startFeed starts reading the pages src gives.
func startFeed(ctx context.Context, src Source, opts []extract.Option, b *mock.Builder, o *runner.Options) *feed {
	fd := &feed{done: make(chan struct{}), ids: map[string]bool{}}
	fd.more = sync.NewCond(&fd.mu)
	go func() {
		defer close(fd.done)
		err := src.each(ctx, opts, func(p harness.Page) error {
			fd.count(p, o)
			// Diagnostics are counted, not listed (docconform list lists them).
			p.Resources, p.Diagnostics = nil, nil
			if b != nil {
				for _, d := range b.Add(p) {
					switch {
					case d.Severity == harness.Error:
						fd.read.Unroutable++
					case d.Code == "mock-cassette":
						// A recorded answer the mock cannot send: the run would pass on
						// the documented one unless told.
						fd.cassette = append(fd.cassette, d)
					}
				}
			}
			fd.mu.Lock()
			defer fd.mu.Unlock()
			if fd.stopped {
				return errStopped
			}
			fd.queue = append(fd.queue, p)
			fd.more.Signal()
			return nil
		})
		if b != nil {
			b.Done()
		}
		fd.mu.Lock()
		defer fd.mu.Unlock()
		fd.ended = true
		fd.read.Whole = err == nil
		if err != errStopped && ctx.Err() == nil {
			fd.err = err
		}
		fd.more.Broadcast()
	}()
	return fd
}

// count adds a page to what was read.
func (fd *feed) count(p harness.Page, o *runner.Options) {
	r := &fd.read
	for _, d := range p.Diagnostics {
		if d.Severity == harness.Error {
			r.Unusable++
		}
	}
	r.Pages++
	r.Examples += len(p.Examples)
	for _, e := range p.Examples {
		if fd.ids[e.ID] {
			// (Two PATHs holding pages at the same relative path.)
			if fd.sameID == 0 {
				fd.firstSameID = e.Pos().String() + ": " + e.ID
			}
			fd.sameID++
		}
		fd.ids[e.ID] = true
		if r.FirstID == "" {
			r.FirstID = e.ID
		}
	}
	r.Selected += len(o.Examples(p))
}

// all yields the pages as they are read.
func (fd *feed) all(yield func(harness.Page) bool) {
	for {
		fd.mu.Lock()
		for len(fd.queue) == 0 && !fd.ended {
			fd.more.Wait()
		}
		if len(fd.queue) == 0 {
			fd.mu.Unlock()
			return
		}
		p := fd.queue[0]
		fd.queue[0] = harness.Page{}
		fd.queue = fd.queue[1:]
		fd.mu.Unlock()
		if !yield(p) {
			return
		}
	}
}

// wait stops the reading, if it is still going, and waits for it to end.
func (fd *feed) wait() {
	fd.mu.Lock()
	fd.stopped = true
	fd.queue = nil
	fd.mu.Unlock()
	<-fd.done
}

// notes says what could not be used, as "docconform list" would show in full.
func (fd *feed) notes(note func(string)) {
	r := fd.read
	if r.Unusable > 0 {
		note(fmt.Sprintf("%s in %s; %s could not be used (docconform list shows why)",
			harness.Plural(r.Examples, "example"), harness.Plural(r.Pages, "page"), harness.Plural(r.Unusable, "block")))
	}
	for _, d := range fd.cassette {
		note(d.String())
	}
	if fd.sameID > 0 {
		has := "examples have"
		if fd.sameID == 1 {
			has = "example has"
		}
		note(fmt.Sprintf("warning: %d %s the ID of an earlier one (first %s): IDs are relative to the PATH given, so two PATHs holding the same relative path give the same IDs, which reports cannot tell apart; give one folder above both as the PATH",
			fd.sameID, has, fd.firstSameID))
	}
	if r.Unroutable > 0 {
		note(fmt.Sprintf("the mock cannot serve %s (docconform serve --routes lists them)", harness.Plural(r.Unroutable, "example")))
	}
}
