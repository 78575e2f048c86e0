package extract

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/docconform/docconform/harness"
)

const minimalPage = "<!-- { \"blockType\": \"request\", \"name\": \"get_me\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/me\n```\n" +
	"<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 200 OK\n```\n"

func codes(p harness.Page) []string {
	var out []string
	for _, d := range p.Diagnostics {
		out = append(out, d.Code)
	}
	return out
}

func hasCode(p harness.Page, code string) bool {
	for _, d := range p.Diagnostics {
		if d.Code == code {
			return true
		}
	}
	return false
}

// TestBadPages: files that are not pages get a clear diagnostic naming file:1, never a
// crash, and nothing else is made of them.
func TestBadPages(t *testing.T) {
	tests := []struct {
		name, why string
		src       []byte
		code      string
		examples  int
	}{
		{"empty", "an empty .md file", nil, "page-empty", 0},
		{"binary", "a PNG renamed .md: NUL bytes in the first 8000", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), minimalPage...), "page-binary", 0},
		{"invalid utf-8", "Latin-1 bytes in a page: read anyway, the first bad line named", []byte("# Caf\xe9\n\n" + minimalPage), "page-invalid-utf8", 1},
		{"huge line", "a 4 MB line of prose before the example", []byte(strings.Repeat("x", 4<<20) + "\n\n" + minimalPage), "", 1},
		{"only prose", "no comment, no HTTP: not parsed at all", []byte("# Title\n\nJust text.\n"), "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Page("bad.md", tt.src)
			if len(p.Examples) != tt.examples {
				t.Errorf("%s: %d examples, want %d", tt.why, len(p.Examples), tt.examples)
			}
			if tt.code == "" {
				if len(p.Diagnostics) != 0 {
					t.Errorf("%s: diagnostics %v, want none", tt.why, p.Diagnostics)
				}
				return
			}
			if !hasCode(p, tt.code) {
				t.Fatalf("%s: diagnostics %v, want %s", tt.why, codes(p), tt.code)
			}
			for _, d := range p.Diagnostics {
				if d.File != "bad.md" || d.Line < 1 || !strings.HasPrefix(d.String(), "bad.md:") {
					t.Errorf("diagnostic %q does not start with file:line", d)
				}
			}
		})
	}
	p := Page("bad.md", []byte("# Caf\xe9\n\nline three \xff\n"+minimalPage))
	for _, d := range p.Diagnostics {
		if d.Code == "page-invalid-utf8" && d.Line != 1 {
			t.Errorf("invalid UTF-8 reported at line %d, want the first bad line, 1", d.Line)
		}
	}
}

// TestLargePage: a 50 MB page is refused before it is read, so memory stays bounded.
func TestLargePage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.md")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(50 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	p := File(path)
	runtime.ReadMemStats(&after)
	if !hasCode(p, "page-too-large") {
		t.Fatalf("diagnostics %v, want page-too-large", p.Diagnostics)
	}
	if !strings.Contains(p.Diagnostics[0].Message, "50.0 MiB") || !strings.Contains(p.Diagnostics[0].Message, "--max-page-size") {
		t.Errorf("message %q should give the size and what to do", p.Diagnostics[0].Message)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Errorf("refusing a 50 MB page allocated %d bytes; it should not read it", grew)
	}
	// The limit can be raised, and the same bytes in memory are refused by Page too.
	if p := Page("huge.md", make([]byte, 2<<20), MaxPageSize(1<<20)); !hasCode(p, "page-too-large") {
		t.Errorf("Page over MaxPageSize: %v", p.Diagnostics)
	}
	// Small sizes are said in bytes, not as 0.0 MiB.
	if p := Page("small.md", []byte(minimalPage), MaxPageSize(100)); !hasCode(p, "page-too-large") ||
		!strings.Contains(p.Diagnostics[0].Message, "more than the 100 bytes limit") {
		t.Errorf("Page over a small MaxPageSize: %v", p.Diagnostics)
	}
}

// TestPageVersion: a page's version comes from its nearest enclosing version folder, in
// its path below the root, else the root folder or the one above it (a root given as
// docs/beta/api, or as a single page there), else none.
func TestPageVersion(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"docs/beta/api/me.md", "docs/beta/api/v1.0/x.md", "docs/api/y.md", "graph-docs-v1.0/api/z.md", "tools-v2/docs/api/w.md"} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(minimalPage), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := map[string]string{}
	roots := []string{filepath.Join(dir, "docs"), filepath.Join(dir, "docs/beta/api"), filepath.Join(dir, "docs/beta/api/me.md"), filepath.Join(dir, "graph-docs-v1.0"),
		filepath.Join(dir, "tools-v2/docs/api")}
	err := Tree(context.Background(), roots, func(p harness.Page) error {
		got[p.File[len(filepath.ToSlash(dir))+1:]+" from "+p.Rel] = p.Version
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"docs/api/y.md from api/y.md":                     "",
		"docs/beta/api/me.md from beta/api/me.md":         "beta",
		"docs/beta/api/v1.0/x.md from beta/api/v1.0/x.md": "v1.0",
		"docs/beta/api/me.md from me.md":                  "beta",
		"docs/beta/api/v1.0/x.md from v1.0/x.md":          "v1.0",
		"graph-docs-v1.0/api/z.md from api/z.md":          "v1.0",
		"tools-v2/docs/api/w.md from w.md":                "", // a folder further up says nothing
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("versions (-want +got):\n%s", diff)
	}
	if v := Page("beta/api/me.md", []byte(minimalPage)).Version; v != "beta" {
		t.Errorf("Page(beta/api/me.md).Version = %q", v)
	}
}

func TestTreeErrors(t *testing.T) {
	err := Tree(context.Background(), []string{"does-not-exist"}, func(harness.Page) error { return nil })
	var pe *PathError
	if !errors.As(err, &pe) || pe.Path != "does-not-exist" {
		t.Fatalf("Tree(missing) = %v, want a *PathError naming the path", err)
	}

	dir := t.TempDir()
	for name, src := range map[string]string{
		"b.md":          minimalPage,
		"a.md":          minimalPage,
		"sub/c.md":      minimalPage,
		".hidden/d.md":  minimalPage,
		"notes.txt":     minimalPage,
		"sub/deep/e.MD": minimalPage,
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var ids []string
	err = Tree(context.Background(), []string{dir, filepath.Join(dir, "a.md")}, func(p harness.Page) error {
		for _, e := range p.Examples {
			ids = append(ids, e.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "a.md#get_me b.md#get_me sub/c.md#get_me sub/deep/e.MD#get_me a.md#get_me"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("IDs in order:\n got %s\nwant %s", got, want)
	}

	stop := errors.New("stop")
	n := 0
	err = Tree(context.Background(), []string{dir}, func(harness.Page) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("an error from fn: Tree = %v after %d pages, want it returned after 1", err, n)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Tree(ctx, []string{dir}, func(harness.Page) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled Tree = %v, want context.Canceled", err)
	}
}

// TestUnreadablePage: a page that cannot be opened is an error diagnostic at file:1 on
// that page, and a walk goes on past it. The page is a dangling link (opening it fails
// whoever runs the test; a file without read permission would not fail as root, as CI
// runs).
func TestUnreadablePage(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte(minimalPage), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "gone.md")
	if err := os.Symlink(filepath.Join(dir, "deleted.md"), path); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	want := harness.Diagnostic{Pos: harness.Pos{File: filepath.ToSlash(path), Line: 1}, Severity: harness.Error,
		Code: "page-unreadable", Message: "cannot read the page: no such file or directory"}
	check := func(how string, p harness.Page) {
		t.Helper()
		if len(p.Diagnostics) != 1 || p.Diagnostics[0] != want || len(p.Examples) != 0 {
			t.Errorf("%s: diagnostics %v and %d examples, want only %v", how, p.Diagnostics, len(p.Examples), want)
		}
	}
	check("File", File(path))

	var rels []string
	err := Tree(context.Background(), []string{dir}, func(p harness.Page) error {
		rels = append(rels, p.Rel)
		if p.Rel == "gone.md" {
			check("Tree", p)
		}
		return nil
	})
	if err != nil || strings.Join(rels, " ") != "a.md gone.md" {
		t.Errorf("Tree = %v over pages %q, want a.md and gone.md", err, rels)
	}
}

// TestPageCopiesNothingBack: pages share no memory with the source they were read from
// once the caller reuses its buffer (bodies are strings).
func TestPageIndependentOfSource(t *testing.T) {
	src := []byte(minimalPage)
	p := Page("p.md", src)
	before := p.Examples[0].URL
	copy(src, bytes.Repeat([]byte("x"), len(src)))
	if p.Examples[0].URL != before {
		t.Errorf("example changed with its source buffer")
	}
}

func FuzzPage(f *testing.F) {
	f.Add([]byte(minimalPage))
	f.Add([]byte("---\ntitle: x\n---\n<!-- {'blockType': 'request',} -->\n\n    GET /me\n\n<!-- {\"blockType\":\"response\",\"name\":[\"a\",]} -->\n```http\nHTTP 200\n```"))
	f.Add([]byte("- a\n  <!-- { \"blockType\": \"ignored\" } -->\n  ```http\n  GET /x\n  ```\n> <!-- {\"blockType\":\"response\"} -->\n> ```\n> HTTP/1.1 204\n"))
	f.Add([]byte("<!--\n```\n-->\n```http\nGET https://a/b\n<!-- x -->\n```\n```http\nHTTP/1.1 200 OK\n"))
	f.Add([]byte("<!-- { \"blockType\": \"request\" }"))
	f.Add([]byte("```http\nPOST https://graph.microsoft.com/v1.0/x\n\nA: b\n\n{\n```\n```http\nHTTP/1.1 201\nContent-Length: 9\n{\n```"))
	f.Fuzz(func(t *testing.T, src []byte) {
		p := Page("f.md", src)
		ids := map[string]bool{}
		for _, e := range p.Examples {
			if ids[e.ID] {
				t.Fatalf("duplicate ID %s", e.ID)
			}
			ids[e.ID] = true
			if e.Line < 1 || e.Method == "" || !strings.HasPrefix(e.ID, "f.md#") {
				t.Fatalf("bad example %+v", e)
			}
			for _, r := range e.Responses {
				if r.Line <= 0 || r.Status < 0 {
					t.Fatalf("bad response %+v", r)
				}
			}
		}
		lines := bytes.Count(src, []byte{'\n'}) + 1
		for _, d := range p.Diagnostics {
			if d.Line < 1 || d.Line > lines || d.Code == "" || d.Message == "" || d.File != "f.md" {
				t.Fatalf("bad diagnostic %+v (page has %d lines)", d, lines)
			}
		}
	})
}

// FuzzAnnotation feeds comment bodies to the annotation reader through a page: whatever
// the comment holds, the page is read and every diagnostic is well formed.
func FuzzAnnotation(f *testing.F) {
	for _, s := range []string{
		`{ "blockType": "response", "truncated": true, }`,
		`{ blockType: 'request', name: ["a", "b",], /* c */ }`,
		`{ "@type": "Collection(x)", "isCollection": "true", "optionalProperties": "id" }`,
		`{ "blockType": "resource", "keyProperty": 5, "nullableProperties": [1, null] }`,
		`{ "type": "#page.annotation", "description": "a
b" }`,
		`{ "blockType": "reponse" `,
		`{ "name": "x" } trailing`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if strings.Contains(body, "-->") {
			return
		}
		src := "<!-- " + body + " -->\n```http\nGET https://graph.microsoft.com/v1.0/me\n```\n```http\nHTTP/1.1 200 OK\n```\n"
		p := Page("a.md", []byte(src))
		lines := strings.Count(src, "\n") + 1
		for _, d := range p.Diagnostics {
			if d.Line < 1 || d.Line > lines || d.Code == "" {
				t.Fatalf("bad diagnostic %+v", d)
			}
		}
	})
}

// TestPageBOMAndCR: a page that starts with a byte order mark, or whose lines end in CR
// alone, reads like any other.
func TestPageBOMAndCR(t *testing.T) {
	for name, src := range map[string]string{
		"bom.md": "\xef\xbb\xbf" + minimalPage,
		"cr.md":  strings.ReplaceAll(minimalPage, "\n", "\r"),
	} {
		p := Page(name, []byte(src))
		if len(p.Examples) != 1 || p.Examples[0].ID != name+"#get_me" || p.Examples[0].Line != 3 || len(p.Diagnostics) != 0 {
			t.Errorf("%s: examples %+v, diagnostics %v", name, p.Examples, p.Diagnostics)
		}
	}
}

// TestPageTooDeep: block quotes nested far deeper than any page are refused with a
// diagnostic (the markdown parser would take quadratic time), at once.
func TestPageTooDeep(t *testing.T) {
	q := strings.Repeat(">", 100000)
	src := "# Deep\n\n" + q + ` <!-- { "blockType": "request", "name": "q" } -->` + "\n" + q + " ```http\n" + q + " GET /me\n" + q + " ```\n"
	p := Page("deep.md", []byte(src))
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "page-too-deep" || p.Diagnostics[0].Line != 3 {
		t.Errorf("diagnostics %v", p.Diagnostics)
	}
	// Real nesting is read.
	if p := Page("ok.md", []byte("> > > "+strings.ReplaceAll(minimalPage, "\n", "\n> > > "))); len(p.Examples) != 1 {
		t.Errorf("three levels of quotes: %+v %v", p.Examples, p.Diagnostics)
	}
}

// TestNamed: an example is found by its request's name or its ID's fragment; a name the
// page lacks is an error listing those it has.
func TestNamed(t *testing.T) {
	p := harness.Page{File: "a.md", Examples: []harness.Example{
		{ID: "a.md#get_user", Name: "get_user"}, {ID: "a.md#get_user~2", Name: "get_user"}, {ID: "a.md#example-3"},
	}}
	for name, want := range map[string]string{"get_user": "a.md#get_user", "get_user~2": "a.md#get_user~2", "example-3": "a.md#example-3"} {
		if e, err := Named(p, name); err != nil || e.ID != want {
			t.Errorf("Named(%q) = %s, %v, want %s", name, e.ID, err, want)
		}
	}
	if _, err := Named(p, "nope"); err == nil || err.Error() != `a.md: no example named "nope"; the page has: get_user, get_user~2, example-3` {
		t.Errorf("Named(nope) = %v", err)
	}
	if _, err := Named(harness.Page{File: "b.md"}, "x"); err == nil || err.Error() != "b.md: no examples in this page" {
		t.Errorf("Named on an empty page = %v", err)
	}
}
