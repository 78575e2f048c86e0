package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/extract"
	"github.com/docconform/docconform/harness/mock"
	"github.com/docconform/docconform/harness/runner"
	"github.com/docconform/docconform/reports"
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
	whole   bool // every page was read
	stopped bool // the runner takes no more pages
	err     error
	done    chan struct{}

	// What was read, once done is closed.
	pages, examples, unusable, unroutable, selected int
	cassette                                        []harness.Diagnostic // about recorded answers
	// ids are the IDs of the examples read; sameID counts those read twice.
	ids         map[string]bool
	firstID     string
	sameID      int
	firstSameID string
}

var errStopped = errors.New("the run stopped taking pages")

// startFeed starts reading the pages under roots.
func startFeed(ctx context.Context, roots []string, f runFlags, b *mock.Builder, o *runner.Options) *feed {
	fd := &feed{done: make(chan struct{}), ids: map[string]bool{}}
	fd.more = sync.NewCond(&fd.mu)
	opts := []extract.Option{extract.MaxPageSize(f.maxPage)}
	if f.annotatedOnly {
		opts = append(opts, extract.AnnotatedOnly())
	}
	go func() {
		defer close(fd.done)
		err := extract.Tree(ctx, roots, func(p harness.Page) error {
			// Diagnostics are counted, not listed (docconform list lists them).
			p.Resources = nil
			fd.unusable += errorCount(p.Diagnostics)
			p.Diagnostics = nil
			fd.pages++
			fd.examples += len(p.Examples)
			for _, e := range p.Examples {
				if fd.ids[e.ID] {
					// (Two PATHs holding pages at the same relative path.)
					if fd.sameID == 0 {
						fd.firstSameID = e.Pos().String() + ": " + e.ID
					}
					fd.sameID++
				}
				fd.ids[e.ID] = true
				if fd.firstID == "" {
					fd.firstID = e.ID
				}
			}
			fd.selected += selected(p, o)
			if b != nil {
				for _, d := range b.Add(p) {
					switch {
					case d.Severity == harness.Error:
						fd.unroutable++
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
		}, opts...)
		if b != nil {
			b.Done()
		}
		fd.mu.Lock()
		defer fd.mu.Unlock()
		fd.ended = true
		fd.whole = err == nil
		if err != errStopped && ctx.Err() == nil {
			fd.err = err
		}
		fd.more.Broadcast()
	}()
	return fd
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

// report says what could not be used, as "docconform list" would show in full.
func (fd *feed) report(stderr io.Writer) {
	if fd.unusable > 0 {
		fmt.Fprintf(stderr, "%s in %s; %s could not be used (docconform list shows why)\n",
			plural(fd.examples, "example"), plural(fd.pages, "page"), plural(fd.unusable, "block"))
	}
	for _, d := range fd.cassette {
		fmt.Fprintln(stderr, reports.Printable(d.String()))
	}
	if fd.sameID > 0 {
		has := "examples have"
		if fd.sameID == 1 {
			has = "example has"
		}
		fmt.Fprintf(stderr, "warning: %d %s the ID of an earlier one (first %s): IDs are relative to the PATH given, so two PATHs holding the same relative path give the same IDs, which reports cannot tell apart; give one folder above both as the PATH\n",
			fd.sameID, has, fd.firstSameID)
	}
	if fd.unroutable > 0 {
		fmt.Fprintf(stderr, "the mock cannot serve %s (docconform serve --routes lists them)\n", plural(fd.unroutable, "example"))
	}
}

func errorCount(ds []harness.Diagnostic) int {
	n := 0
	for _, d := range ds {
		if d.Severity == harness.Error {
			n++
		}
	}
	return n
}

// selected is the number of a page's examples the run replays.
func selected(p harness.Page, o *runner.Options) int {
	if !o.Selected(p.Rel) {
		return 0
	}
	n := 0
	for _, e := range p.Examples {
		if o.Run == nil || o.Run.MatchString(e.ID) {
			n++
		}
	}
	return n
}
