package extract

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/docconform/docconform/fixtures"
	"github.com/docconform/docconform/harness"
)

// corpusDir is the shared corpus of real Graph pages (skips when absent).
func corpusDir(t testing.TB) string { return fixtures.Corpus(t) }

type corpusCounts struct {
	Pages, Examples                         int
	Request, Ignored, Unannotated, Inferred int
	AnnotatedResponses, InferredResponses   int // distinct blocks
	Resources                               int
}

func extractTree(t *testing.T, root string, opts ...Option) ([]harness.Page, corpusCounts) {
	t.Helper()
	var pages []harness.Page
	var n corpusCounts
	seen := map[string]bool{}
	err := Tree(context.Background(), []string{root}, func(p harness.Page) error {
		n.Pages++
		n.Resources += len(p.Resources)
		for _, e := range p.Examples {
			n.Examples++
			switch e.BlockType {
			case "request":
				n.Request++
			case "ignored":
				n.Ignored++
			default:
				n.Unannotated++
			}
			if e.Inferred {
				n.Inferred++
			}
			for _, r := range e.Responses {
				key := fmt.Sprintf("%s:%d", p.File, r.Line)
				if seen[key] {
					continue
				}
				seen[key] = true
				if r.Inferred {
					n.InferredResponses++
				} else {
					n.AnnotatedResponses++
				}
			}
		}
		// Keep positions and diagnostics only: the whole corpus is not held in memory.
		pages = append(pages, harness.Page{File: p.File, Rel: p.Rel, Diagnostics: p.Diagnostics})
		return nil
	}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return pages, n
}

// TestCorpusCounts runs extraction over the 2,102 real Graph v1.0 API pages and checks the
// counts against those established by hand (QUIRKS.md, and the reading recorded here).
//
// QUIRKS.md counts 1,469 blocks annotated request, 1,601 annotated response, 129 responses
// answering a request annotated ignored, and 869 concrete requests / 813 responses with no
// annotation. Of the 1,601 annotated responses, 2 hold a request (channel-post-messagereply.md:155,
// message-createforward.md:139) and are read as requests, and 1 follows a request in a block
// annotated example (application-post-calls.md:594) and is not used, leaving 1,598. Of the 813
// unannotated responses, 4 follow a request annotated ignored and are not examples
// (channel-delete-tabs.md:62, teamsapp-update.md:83, todotask-delta.md:96,
// todotasklist-delta.md:92), leaving 809, each answering an unannotated request: 806
// inferred examples (3 requests have two responses). 10 unannotated requests are answered
// by annotated responses (not inferred). The other unannotated request blocks are
// syntax templates and callback notifications with no response.
func TestCorpusCounts(t *testing.T) {
	dir := corpusDir(t)
	_, got := extractTree(t, filepath.Join(dir, "graph-docs-v1.0", "api"))
	want := corpusCounts{
		Pages: 2102, Examples: 2414,
		Request: 1469, Ignored: 129, Unannotated: 816, Inferred: 806,
		AnnotatedResponses: 1598, InferredResponses: 809,
		Resources: 1, // api/driveitem-createuploadsession.md documents driveItemUploadableProperties inline
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("api/ counts (-want +got):\n%s", diff)
	}

	_, got = extractTree(t, filepath.Join(dir, "graph-docs-v1.0", "resources"))
	if got.Resources != 1023 || got.Examples != 5 {
		t.Errorf("resources/: %d resources and %d examples, want 1023 (with api/'s one, every one of the 1,024 resource annotations) and 5", got.Resources, got.Examples)
	}

	_, got = extractTree(t, filepath.Join(dir, "graph-docs-v1.0", "api"), AnnotatedOnly())
	if got.Inferred != 0 || got.InferredResponses != 0 || got.Request != 1469 || got.AnnotatedResponses != 1598 {
		t.Errorf("api/ with AnnotatedOnly: %+v, want no inferred examples, 1469 requests, 1598 annotated responses", got)
	}
}

// TestCorpusDiagnostics compares every diagnostic over the corpus with
// testdata/corpus-diagnostics.txt, a list read and agreed with line by line (the
// content-length ones by rule: each compares a documented length with the documented
// body). make golden rewrites it; review the diff.
func TestCorpusDiagnostics(t *testing.T) {
	dir := corpusDir(t)
	var lines []string
	for _, sub := range []string{"graph-docs-v1.0", "seed"} {
		pages, _ := extractTree(t, filepath.Join(dir, sub))
		for _, p := range pages {
			for _, d := range p.Diagnostics {
				d.File = sub + "/" + p.Rel
				lines = append(lines, d.String())
			}
		}
	}
	got := strings.Join(lines, "\n") + "\n"
	fixtures.Golden(t, "testdata/corpus-diagnostics.txt", []byte(got))
}

// TestSeedPage checks the page the project was specified from: one example, its
// placeholder intact, its quirks diagnosed.
func TestSeedPage(t *testing.T) {
	dir := corpusDir(t)
	path := filepath.Join(dir, "seed", "enrollmentconfigurationassignment-create.md")
	p := File(path, Rel("enrollmentconfigurationassignment-create.md"))
	if len(p.Examples) != 1 {
		t.Fatalf("%d examples, want 1", len(p.Examples))
	}
	e := p.Examples[0]
	if e.ID != "enrollmentconfigurationassignment-create.md#create_enrollmentconfigurationassignment_from_" {
		t.Errorf("ID = %q", e.ID)
	}
	if want := `https://graph.microsoft.com/docs\api/deviceManagement/deviceEnrollmentConfigurations/{deviceEnrollmentConfigurationId}/assignments`; e.URL != want || e.Method != "POST" {
		t.Errorf("request = %s %s, want POST %s", e.Method, e.URL, want)
	}
	if len(e.Responses) != 1 || e.Responses[0].Status != 201 || !e.Responses[0].Truncated ||
		e.Responses[0].ODataType != "microsoft.graph.enrollmentconfigurationassignment" {
		t.Errorf("responses = %+v, want one 201, truncated, with the annotation's lower-case @odata.type kept", e.Responses)
	}
	at := map[string]bool{}
	for _, d := range p.Diagnostics {
		at[fmt.Sprintf("%s:%d", d.Code, d.Line)] = true
	}
	for code, line := range map[string]int{"url-backslash": 63, "content-length-crlf": 65} {
		if !at[fmt.Sprintf("%s:%d", code, line)] {
			t.Errorf("no %s diagnostic at line %d; diagnostics: %v", code, line, p.Diagnostics)
		}
	}
	if p.Title != "Add assignments" {
		t.Errorf("title = %q", p.Title)
	}
}

// TestCorpusIDsStable checks that IDs do not depend on which other pages are read: every
// example of a page has the same ID whether the page is read alone or with the whole tree,
// and IDs are unique across the tree.
func TestCorpusIDsStable(t *testing.T) {
	dir := filepath.Join(corpusDir(t), "graph-docs-v1.0")
	ids := map[string]string{}
	var files []string
	err := Tree(context.Background(), []string{dir}, func(p harness.Page) error {
		for _, e := range p.Examples {
			if prev, dup := ids[e.ID]; dup {
				t.Errorf("ID %s at %s and %s", e.ID, prev, e.Pos())
			}
			ids[e.ID] = e.Pos().String()
		}
		if len(p.Examples) > 0 && len(files) < 50 {
			files = append(files, p.File)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		rel, _ := filepath.Rel(dir, f)
		rel = filepath.ToSlash(rel)
		alone := File(f, Rel(rel))
		for _, e := range alone.Examples {
			if _, ok := ids[e.ID]; !ok {
				t.Errorf("%s: ID %s when read alone, not seen in the tree", f, e.ID)
			}
		}
	}
	if !slices.IsSorted(files) {
		t.Errorf("pages not delivered in lexical order: %v", files)
	}
}
