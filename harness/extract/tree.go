package extract

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/internal/docurl"
)

// PathError is a root path that cannot be read; callers treat it as bad usage.
type PathError struct {
	Path string
	Err  error
}

func (e *PathError) Error() string { return fmt.Sprintf("%s: %v", e.Path, e.Err) }
func (e *PathError) Unwrap() error { return e.Err }

// StatRoots says whether every root exists, as Tree does before it reads any: a
// *PathError for the first that does not.
func StatRoots(roots []string) error {
	for _, r := range roots {
		if _, err := os.Stat(r); err != nil {
			return &PathError{Path: r, Err: errors.Unwrap(err)}
		}
	}
	return nil
}

// Tree extracts every page under roots — files, or folders walked recursively for *.md
// (folders whose name starts with "." are skipped) — and calls fn with each page in order:
// roots in the order given, files in lexical order within each. Pages are read and
// extracted concurrently (GOMAXPROCS at a time) but only a bounded window of them is held
// at once, so memory does not grow with the size of the tree. Pages that cannot hold
// examples are recognised by MayHoldExamples and never parsed.
//
// A root that does not exist or cannot be read is a *PathError, returned before fn is
// called for any page. A page that cannot be read is a diagnostic on that page. An error
// from fn stops the walk and is returned.
func Tree(ctx context.Context, roots []string, fn func(harness.Page) error, opts ...Option) error {
	if err := StatRoots(roots); err != nil {
		return err
	}
	workers := runtime.GOMAXPROCS(0)
	g, ctx := errgroup.WithContext(ctx)
	type job struct {
		path, rel, version string
		out                chan harness.Page
	}
	jobs := make(chan job)
	order := make(chan chan harness.Page, 4*workers)

	g.Go(func() error {
		defer close(jobs)
		defer close(order)
		for _, root := range roots {
			version := folderVersion(root)
			err := walk(root, func(path, rel string) error {
				j := job{path: path, rel: rel, version: version, out: make(chan harness.Page, 1)}
				select {
				case order <- j.out:
				case <-ctx.Done():
					return ctx.Err()
				}
				select {
				case jobs <- j:
				case <-ctx.Done():
					return ctx.Err()
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	for range workers {
		g.Go(func() error {
			for j := range jobs {
				j.out <- safeFile(j.path, append(opts[:len(opts):len(opts)], Rel(j.rel), rootVersion(j.version))...)
			}
			return nil
		})
	}
	g.Go(func() error {
		for out := range order {
			var p harness.Page
			select {
			case p = <-out:
			case <-ctx.Done():
				return ctx.Err()
			}
			if err := fn(p); err != nil {
				return err
			}
		}
		return nil
	})
	return g.Wait()
}

// safeFile is File, except that a bug in docconform that panics on one page becomes an
// error diagnostic on that page instead of ending a run over thousands of pages. (Fuzz
// tests call Page directly, so they still see every panic.)
func safeFile(path string, opts ...Option) (p harness.Page) {
	defer func() {
		if r := recover(); r != nil {
			p = errorPage(path, newConfig(opts), "internal-error",
				"docconform failed on this page (%v); the page was skipped — please report this with the page", r)
		}
	}()
	return File(path, opts...)
}

// errorPage is a page that could not be read at all.
func errorPage(path string, c config, code, format string, args ...any) harness.Page {
	name := filepath.ToSlash(path)
	rel := c.rel
	if rel == "" {
		rel = name
	}
	return harness.Page{File: name, Rel: rel, Examples: []harness.Example{}, Resources: []harness.Resource{},
		Diagnostics: []harness.Diagnostic{{Pos: harness.Pos{File: name, Line: 1}, Severity: harness.Error, Code: code,
			Message: fmt.Sprintf(format, args...)}}}
}

// File reads and extracts one page from disk. A page over the size limit is not read.
func File(path string, opts ...Option) harness.Page {
	c := newConfig(opts)
	name := filepath.ToSlash(path)
	fail := func(code, format string, args ...any) harness.Page {
		return errorPage(path, c, code, format, args...)
	}
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		// Opening a named pipe would wait for a writer, for ever.
		what := "not a regular file"
		switch t := info.Mode().Type(); {
		case t&fs.ModeNamedPipe != 0:
			what = "a named pipe"
		case t&fs.ModeSocket != 0:
			what = "a socket"
		case t&fs.ModeDevice != 0:
			what = "a device"
		}
		return fail("page-not-regular", "the page is %s, not a file; not read", what)
	}
	f, err := os.Open(path)
	if err != nil {
		return fail("page-unreadable", "cannot read the page: %v", errors.Unwrap(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fail("page-unreadable", "cannot read the page: %v", errors.Unwrap(err))
	}
	if info.Size() > c.maxPage {
		return fail("page-too-large", "page is %s, more than the %s limit; not read (raise --max-page-size if it is really a page)",
			size(info.Size()), size(c.maxPage))
	}
	src := make([]byte, info.Size())
	n, err := io.ReadFull(f, src)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return fail("page-unreadable", "cannot read the page: %v", err)
	}
	return Page(name, src[:n], opts...)
}

// folderVersion is the version that the root folder (for a file root, its folder) or the
// folder above it gives, as in docs/beta/api or graph-docs-v1.0/api. Folders further up
// (a checkout under tools-v2/) say nothing of the pages.
func folderVersion(root string) string {
	abs, err := filepath.Abs(root)
	if err != nil {
		return ""
	}
	dir := abs
	if info, err := os.Stat(root); err != nil || !info.IsDir() {
		dir = filepath.Dir(abs)
	}
	for range 2 {
		if v := docurl.PageVersion(filepath.Base(dir) + "/page.md"); v != "" {
			return v
		}
		dir = filepath.Dir(dir)
	}
	return ""
}

// walk calls fn for root itself when it is a file, or for every *.md file below it.
// rel is the path relative to root (for a file root: its base name).
func walk(root string, fn func(path, rel string) error) error {
	info, err := os.Stat(root)
	if err != nil {
		return &PathError{Path: root, Err: errors.Unwrap(err)}
	}
	if !info.IsDir() {
		return fn(filepath.Clean(root), filepath.Base(root))
	}
	if l, err := os.Lstat(root); err == nil && l.Mode()&fs.ModeSymlink != 0 {
		// A root that is a link to a folder is walked in the folder (WalkDir would not
		// follow it); the paths shown keep the link's name.
		root += string(filepath.Separator)
	}
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root {
				return &PathError{Path: root, Err: errors.Unwrap(err)}
			}
			// An unreadable folder or file inside the tree: extraction reports it.
			if d == nil || !d.IsDir() {
				return nil
			}
			rel, _ := filepath.Rel(root, path)
			return fn(path, filepath.ToSlash(rel))
		}
		if d.IsDir() {
			if path != root && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.EqualFold(filepath.Ext(path), ".md") {
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		return fn(path, filepath.ToSlash(rel))
	})
}

// Named finds the example of page p called name: its request's name, or the fragment of
// its ID ("get_user", "get_user~2", "example-2"). When there is none, the error lists the
// names the page has.
func Named(p harness.Page, name string) (harness.Example, error) {
	var names []string
	for _, e := range p.Examples {
		_, frag, _ := strings.Cut(e.ID, "#")
		if frag == name || e.Name == name {
			return e, nil
		}
		names = append(names, frag)
	}
	if len(names) == 0 {
		return harness.Example{}, fmt.Errorf("%s: no examples in this page", p.File)
	}
	return harness.Example{}, fmt.Errorf("%s: no example named %q; the page has: %s", p.File, name, strings.Join(names, ", "))
}
