package mock

import (
	"net/http"
	"sort"
	"strings"

	"github.com/docconform/docconform/harness"
)

// reqHeader is a documented request header as the mock tells examples apart by it.
type reqHeader struct {
	name  string // http.CanonicalHeaderKey
	value string // lower case, white space squeezed and trimmed
}

// ignoredRequestHeader: headers that say nothing about which example is meant (the
// token, the framing), or that clients set whatever the docs say.
func ignoredRequestHeader(name string) bool {
	switch strings.ToLower(name) {
	case "authorization", "content-length", "host", "transfer-encoding", "connection", "user-agent", "accept-encoding":
		return true
	}
	return false
}

func docHeaders(hs []harness.Header) []reqHeader {
	var out []reqHeader
	for _, h := range hs {
		if ignoredRequestHeader(h.Name) || !validHeaderName(h.Name) {
			continue
		}
		out = append(out, reqHeader{name: http.CanonicalHeaderKey(h.Name), value: headerValue(h.Value)})
	}
	return out
}

func headerValue(v string) string {
	return strings.TrimSpace(squeeze(strings.ToLower(v)))
}

// headersKey is the documented headers as the mock tells examples apart by them.
func headersKey(hs []reqHeader) string {
	keys := make([]string, len(hs))
	for i, h := range hs {
		keys[i] = h.name + ": " + h.value
	}
	sort.Strings(keys)
	return strings.Join(keys, "\n")
}

// headerScore is how well a request's headers fit an example's; greater is better.
type headerScore struct {
	matched int // documented headers sent with the documented value
	missing int // documented headers not sent so (fewer is better)
}

func (a headerScore) cmp(b headerScore) int {
	if a.matched != b.matched {
		return sign(a.matched - b.matched)
	}
	return sign(b.missing - a.missing)
}

// scoreHeaders compares documented headers with a request's; get returns the request's
// values of a canonical header name.
func scoreHeaders(doc []reqHeader, get func(string) []string) headerScore {
	var s headerScore
	for _, h := range doc {
		found := false
		for _, v := range get(h.name) {
			if headerValue(v) == h.value {
				found = true
				break
			}
		}
		if found {
			s.matched++
		} else {
			s.missing++
		}
	}
	return s
}
