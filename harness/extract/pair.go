package extract

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/httpblock"
	"github.com/docconform/docconform/harness/internal/editdist"
)

// candidate is a block whose content is an HTTP request: a response may answer it.
type candidate struct {
	cb        *codeBlock
	hb        httpblock.Block
	blockType string // "request", "ignored" or ""
	names     []string
	example   int // index into x.page.Examples, -1 until it becomes an example
}

// pair turns code blocks into examples and resources.
func (x *extractor) pair() {
	var cands []*candidate
	x.answered = 0
	for _, it := range x.items {
		cb := it.code
		if cb == nil {
			continue
		}
		bt := ""
		if cb.ann != nil {
			bt = cb.ann.blockType
		}
		switch bt {
		case "resource":
			x.resource(cb)
		case "example", "samples", "simulatedResponse":
			// Known kinds that are not replayable examples: notification payloads,
			// syntax templates, simulated responses. A request in one still stands between
			// a response after it and the requests before it.
			if isHTTPLang(cb.lang) {
				if hb := httpblock.Parse(cb.text, cb.textLine); hb.Kind == httpblock.RequestKind {
					cands = append(cands, x.candidate(cb, hb, bt))
				}
			}
		case "request":
			hb := httpblock.Parse(cb.text, cb.textLine)
			switch hb.Kind {
			case httpblock.RequestKind:
				c := x.candidate(cb, hb, "request")
				cands = append(cands, c)
				x.example(c)
			case httpblock.ResponseKind:
				x.diag(cb.line, harness.Warning, "request-holds-response", "block annotated request holds a response (%s); read as a response", statusText(hb))
				x.respond(cb, hb, cands, false)
			default:
				x.diag(cb.line, harness.Error, "request-unparseable", "block annotated request does not start with a request line (METHOD URL); not an example")
			}
		case "response":
			hb := httpblock.Parse(cb.text, cb.textLine)
			switch hb.Kind {
			case httpblock.ResponseKind:
				x.respond(cb, hb, cands, true)
			case httpblock.RequestKind:
				x.diag(cb.line, harness.Warning, "response-holds-request", "block annotated response holds a request (%s %s); read as an unannotated request",
					hb.Request.Method, hb.Request.URL)
				cands = append(cands, x.candidate(cb, hb, ""))
			default:
				x.diag(cb.line, harness.Error, "response-unparseable", "block annotated response does not start with a status line (HTTP/1.1 200 OK); not used")
			}
		case "ignored":
			if !isHTTPLang(cb.lang) {
				continue
			}
			if hb := httpblock.Parse(cb.text, cb.textLine); hb.Kind == httpblock.RequestKind {
				cands = append(cands, x.candidate(cb, hb, "ignored"))
			}
		default:
			if bt != "" {
				x.diag(cb.ann.line, harness.Warning, "unknown-block-type", "unknown blockType %q%s; the block is read as if it had no annotation", bt, didYouMean(bt))
			} else if cb.ann != nil {
				x.diag(cb.ann.line, harness.Warning, "annotation-no-block-type", "annotation has no blockType; the block is read as if it had no annotation")
			}
			if !cb.fenced || !isHTTPLang(cb.lang) {
				continue
			}
			hb := httpblock.Parse(cb.text, cb.textLine)
			switch hb.Kind {
			case httpblock.RequestKind:
				cands = append(cands, x.candidate(cb, hb, ""))
			case httpblock.ResponseKind:
				if !x.cfg.annotatedOnly {
					x.respond(cb, hb, cands, false)
				}
			}
		}
	}
	x.assignIDs()
	for _, e := range x.page.Examples {
		if len(e.Responses) == 0 {
			x.diag(e.Line, harness.Warning, "request-without-response", "request %s has no documented response", e.ID)
		}
	}
	slices.SortStableFunc(x.page.Diagnostics, func(a, b harness.Diagnostic) int { return a.Line - b.Line })
}

func (x *extractor) keep(hb httpblock.Block) {
	for _, d := range hb.Diagnostics {
		d.File = x.page.File
		x.page.Diagnostics = append(x.page.Diagnostics, d)
	}
}

func (x *extractor) candidate(cb *codeBlock, hb httpblock.Block, blockType string) *candidate {
	c := &candidate{cb: cb, hb: hb, blockType: blockType, example: -1}
	if blockType != "" && cb.ann != nil {
		c.names = cb.ann.names
		if len(c.names) == 0 {
			if id, ok := cb.ann.extra["id"]; ok {
				var s string
				if err := json.Unmarshal(id, &s); err == nil && s != "" {
					c.names = []string{s}
					x.diag(cb.ann.line, harness.Warning, "annotation-id-for-name", `request annotation has "id" instead of "name"; read as its name`)
				}
			}
		}
	}
	return c
}

// example makes a candidate an example (once).
func (x *extractor) example(c *candidate) *harness.Example {
	if c.example >= 0 {
		return &x.page.Examples[c.example]
	}
	// The HTTP text's diagnostics surface once the block is used.
	x.keep(c.hb)
	e := harness.Example{
		File:      x.page.File,
		BlockType: c.blockType,
		Request:   c.hb.Request,
		Responses: []harness.Response{},
	}
	if len(c.names) > 0 {
		e.Name = c.names[0]
		if len(c.names) > 1 {
			x.diag(c.cb.ann.line, harness.Warning, "request-several-names", "request annotation lists %d names; the first, %q, is used", len(c.names), e.Name)
		}
	}
	if c.blockType != "" && c.cb.ann != nil {
		e.AnnotationLine = c.cb.ann.line
		e.Extra = c.cb.ann.extra
		delete(e.Extra, "id")
		if len(e.Extra) == 0 {
			e.Extra = nil
		}
	}
	if len(c.hb.More) > 0 {
		x.diag(c.hb.Request.Line, harness.Warning, "several-request-lines", "request block holds %d request lines (also line %s); only the first is used",
			len(c.hb.More)+1, joinInts(c.hb.More))
	}
	c.example = len(x.page.Examples)
	x.page.Examples = append(x.page.Examples, e)
	return &x.page.Examples[c.example]
}

// respond pairs a response block with the request(s) it answers.
func (x *extractor) respond(cb *codeBlock, hb httpblock.Block, cands []*candidate, annotated bool) {
	r := hb.Response
	r.Headers = hb.Response.Headers
	var names []string
	if annotated {
		a := cb.ann
		r.AnnotationLine = a.line
		r.Expectation = a.expect
		r.Extra = a.extra
		names = a.names
	} else {
		r.Inferred = true
	}
	if (r.Status == 204 || r.Status == 304) && strings.TrimSpace(r.Body) != "" {
		x.diag(r.BodyLine, harness.Warning, "response-body-without-content",
			"the response documents a body for status %d, which HTTP gives none; the body is ignored", r.Status)
	}
	var targets []*candidate
	for _, name := range names {
		var found *candidate
		for i := len(cands) - 1; i >= 0; i-- {
			if slices.Contains(cands[i].names, name) {
				found = cands[i]
				break
			}
		}
		if found == nil {
			x.diag(cb.ann.line, harness.Warning, "response-name-unknown", "response names request %q, but no request before it has that name", name)
			continue
		}
		if !slices.Contains(targets, found) {
			targets = append(targets, found)
		}
	}
	if len(targets) == 0 {
		if len(cands) == 0 {
			sev := harness.Error
			if !annotated {
				sev = harness.Warning
			}
			x.diag(r.Line, sev, "response-without-request", "response (%s) has no request before it; not used", statusText(hb))
			return
		}
		near := cands[len(cands)-1]
		switch near.blockType {
		case "example", "samples", "simulatedResponse":
			x.diag(r.Line, harness.Warning, "response-after-non-example",
				"response follows a request in a block annotated %s (line %d), which is not an example; not used (annotate that block \"request\" to make them an example)",
				near.blockType, near.hb.Request.Line)
			return
		}
		if !annotated && near.blockType == "ignored" {
			x.diag(r.Line, harness.Warning, "response-after-ignored", "unannotated response follows a request annotated ignored (line %d); not an example (annotate the response to pair them)", near.hb.Request.Line)
			return
		}
		if !annotated && !near.hb.Concrete {
			x.diag(r.Line, harness.Warning, "response-after-template", "unannotated response follows a request whose URL cannot be sent (%s, line %d); not an example", near.hb.Request.URL, near.hb.Request.Line)
			return
		}
		targets = append(targets, near)
		if annotated && len(names) == 0 && near.blockType == "ignored" && x.answered < len(cands)-1 {
			// The nearest request is an alternative annotated ignored ("the following
			// request uses an app token"): requests annotated "request" since the previous
			// response that have no response yet are answered by this one too.
			for _, c := range cands[x.answered : len(cands)-1] {
				if c.blockType == "request" && len(x.example(c).Responses) == 0 {
					targets = append(targets, c)
				}
			}
		}
	}
	x.answered = len(cands)
	x.keep(hb)
	for _, c := range targets {
		e := x.example(c)
		e.Responses = append(e.Responses, r)
	}
}

func statusText(hb httpblock.Block) string {
	if hb.Response.Reason == "" {
		return fmt.Sprint(hb.Response.Status)
	}
	return fmt.Sprintf("%d %s", hb.Response.Status, hb.Response.Reason)
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ", ")
}

// assignIDs sorts examples into document order, decides Inferred, and gives each a
// stable ID unique within the page.
func (x *extractor) assignIDs() {
	ex := x.page.Examples
	slices.SortStableFunc(ex, func(a, b harness.Example) int { return a.Line - b.Line })
	used := map[string]int{} // ID -> line of the first example with it
	unnamed := 0
	for i := range ex {
		e := &ex[i]
		e.Inferred = e.BlockType == ""
		for _, r := range e.Responses {
			if !r.Inferred {
				e.Inferred = false
			}
		}
		base := e.Name
		if base == "" {
			unnamed++
			base = fmt.Sprintf("example-%d", unnamed)
		}
		id := x.page.Rel + "#" + base
		if first, dup := used[id]; dup {
			if e.Name != "" {
				x.diag(e.AnnotationLine, harness.Warning, "duplicate-name", "request name %q is also used at line %d; IDs get a ~N suffix", e.Name, first)
			}
			for n := 2; ; n++ {
				cand := fmt.Sprintf("%s~%d", id, n)
				if _, taken := used[cand]; !taken {
					id = cand
					break
				}
			}
		}
		used[id] = e.Line
		e.ID = id
	}
}

func (x *extractor) resource(cb *codeBlock) {
	a := cb.ann
	r := harness.Resource{
		Pos:                harness.Pos{File: x.page.File, Line: cb.line},
		AnnotationLine:     a.line,
		ODataType:          a.expect.ODataType,
		BaseType:           a.baseType,
		KeyProperty:        a.keyProp,
		OptionalProperties: a.expect.OptionalProperties,
		Body:               strings.TrimRight(string(cb.text), " \t\r\n"),
		BodyLine:           cb.textLine,
		Extra:              a.extra,
	}
	if r.ODataType == "" {
		x.diag(a.line, harness.Warning, "resource-no-type", `resource annotation has no "@odata.type"`)
	}
	x.page.Resources = append(x.page.Resources, r)
}

// blockTypes are the annotation block types docconform knows.
var blockTypes = []string{"request", "response", "ignored", "resource", "example", "samples", "simulatedResponse"}

// didYouMean suggests the known block type closest to a misspelt one.
func didYouMean(bt string) string {
	best, dist := "", 3
	for _, k := range blockTypes {
		if d := editdist.Strings(strings.ToLower(bt), strings.ToLower(k)); d < dist {
			best, dist = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}
