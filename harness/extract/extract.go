package extract

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/internal/docurl"
)

// MaxGap is the most lines of text (prose, headings) that may stand between an annotation
// and the code block it annotates. Real pages put up to four there (a sentence, a heading); beyond that the
// annotation is an orphan.
const MaxGap = 5

// Option changes how pages are read.
type Option func(*config)

type config struct {
	annotatedOnly bool
	rel           string
	maxPage       int64
	// rootVersion is the version the folders above the root give (Tree works it out).
	rootVersion string
}

// AnnotatedOnly turns off inferred examples: unannotated response blocks are not read.
// (Annotated responses still pair with unannotated requests.)
func AnnotatedOnly() Option { return func(c *config) { c.annotatedOnly = true } }

// Rel sets the page path used as the prefix of example IDs (default: the file name given).
func Rel(rel string) Option { return func(c *config) { c.rel = rel } }

// rootVersion sets the version the folders above Rel give, for pages whose Rel names
// none.
func rootVersion(v string) Option { return func(c *config) { c.rootVersion = v } }

// MaxPageSize sets the largest page read (default DefaultMaxPageSize); larger pages are a
// diagnostic, not read.
func MaxPageSize(n int64) Option { return func(c *config) { c.maxPage = n } }

// DefaultMaxPageSize is far above any real page (the largest Graph page is under 1 MB)
// and keeps memory bounded when a tree holds a stray huge file.
const DefaultMaxPageSize = 16 << 20

func newConfig(opts []Option) config {
	c := config{maxPage: DefaultMaxPageSize}
	for _, o := range opts {
		o(&c)
	}
	return c
}

// mdParser is goldmark's CommonMark block parser with inline parsing off: block structure
// (fences, HTML blocks, lists, block quotes) is all extraction needs, and CommonMark block
// structure never depends on inline content. The block parsers are goldmark's defaults, in
// their default order.
//
// Paragraphs are dropped from the tree as they close (dropParagraphs), so goldmark's
// inline pass, which would otherwise walk every line of prose, has nothing to do.
var mdParser = parser.NewParser(
	parser.WithBlockParsers(
		util.Prioritized(parser.NewSetextHeadingParser(), 100),
		util.Prioritized(parser.NewThematicBreakParser(), 200),
		util.Prioritized(parser.NewListParser(), 300),
		util.Prioritized(parser.NewListItemParser(), 400),
		util.Prioritized(parser.NewCodeBlockParser(), 500),
		util.Prioritized(dropHeadings{parser.NewATXHeadingParser()}, 600),
		util.Prioritized(parser.NewFencedCodeBlockParser(), 700),
		util.Prioritized(parser.NewBlockquoteParser(), 800),
		util.Prioritized(parser.NewHTMLBlockParser(), 900),
		util.Prioritized(parser.NewParagraphParser(), 1000),
	),
	parser.WithInlineParsers(),
	parser.WithParagraphTransformers(util.Prioritized(dropParagraphs{}, 100)),
)

// dropHeadings is goldmark's ATX heading parser, removing each heading from the tree as it
// closes: headings matter to extraction only as lines of text between an annotation and
// its block, which are counted in the source.
type dropHeadings struct{ parser.BlockParser }

func (d dropHeadings) Close(node ast.Node, r text.Reader, pc parser.Context) {
	d.BlockParser.Close(node, r, pc)
	if p := node.Parent(); p != nil {
		p.RemoveChild(p, node)
	}
}

// inlineCommentsKey holds, in a parse's context, the offsets of paragraph lines that
// contain an annotation-like comment.
var inlineCommentsKey = parser.NewContextKey()

// dropParagraphs removes each paragraph from the tree as it closes, noting the lines that
// hold "<!-- {": such a comment inside a paragraph annotates nothing, and says so.
type dropParagraphs struct{}

func (dropParagraphs) Transform(p *ast.Paragraph, r text.Reader, pc parser.Context) {
	src := r.Source()
	lines := p.Lines()
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		v := src[s.Start:s.Stop]
		if k := bytes.Index(v, []byte("<!--")); k >= 0 && bytes.HasPrefix(bytes.TrimLeft(v[k+4:], " \t"), []byte("{")) {
			offs, _ := pc.Get(inlineCommentsKey).([]int)
			pc.Set(inlineCommentsKey, append(offs, s.Start))
		}
	}
	p.Parent().RemoveChild(p.Parent(), p)
}

// Page extracts the examples, resources and diagnostics of one page. file names the page
// in positions; src is its content. Page never fails: whatever cannot be used is a
// diagnostic.
func Page(file string, src []byte, opts ...Option) harness.Page {
	c := newConfig(opts)
	// A byte order mark would hide an annotation on line 1, and a page whose lines end in
	// CR alone (old Mac style) would be one line.
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(src, '\n') < 0 && bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	x := &extractor{cfg: c, src: src, page: harness.Page{
		File: file, Rel: c.rel, Examples: []harness.Example{}, Resources: []harness.Resource{}, Diagnostics: []harness.Diagnostic{},
	}}
	if x.page.Rel == "" {
		x.page.Rel = file
	}
	if x.page.Version = docurl.PageVersion(x.page.Rel); x.page.Version == "" {
		x.page.Version = c.rootVersion
	}
	if !x.readable() || !MayHoldExamples(src) {
		return x.page
	}
	x.run()
	return x.page
}

// MayHoldExamples is the cheap test run before a page is parsed: a page with no HTML
// comment (so no annotation) and no "HTTP" (so no status line) holds no example or
// resource, whatever its markdown says.
func MayHoldExamples(src []byte) bool {
	return bytes.Contains(src, []byte("<!--")) || bytes.Contains(src, []byte("HTTP"))
}

type extractor struct {
	cfg  config
	src  []byte
	base int // offset of the markdown after the front matter
	// lnOff and lnNum are a cursor for line: the line number of offset lnOff.
	lnOff, lnNum int
	page         harness.Page
	items        []item
	// answered is how many request candidates stood before the last response paired.
	answered int
}

// item is an annotation or a code block, in document order.
type item struct {
	ann  *annotation
	code *codeBlock
	// off is where a code block starts in src; for an annotation, where its HTML block ends.
	off int
}

type codeBlock struct {
	line     int // opener line (fenced) or first line (indented)
	fenced   bool
	lang     string
	text     []byte
	textLine int // page line of text's first line
	ann      *annotation
}

func (x *extractor) diag(line int, sev harness.Severity, code, format string, args ...any) {
	x.page.Diagnostics = append(x.page.Diagnostics, harness.Diagnostic{
		Pos: harness.Pos{File: x.page.File, Line: line}, Severity: sev, Code: code,
		Message: fmt.Sprintf(format, args...),
	})
}

// readable checks what must hold before markdown parsing makes sense.
func (x *extractor) readable() bool {
	src := x.src
	switch {
	case len(src) == 0:
		x.diag(1, harness.Warning, "page-empty", "page is empty")
		return false
	case int64(len(src)) > x.cfg.maxPage:
		x.diag(1, harness.Error, "page-too-large", "page is %s, more than the %s limit; not read (raise --max-page-size if it is really a page)",
			size(int64(len(src))), size(x.cfg.maxPage))
		return false
	case bytes.IndexByte(src[:min(len(src), 8000)], 0) >= 0:
		x.diag(1, harness.Error, "page-binary", "file holds NUL bytes: it is binary, not a markdown page; not read")
		return false
	}
	if !utf8.Valid(src) {
		k := 0
		for k < len(src) {
			r, n := utf8.DecodeRune(src[k:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			k += n
		}
		x.diag(1+bytes.Count(src[:k], []byte{'\n'}), harness.Warning, "page-invalid-utf8",
			"page is not valid UTF-8 (first bad byte 0x%02x at this line); read anyway", src[k])
	}
	if line, ok := tooDeep(src); ok {
		// The markdown parser takes time quadratic in the depth of block quotes.
		x.diag(line, harness.Error, "page-too-deep", "block quotes nested more than %d deep; the page is not read", maxQuoteDepth)
		return false
	}
	return true
}

// maxQuoteDepth bounds the nesting of block quotes (real pages nest a few levels).
const maxQuoteDepth = 100

// tooDeep finds the first line whose block quotes nest deeper than maxQuoteDepth.
func tooDeep(src []byte) (int, bool) {
	if bytes.Count(src, []byte{'>'}) <= maxQuoteDepth {
		return 0, false
	}
	line := 1
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		depth := 0
		for _, c := range src[start:end] {
			if c == '>' {
				depth++
			} else if c != ' ' && c != '\t' {
				break
			}
		}
		if depth > maxQuoteDepth {
			return line, true
		}
		start, line = end+1, line+1
	}
	return 0, false
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// line returns the page line of a byte offset into src. Offsets mostly come in document
// order, so it counts forward from the last one asked.
func (x *extractor) line(off int) int {
	if off < x.lnOff || x.lnNum == 0 {
		x.lnOff, x.lnNum = 0, 1
	}
	x.lnNum += bytes.Count(x.src[x.lnOff:off], []byte{'\n'})
	x.lnOff = off
	return x.lnNum
}

func (x *extractor) run() {
	x.frontMatter()
	md := x.src[x.base:]
	pc := parser.NewContext()
	doc := mdParser.Parse(text.NewReader(md), parser.WithContext(pc))
	x.walk(doc, md)
	offs, _ := pc.Get(inlineCommentsKey).([]int)
	for _, off := range offs {
		x.diag(x.line(x.base+off), harness.Warning, "annotation-in-paragraph",
			"annotation comment stands inside a paragraph (an annotation must start its own line), so it annotates nothing")
	}
	x.bind()
	x.pair()
}

// walk collects annotations and code blocks in document order.
func (x *extractor) walk(n ast.Node, md []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.HTMLBlock:
			x.htmlBlock(c, md)
		case *ast.FencedCodeBlock:
			x.codeBlock(c, md, true)
		case *ast.CodeBlock:
			x.codeBlock(c, md, false)
		case *ast.Heading, *ast.ThematicBreak:
		default:
			x.walk(c, md)
		}
	}
}

// blockText returns the text of a block's line segments, sharing md when they are one
// contiguous run (the common case: a top-level fence).
func blockText(segs []text.Segment, md []byte) []byte {
	if len(segs) == 0 {
		return nil
	}
	contiguous := true
	for i, s := range segs {
		if s.Padding != 0 || (i > 0 && s.Start != segs[i-1].Stop) {
			contiguous = false
			break
		}
	}
	if contiguous {
		return md[segs[0].Start:segs[len(segs)-1].Stop]
	}
	var buf bytes.Buffer
	for _, s := range segs {
		buf.Write(s.Value(md))
	}
	return buf.Bytes()
}

func segments(lines *text.Segments) []text.Segment {
	return lines.Sliced(0, lines.Len())
}

func (x *extractor) htmlBlock(h *ast.HTMLBlock, md []byte) {
	segs := segments(h.Lines())
	if h.HasClosure() {
		segs = append(segs, h.ClosureLine)
	}
	if len(segs) == 0 {
		return
	}
	t := blockText(segs, md)
	if !bytes.Contains(t, []byte("<!--")) {
		return
	}
	start := x.line(x.base + segs[0].Start)
	end := x.base + segs[len(segs)-1].Stop
	for _, c := range comments(t, start) {
		body := bytes.TrimLeft(c.body, " \t\r\n")
		if !c.closed {
			x.diag(c.line, harness.Error, "comment-unclosed", "HTML comment is never closed (no -->): everything after it is hidden from readers and from docconform")
		}
		if len(body) == 0 || body[0] != '{' || !c.closed {
			continue
		}
		c.bodyLine += bytes.Count(c.body[:len(c.body)-len(body)], []byte{'\n'})
		c.body = body
		if len(c.trailing) > 0 {
			x.diag(c.line, harness.Warning, "annotation-trailing-text", "text %q after the annotation's --> is ignored", c.trailing)
		}
		a, ok := x.parseAnnotation(c)
		if !ok || a.page {
			continue
		}
		x.items = append(x.items, item{ann: &a, off: end})
	}
}

func (x *extractor) codeBlock(n ast.Node, md []byte, fenced bool) {
	cb := &codeBlock{fenced: fenced, line: x.line(x.base + n.Pos())}
	lines := n.Lines()
	cb.text = blockText(segments(lines), md)
	if lines.Len() > 0 {
		cb.textLine = x.line(x.base + lines.At(0).Start)
	} else {
		cb.textLine = cb.line + 1
	}
	if fenced {
		f := n.(*ast.FencedCodeBlock)
		cb.lang = string(f.Language(md))
		x.checkFence(cb, f, md)
	}
	x.items = append(x.items, item{code: cb, off: x.base + n.Pos()})
}

// checkFence reports fence openers inside the block (an earlier fence left open) and a
// block that is never closed.
func (x *extractor) checkFence(cb *codeBlock, f *ast.FencedCodeBlock, md []byte) {
	lines := f.Lines()
	for i := 0; i < lines.Len(); i++ {
		l := bytes.TrimLeft(segValue(lines.At(i), md), " \t")
		if (bytes.HasPrefix(l, []byte("```")) || bytes.HasPrefix(l, []byte("~~~"))) && len(bytes.TrimSpace(bytes.TrimLeft(l, "`~"))) > 0 {
			x.diag(cb.textLine+i, harness.Warning, "fence-opener-inside-fence",
				"a fence opener (%s) inside the code block opened at line %d: that block is probably not closed where intended",
				bytes.TrimSpace(l), cb.line)
		}
	}
	// The line after the content must be the closing fence.
	after := len(md)
	if lines.Len() > 0 {
		after = lines.At(lines.Len() - 1).Stop
	} else if eol := bytes.IndexByte(md[f.Pos():], '\n'); eol >= 0 {
		after = f.Pos() + eol + 1
	}
	last := cb.textLine + lines.Len() - 1
	closer := md[after:]
	if eol := bytes.IndexByte(closer, '\n'); eol >= 0 {
		closer = closer[:eol]
	}
	closer = bytes.TrimLeft(closer, " \t>")
	if !bytes.HasPrefix(closer, []byte("```")) && !bytes.HasPrefix(closer, []byte("~~~")) {
		x.diag(cb.line, harness.Warning, "fence-unclosed", "code block is never closed: it runs to line %d, the end of its container", last)
	}
}

// bind attaches each annotation to the next code block, unless another annotation comes
// first or more than MaxGap lines of text stand between.
func (x *extractor) bind() {
	for i, it := range x.items {
		if it.ann == nil {
			continue
		}
		a := it.ann
		next := i + 1
		if next == len(x.items) || x.items[next].ann != nil {
			what := "another annotation comes first"
			if next == len(x.items) {
				what = "the page ends first"
			} else if x.items[next].ann.line == a.line {
				what = "another annotation on the same line comes first"
			}
			x.orphan(a, "no code block follows it (%s)", what)
			continue
		}
		cb := x.items[next].code
		gap := textLines(x.src[it.off:x.items[next].off])
		if gap > MaxGap {
			x.orphan(a, "the next code block, at line %d, is %d lines of text away", cb.line, gap)
			continue
		}
		if gap > 0 {
			x.diag(a.line, harness.Warning, "annotation-gap",
				"%s of text between the annotation and its code block at line %d", harness.Plural(gap, "line"), cb.line)
		}
		cb.ann = a
	}
}

func (x *extractor) orphan(a *annotation, format string, args ...any) {
	sev := harness.Warning
	switch a.blockType {
	case "request", "response", "resource":
		sev = harness.Error
	}
	x.diag(a.line, sev, "annotation-without-block", "annotation (%s) annotates nothing: "+format, append([]any{blockTypeName(a)}, args...)...)
}

func blockTypeName(a *annotation) string {
	if a.blockType == "" {
		return "no blockType"
	}
	return a.blockType
}

// textLines counts the lines of between that hold text, leaving out the partial line
// the next block starts on (its container's indentation or "> ").
func textLines(between []byte) int {
	if k := bytes.LastIndexByte(between, '\n'); k >= 0 {
		between = between[:k]
	} else {
		return 0
	}
	n := 0
	for len(between) > 0 {
		l := between
		if k := bytes.IndexByte(between, '\n'); k >= 0 {
			l, between = between[:k], between[k+1:]
		} else {
			between = nil
		}
		if len(bytes.TrimSpace(l)) > 0 {
			n++
		}
	}
	return n
}

// frontMatter reads a leading "---" block's title and description.
func (x *extractor) frontMatter() {
	src := x.src
	if !bytes.HasPrefix(src, []byte("---\n")) && !bytes.HasPrefix(src, []byte("---\r\n")) {
		return
	}
	rest := src[bytes.IndexByte(src, '\n')+1:]
	off := len(src) - len(rest)
	for len(rest) > 0 {
		eol := bytes.IndexByte(rest, '\n')
		l := rest
		if eol >= 0 {
			l = rest[:eol]
		}
		t := bytes.TrimRight(l, " \t\r")
		if bytes.Equal(t, []byte("---")) || bytes.Equal(t, []byte("...")) {
			if eol < 0 {
				x.base = len(src)
			} else {
				x.base = off + eol + 1
			}
			return
		}
		if k := bytes.IndexByte(t, ':'); k > 0 {
			key := string(bytes.TrimSpace(t[:k]))
			val := unquoteYAML(strings.TrimSpace(string(t[k+1:])))
			switch key {
			case "title":
				x.page.Title = val
			case "description":
				x.page.Description = val
			}
		}
		if eol < 0 {
			break
		}
		rest = rest[eol+1:]
		off += eol + 1
	}
	x.diag(1, harness.Warning, "front-matter-unclosed", "front matter opened with --- is never closed; the page is read as markdown from line 1")
	x.page.Title, x.page.Description = "", ""
}

// unquoteYAML reads a single-line YAML scalar: plain, 'single' (” escapes ') or "double".
func unquoteYAML(s string) string {
	if len(s) >= 2 {
		switch {
		case s[0] == '\'' && s[len(s)-1] == '\'':
			return strings.ReplaceAll(s[1:len(s)-1], "''", "'")
		case s[0] == '"' && s[len(s)-1] == '"':
			if u, err := strconv.Unquote(s); err == nil {
				return u
			}
			return s[1 : len(s)-1]
		}
	}
	return s
}

// isHTTPLang reports whether an unannotated block's fence language may hold HTTP text.
func isHTTPLang(lang string) bool {
	return lang == "" || strings.EqualFold(lang, "http") || strings.EqualFold(lang, "msgraph-interactive")
}

func segValue(s text.Segment, md []byte) []byte { return s.Value(md) }
