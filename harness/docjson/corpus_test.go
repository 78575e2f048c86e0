package docjson

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/docconform/docconform/fixtures"
)

// corpusBlock is one piece of JSON found in a corpus page.
type corpusBlock struct {
	file string // path relative to graph-docs-v1.0
	line int    // 1-based line of the block's first line in the page
	text []byte
}

// fencedBodies returns, for every ``` fenced block of page whose content is
// an HTTP message (a status or request line, headers, an optional blank
// line) followed by a body starting with { or [, that body. It is a simple
// line scanner, not a Markdown parser.
func fencedBodies(file string, page []byte, requests bool) []corpusBlock {
	lines := strings.Split(string(page), "\n")
	var out []corpusBlock
	for i := 0; i < len(lines); i++ {
		open := strings.TrimSpace(lines[i])
		if !strings.HasPrefix(open, "```") {
			continue
		}
		indent := len(lines[i]) - len(strings.TrimLeft(lines[i], " \t"))
		j := i + 1
		for j < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[j]), "```") {
			j++
		}
		content := lines[i+1 : min(j, len(lines))]
		if start, ok := httpBodyStart(content, requests); ok {
			body := make([]string, 0, len(content)-start)
			for _, l := range content[start:] {
				if len(l)-len(strings.TrimLeft(l, " \t")) >= indent {
					l = l[indent:] // de-indent by the opener's indentation
				}
				body = append(body, l)
			}
			out = append(out, corpusBlock{file: file, line: i + 2 + start, text: []byte(strings.Join(body, "\n"))})
		}
		i = j
	}
	return out
}

// httpBodyStart finds the body of an HTTP message: after the first line
// (a status line "HTTP...", or with requests a request line "METHOD url"), header lines, and
// a blank line. A body line starting with { or [ right after the headers is
// accepted too (QUIRKS 40: a missing blank line).
func httpBodyStart(content []string, requests bool) (int, bool) {
	k := 0
	for k < len(content) && strings.TrimSpace(content[k]) == "" {
		k++
	}
	if k >= len(content) {
		return 0, false
	}
	first, _, _ := strings.Cut(strings.TrimSpace(content[k]), " ")
	if requests {
		switch first {
		case "POST", "PATCH", "PUT", "GET", "DELETE":
		default:
			return 0, false
		}
	} else if !strings.HasPrefix(strings.ToUpper(first), "HTTP") {
		return 0, false
	}
	k++
	for k < len(content) {
		l := strings.TrimSpace(content[k])
		if l == "" || strings.HasPrefix(l, "{") || strings.HasPrefix(l, "[") {
			break
		}
		k++ // a header
	}
	for k < len(content) && strings.TrimSpace(content[k]) == "" {
		k++
	}
	if k >= len(content) {
		return 0, false
	}
	l := strings.TrimLeft(content[k], " \t\u00a0\ufeff")
	if !strings.HasPrefix(l, "{") && !strings.HasPrefix(l, "[") {
		return 0, false
	}
	return k, true
}

// annotations returns the body of every "<!-- {" ... "-->" comment of page
// outside fenced blocks, from the "{" to just before "-->".
func annotations(file string, page []byte) []corpusBlock {
	var out []corpusBlock
	lines := bytes.Split(page, []byte("\n"))
	inFence := false
	for i := 0; i < len(lines); i++ {
		t := bytes.TrimSpace(lines[i])
		if bytes.HasPrefix(t, []byte("```")) {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		c := bytes.Index(lines[i], []byte("<!--"))
		if c < 0 {
			continue
		}
		rest := bytes.TrimLeft(lines[i][c+4:], " \t")
		if !bytes.HasPrefix(rest, []byte("{")) {
			continue
		}
		// Find the closing "-->" from this point on.
		off := 0
		for k := 0; k < i; k++ {
			off += len(lines[k]) + 1
		}
		start := off + c + 4 + (len(lines[i][c+4:]) - len(rest))
		end := bytes.Index(page[start:], []byte("-->"))
		if end < 0 {
			continue // an unclosed comment is not an annotation
		}
		text := page[start : start+end]
		out = append(out, corpusBlock{file: file, line: i + 1, text: text})
		i += bytes.Count(text, []byte("\n"))
	}
	return out
}

type corpusCounts struct {
	total, strict, lenient, failed int
	byKind                         [NumLeniencyKinds]int // blocks with at least one leniency of the kind
	failures                       []string
}

func (c *corpusCounts) add(b corpusBlock) {
	c.total++
	_, lens, err := Parse(b.text)
	switch {
	case err != nil:
		c.failed++
		var se *SyntaxError
		line := b.line
		if errors.As(err, &se) {
			line += se.Line - 1
			err = errors.New(se.Msg)
		}
		c.failures = append(c.failures, fmt.Sprintf("%s:%d: %v", b.file, line, err))
	case len(lens) == 0:
		c.strict++
	default:
		c.lenient++
		var seen [NumLeniencyKinds]bool
		for _, l := range lens {
			seen[l.Kind] = true
		}
		for k, s := range seen {
			if s {
				c.byKind[k]++
			}
		}
	}
}

func (c *corpusCounts) log(t *testing.T, what string) {
	t.Helper()
	t.Logf("%s: %d parsed: %d strict, %d lenient, %d failed", what, c.total, c.strict, c.lenient, c.failed)
	var kinds []string
	for k, n := range c.byKind {
		if n > 0 {
			kinds = append(kinds, fmt.Sprintf("%s=%d", LeniencyKind(k), n))
		}
	}
	sort.Strings(kinds)
	t.Logf("%s: lenient blocks by kind: %s", what, strings.Join(kinds, " "))
	for _, f := range c.failures {
		t.Logf("%s failure: %s", what, f)
	}
}

func readCorpus(t *testing.T, sub string) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(fixtures.Corpus(t), "graph-docs-v1.0", sub, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	pages := make(map[string][]byte, len(files))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		pages[filepath.ToSlash(filepath.Join(sub, filepath.Base(f)))] = b
	}
	return pages
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestCorpus parses every JSON body of an HTTP example and every annotation
// comment of the real Graph pages. It must not panic, and only a few
// may fail (each failure is logged as file:line: error for a human).
func TestCorpus(t *testing.T) {
	api := readCorpus(t, "api")
	resources := readCorpus(t, "resources")

	var bodies, requests corpusCounts
	for _, name := range sortedKeys(api) {
		for _, b := range fencedBodies(name, api[name], false) {
			bodies.add(b)
		}
		for _, b := range fencedBodies(name, api[name], true) {
			requests.add(b)
		}
	}
	bodies.log(t, "response bodies")
	requests.log(t, "request bodies")

	var notes corpusCounts
	for _, pages := range []map[string][]byte{api, resources} {
		for _, name := range sortedKeys(pages) {
			for _, b := range annotations(name, pages[name]) {
				notes.add(b)
			}
		}
	}
	notes.log(t, "annotations")

	if bodies.total < 1000 || notes.total < 3000 {
		t.Errorf("scanner found too little: %d bodies, %d annotations", bodies.total, notes.total)
	}
	// "Few": under 1% of each.
	if bodies.failed*100 > bodies.total {
		t.Errorf("%d of %d response bodies failed to parse", bodies.failed, bodies.total)
	}
	if requests.failed*100 > requests.total {
		t.Errorf("%d of %d request bodies failed to parse", requests.failed, requests.total)
	}
	if notes.failed*100 > notes.total {
		t.Errorf("%d of %d annotations failed to parse", notes.failed, notes.total)
	}
}
