package mock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/docconform/docconform/harness"
)

// answer is what the mock sends for one example, built once.
type answer struct {
	status int
	header http.Header // without Content-Length; shared, never modified
	body   []byte
	length string // len(body), for Content-Length
}

// hopByHop are headers that describe a connection or a framing, not a response: the
// mock's server sets them itself.
var hopByHop = [...]string{"Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "Trailer", "Te", "Proxy-Connection",
	"Date"} // (and the date of the answer, not of the recording or the docs)

func dropped(name string) bool {
	for _, h := range hopByHop {
		if strings.EqualFold(name, h) {
			return true
		}
	}
	return false
}

// bodyless reports whether a status carries no body (RFC 9110: 1xx, 204, 304).
func bodyless(status int) bool {
	return status < 200 || status == http.StatusNoContent || status == http.StatusNotModified
}

// problem is something about an answer that a reader of the page should know.
type problem struct {
	sev harness.Severity
	msg string
}

// newAnswer builds an answer from a status, headers and a body. A JSON body (a JSON
// object or array, read leniently, when the content type is JSON or not given) is
// re-encoded as strict compact JSON; any other body is sent as written. A header that
// cannot be sent is left out, with a problem.
func newAnswer(status int, headers []harness.Header, text string, recorded bool) (answer, []problem) {
	var problems []problem
	a := answer{status: status, header: http.Header{}}
	ctype := ""
	for _, h := range headers {
		if dropped(h.Name) {
			continue
		}
		if !validHeaderName(h.Name) || !validHeaderValue(h.Value) {
			problems = append(problems, problem{harness.Warning, fmt.Sprintf("header %q cannot be sent; it is left out", h.Name+": "+h.Value)})
			continue
		}
		a.header.Add(h.Name, h.Value)
		if strings.EqualFold(h.Name, "Content-Type") && ctype == "" {
			ctype = h.Value
		}
	}
	switch {
	case bodyless(status):
		if strings.TrimSpace(text) != "" {
			problems = append(problems, problem{harness.Note, fmt.Sprintf("a %d answer has no body; the documented body is not sent", status)})
		}
	case recorded:
		a.body = []byte(text)
		var buf bytes.Buffer
		if json.Compact(&buf, a.body) == nil {
			a.body = buf.Bytes()
		}
	case ctype == "" || isJSONType(ctype):
		if t, isJSON := canonicalText([]byte(text)); isJSON {
			a.body = []byte(t)
			if ctype == "" {
				a.header.Set("Content-Type", "application/json")
			}
		} else {
			a.body = []byte(text)
		}
	default:
		a.body = []byte(text)
	}
	switch {
	case a.header.Get("Content-Type") != "" || len(a.body) == 0:
	case recorded:
		// As recorded: none (and no Content-Type sniffed by the server either).
		a.header["Content-Type"] = nil
	default:
		a.header.Set("Content-Type", "text/plain; charset=utf-8")
	}
	for k, v := range a.header {
		a.header[k] = v[:len(v):len(v)] // shared by every request: an append must copy
	}
	a.length = strconv.Itoa(len(a.body))
	return a, problems
}

func isJSONType(ctype string) bool {
	return strings.Contains(strings.ToLower(ctype), "json")
}

// errorAnswer is a Graph-style error: {"error":{"code":...,"message":...}}.
func errorAnswer(status int, code, message string) answer {
	type graphError struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(struct {
		Error graphError `json:"error"`
	}{graphError{code, message}})
	b := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	return answer{
		status: status,
		header: http.Header{"Content-Type": {"application/json"}},
		body:   b,
		length: strconv.Itoa(len(b)),
	}
}

// write sends the answer; head: no body (a HEAD request).
func (a *answer) write(w http.ResponseWriter, head bool) {
	h := w.Header()
	for k, v := range a.header {
		h[k] = v
	}
	if bodyless(a.status) {
		w.WriteHeader(a.status)
		return
	}
	h["Content-Length"] = []string{a.length}
	w.WriteHeader(a.status)
	if !head {
		_, _ = w.Write(a.body)
	}
}

// validHeaderName reports whether s is an HTTP token (RFC 9110).
func validHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return true
}

// validHeaderValue reports whether s holds no control character but tab.
func validHeaderValue(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}
