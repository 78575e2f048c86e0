package session

import (
	"context"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/extract"
	"github.com/docconform/docconform/harness/mock"
)

// Served is the mock built from the pages under some roots, as `docconform serve`
// serves it.
type Served struct {
	Mock *mock.Mock
	// Diagnostics are the mock's (routes no request can tell apart, recorded answers it
	// cannot send, ...); PageDiagnostics counts the pages' own (docconform list lists them).
	Diagnostics     []harness.Diagnostic
	PageDiagnostics int
	Pages           int
	// Notes are what else the user should know (recorded answers matching no example).
	Notes []string
}

// Mock reads the pages under roots and builds the mock that answers as they document,
// with opts (MockOptions gives those of a cassette). An unreadable root is an
// *extract.PathError, a cassette that matches nothing an *InputError.
func Mock(ctx context.Context, roots []string, opts ...mock.Option) (Served, error) {
	var s Served
	var pages []harness.Page
	err := extract.Tree(ctx, roots, func(p harness.Page) error {
		s.PageDiagnostics += len(p.Diagnostics)
		p.Resources, p.Diagnostics = nil, nil
		pages = append(pages, p)
		return nil
	})
	if err != nil {
		return s, err
	}
	s.Pages = len(pages)
	s.Mock, s.Diagnostics = mock.New(pages, opts...)
	err = Unmatched(s.Mock, func(n string) { s.Notes = append(s.Notes, n) })
	return s, err
}
