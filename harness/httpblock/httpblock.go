// Package httpblock reads the HTTP text of one documentation code block — an example
// request or response as a page writes it — into harness values, leniently.
//
// The grammar it accepts (lines may end in LF or CRLF; leading blank lines are skipped):
//
//	request  = request-line *( request-line ) *( header ) [ blank *( request-line blank ) ] [ body ]
//	response = status-line *( header ) [ blank ] [ body ]
//	request-line = METHOD 1*SP target [ SP "HTTP/" version ]   ; METHOD upper case: GET POST PUT PATCH DELETE HEAD OPTIONS
//	status-line  = "HTTP" [ "/" version ] 1*SP 3DIGIT [ SP reason ]  ; reason optional, never trusted
//	header       = token ":" [ OWS ] value                          ; no space after ":" is fine
//
// What real pages do and how it is read:
//   - The target is the rest of the request line, spaces included: OData query values
//     (`$filter=startswith(displayName, 'A')`) and placeholders with alternatives
//     (`{id | userPrincipalName}`) contain spaces. A trailing " HTTP/1.1" is split off.
//     Targets may lack a host (`/me/drive`), a version, or even the leading slash.
//   - Several request lines (syntax templates, or two examples in one block separated by a
//     blank line) are read: the first is the request, the others are listed in More. The
//     headers under a further request line are its own, and a request line after a blank
//     line ends the body before it: neither is this request's body.
//   - A header line after the blank line that ends the headers, when no header came before
//     (`GET ...` / blank / `Prefer: ...`), is a header, with a warning.
//   - A body that starts straight after the headers without a blank line is a body, with a
//     warning.
//   - Bodies are kept as text (JSON, multipart, placeholders such as `<bytes 0-25>`, plain
//     text), with line ends normalised to LF and surrounding blank lines removed.
//   - A documented Content-Length is kept as a header but never trusted: when it does not
//     match the body as written a warning says so (a length that counts CRLF line ends
//     gets a warning of its own, content-length-crlf).
//
// Parse never fails: text that is neither a request nor a response is of Kind Other.
package httpblock

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/docconform/docconform/harness"
)

// Kind is what a block holds.
type Kind uint8

const (
	// Other: neither a request line nor a status line opens the block.
	Other Kind = iota
	// RequestKind: the block opens with a request line.
	RequestKind
	// ResponseKind: the block opens with a status line.
	ResponseKind
)

func (k Kind) String() string {
	switch k {
	case RequestKind:
		return "request"
	case ResponseKind:
		return "response"
	}
	return "other"
}

// Block is the reading of one code block.
type Block struct {
	Kind     Kind
	Request  harness.Request  // when Kind is RequestKind
	Response harness.Response // when Kind is ResponseKind (status line, headers, body only)
	// Concrete is true for a request whose target is an absolute http(s) URL or starts
	// with "/": something that can be sent, as opposed to `{url}` or `sites/{id}`.
	Concrete bool
	// More holds the lines of further request lines in the block (syntax templates list
	// several; a few examples put two requests in one block).
	More []int
	// Diagnostics are about the HTTP text; their File is empty (the caller knows it).
	Diagnostics []harness.Diagnostic
}

var methods = [...]string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}

// Parse reads a block's text. line is the page line of the text's first line.
func Parse(text []byte, line int) Block {
	p := parser{lines: splitLines(text), first: line}
	return p.parse()
}

// IsRequestLine reports whether a line opens with an upper-case HTTP method followed by a target.
func IsRequestLine(s []byte) bool {
	_, _, ok := requestLine(s)
	return ok
}

type parser struct {
	lines [][]byte
	first int
	b     Block
	hl    []int // line index of each header read
}

func (p *parser) warn(i int, code, format string, args ...any) {
	p.diag(harness.Warning, i, code, format, args...)
}

func (p *parser) diag(sev harness.Severity, i int, code, format string, args ...any) {
	p.b.Diagnostics = append(p.b.Diagnostics, harness.Diagnostic{
		Pos:      harness.Pos{Line: p.first + i},
		Severity: sev,
		Code:     code,
		Message:  fmt.Sprintf(format, args...),
	})
}

func (p *parser) parse() Block {
	i := p.skipBlank(0)
	if i == len(p.lines) {
		return p.b
	}
	start := p.lines[i]
	if method, target, ok := requestLine(start); ok {
		p.b.Kind = RequestKind
		r := &p.b.Request
		r.Line = p.first + i
		r.Method = method
		r.URL, r.Proto = splitProto(target)
		p.b.Concrete = strings.HasPrefix(r.URL, "/") || hasScheme(r.URL)
		if strings.Contains(r.URL, `\`) {
			p.warn(i, "url-backslash", "request URL contains a backslash: %s", r.URL)
		}
		r.Headers, r.Body, r.BodyLine = p.message(i + 1)
		return p.b
	}
	if status, reason, proto, ok := statusLine(start); ok {
		p.b.Kind = ResponseKind
		r := &p.b.Response
		r.Line = p.first + i
		r.Status, r.Reason, r.Proto = status, reason, proto
		r.Headers, r.Body, r.BodyLine = p.message(i + 1)
		return p.b
	}
	return p.b
}

// message reads headers and body from line i on.
func (p *parser) message(i int) (headers []harness.Header, body string, bodyLine int) {
	headers = []harness.Header{}
	for ; i < len(p.lines); i++ {
		l := p.lines[i]
		if isBlank(l) {
			break
		}
		if p.b.Kind == RequestKind && IsRequestLine(l) {
			p.b.More = append(p.b.More, p.first+i)
			continue
		}
		if h, ok := header(l); ok {
			headers = append(headers, h)
			p.hl = append(p.hl, i)
			continue
		}
		p.warn(i, "no-blank-before-body", "no blank line between the headers and the body")
		body, bodyLine = p.body(i, headers)
		return headers, body, bodyLine
	}
	i = p.skipBlank(i)
	// Further request lines after blank lines: a second example in the same block. Its own
	// headers belong to it, not to this request's body.
	further := false
	for p.b.Kind == RequestKind && i < len(p.lines) && IsRequestLine(p.lines[i]) {
		further = true
		p.b.More = append(p.b.More, p.first+i)
		for i++; i < len(p.lines) && !IsRequestLine(p.lines[i]); i++ {
			if _, ok := header(p.lines[i]); !ok {
				break
			}
		}
		i = p.skipBlank(i)
	}
	if further {
		// What follows a further request is its body, not this one's.
		_, _ = p.body(len(p.lines), headers) // (still checks a documented Content-Length)
		return headers, "", 0
	}
	// Headers after the blank line, with none before it: read as headers.
	if len(headers) == 0 && i < len(p.lines) {
		if _, ok := header(p.lines[i]); ok {
			p.warn(i, "header-after-blank-line", "header line after the blank line that ends the headers; read as a header")
			for ; i < len(p.lines) && !isBlank(p.lines[i]); i++ {
				h, ok := header(p.lines[i])
				if !ok {
					break
				}
				headers = append(headers, h)
				p.hl = append(p.hl, i)
			}
			i = p.skipBlank(i)
		}
	}
	body, bodyLine = p.body(i, headers)
	return headers, body, bodyLine
}

// body joins lines i.. (without trailing blank lines) and checks a documented Content-Length.
func (p *parser) body(i int, headers []harness.Header) (string, int) {
	end := len(p.lines)
	if p.b.Kind == RequestKind && !multipart(headers) {
		// A request line after a blank line is a further example in the block, not body
		// (a multipart batch body holds request lines of its own).
		for k := i + 1; k < end; k++ {
			if isBlank(p.lines[k-1]) && IsRequestLine(p.lines[k]) {
				for j := k; j < len(p.lines); j++ {
					if IsRequestLine(p.lines[j]) {
						p.b.More = append(p.b.More, p.first+j)
					}
				}
				end = k
				break
			}
		}
	}
	for end > i && isBlank(p.lines[end-1]) {
		end--
	}
	var body string
	line := 0
	if i < end {
		n := end - i - 1
		for _, l := range p.lines[i:end] {
			n += len(l)
		}
		var sb strings.Builder
		sb.Grow(n)
		for k, l := range p.lines[i:end] {
			if k > 0 {
				sb.WriteByte('\n')
			}
			sb.Write(l)
		}
		body = sb.String()
		line = p.first + i
	}
	for k, h := range headers {
		if !strings.EqualFold(h.Name, "Content-Length") {
			continue
		}
		at := p.hl[k]
		n, err := strconv.Atoi(h.Value)
		if err != nil {
			p.warn(at, "content-length-invalid", "documented Content-Length %q is not a number; it is ignored", h.Value)
			continue
		}
		lf := len(body)
		crlf := lf + strings.Count(body, "\n")
		switch {
		case n == lf:
		case n == crlf && crlf != lf:
			p.diag(harness.Note, at, "content-length-crlf", "documented Content-Length %d counts the body with CRLF line ends (%d bytes as written); it is ignored", n, lf)
		default:
			p.warn(at, "content-length-mismatch", "documented Content-Length %d does not match the documented body (%d bytes); it is ignored", n, lf)
		}
	}
	return body, line
}

func (p *parser) skipBlank(i int) int {
	for i < len(p.lines) && isBlank(p.lines[i]) {
		i++
	}
	return i
}

// splitLines splits text into lines without their line ends ("\n" or "\r\n").
func splitLines(text []byte) [][]byte {
	lines := make([][]byte, 0, bytes.Count(text, []byte{'\n'})+1)
	for len(text) > 0 {
		l := text
		if j := bytes.IndexByte(text, '\n'); j >= 0 {
			l, text = text[:j], text[j+1:]
		} else {
			text = nil
		}
		lines = append(lines, bytes.TrimSuffix(l, []byte{'\r'}))
	}
	return lines
}

func isBlank(l []byte) bool {
	for _, c := range l {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// requestLine reads "METHOD target". The method must be upper case and followed by
// whitespace; the target is the rest of the line, trimmed.
func requestLine(l []byte) (method, target string, ok bool) {
	l = bytes.TrimLeft(l, " \t")
	j := 0
	for j < len(l) && l[j] >= 'A' && l[j] <= 'Z' {
		j++
	}
	if j == 0 || j == len(l) || (l[j] != ' ' && l[j] != '\t') {
		return "", "", false
	}
	m := string(l[:j])
	known := false
	for _, k := range methods {
		if k == m {
			known = true
			break
		}
	}
	t := bytes.TrimSpace(l[j:])
	if !known || len(t) == 0 {
		return "", "", false
	}
	return m, string(t), true
}

// splitProto splits a trailing " HTTP/x.y" off a request target.
func splitProto(target string) (url, proto string) {
	k := strings.LastIndexAny(target, " \t")
	if k < 0 {
		return target, ""
	}
	last := target[k+1:]
	if len(last) > 5 && strings.EqualFold(last[:5], "HTTP/") {
		return strings.TrimRight(target[:k], " \t"), last
	}
	return target, ""
}

func hasScheme(u string) bool {
	return len(u) > 7 && (strings.EqualFold(u[:7], "http://") || (len(u) > 8 && strings.EqualFold(u[:8], "https://")))
}

// statusLine reads "HTTP[/version] code [reason]".
func statusLine(l []byte) (status int, reason, proto string, ok bool) {
	l = bytes.TrimSpace(l)
	if !bytes.HasPrefix(l, []byte("HTTP")) {
		return 0, "", "", false
	}
	rest := l[4:]
	pend := 4
	if len(rest) > 0 && rest[0] == '/' {
		k := bytes.IndexAny(rest, " \t")
		if k < 0 {
			return 0, "", "", false
		}
		pend += k
		rest = rest[k:]
	}
	if len(rest) == 0 || (rest[0] != ' ' && rest[0] != '\t') {
		return 0, "", "", false
	}
	rest = bytes.TrimLeft(rest, " \t")
	if len(rest) < 3 || !isDigit(rest[0]) || !isDigit(rest[1]) || !isDigit(rest[2]) ||
		(len(rest) > 3 && rest[3] != ' ' && rest[3] != '\t') {
		return 0, "", "", false
	}
	status = int(rest[0]-'0')*100 + int(rest[1]-'0')*10 + int(rest[2]-'0')
	return status, string(bytes.TrimSpace(rest[3:])), string(l[:pend]), true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// header reads "Name: value"; the name must be an HTTP token starting with a letter.
func header(l []byte) (harness.Header, bool) {
	k := bytes.IndexByte(l, ':')
	if k <= 0 {
		return harness.Header{}, false
	}
	name := l[:k]
	if !isLetter(name[0]) {
		return harness.Header{}, false
	}
	for _, c := range name {
		if !isTokenChar(c) {
			return harness.Header{}, false
		}
	}
	return harness.Header{Name: string(name), Value: string(bytes.TrimSpace(l[k+1:]))}, true
}

func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

func isTokenChar(c byte) bool {
	if isLetter(c) || isDigit(c) {
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// multipart reports whether the headers give a multipart content type.
func multipart(headers []harness.Header) bool {
	for _, h := range headers {
		if strings.EqualFold(h.Name, "Content-Type") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(h.Value)), "multipart/") {
			return true
		}
	}
	return false
}
