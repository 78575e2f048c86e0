package mock

import (
	"sort"
	"strings"

	"github.com/docconform/docconform/harness/internal/docurl"
)

// param is one documented query parameter.
type param struct {
	name  string   // normalised: decoded, lower case, without a leading "$"
	value template // decoded, white space squeezed; placeholders match anything
}

// reqParam is one query parameter of a request.
type reqParam struct {
	name, value string
}

// paramName normalises a query parameter name: OData system options are case-insensitive
// and Graph v1.0 accepts them with or without "$".
func paramName(raw string) string {
	n := strings.ToLower(strings.TrimSpace(raw))
	return strings.TrimPrefix(n, "$")
}

// docQuery reads a documented query, as written (docurl.URL.Query), into parameters.
func docQuery(raw string) []param {
	var ps []param
	for piece := range strings.SplitSeq(raw, "&") {
		if strings.TrimSpace(piece) == "" {
			continue
		}
		name, value, _ := strings.Cut(piece, "=")
		p := param{
			name:  paramName(decode(docurl.Escape(name, true), true)),
			value: compile(value, true),
		}
		if n := len(p.value); n > 0 {
			if p.value[0].ph == "" {
				p.value[0].lit = strings.TrimLeft(p.value[0].lit, " ")
			}
			if p.value[n-1].ph == "" {
				p.value[n-1].lit = strings.TrimRight(p.value[n-1].lit, " ")
			}
		}
		ps = append(ps, p)
	}
	return ps
}

// requestQuery reads a request's raw query into parameters.
func requestQuery(raw string) []reqParam {
	if raw == "" {
		return nil
	}
	var ps []reqParam
	for piece := range strings.SplitSeq(raw, "&") {
		if strings.TrimSpace(piece) == "" {
			continue
		}
		name, value, _ := strings.Cut(piece, "=")
		ps = append(ps, reqParam{
			name:  paramName(decode(name, true)),
			value: strings.Trim(squeeze(decode(value, true)), " "),
		})
	}
	return ps
}

// queryKey is the documented query as the mock tells queries apart: parameters sorted,
// names normalised, values in lower case with placeholders as written.
func queryKey(ps []param) string {
	keys := make([]string, len(ps))
	for i, p := range ps {
		keys[i] = p.name + "=" + p.value.key(false)
	}
	sort.Strings(keys)
	return strings.Join(keys, "&")
}

// queryScore is how well a request's query fits an example's; greater is better, field
// by field in order.
type queryScore struct {
	values  int // documented parameters the request sends with a matching value
	spec    int // literal bytes (and placeholders sent as written) in those values
	names   int // documented parameters the request sends, whatever the value
	missing int // documented parameters the request does not send (fewer is better)
	extra   int // request parameters the example does not document (fewer is better)
}

func (a queryScore) cmp(b queryScore) int {
	switch {
	case a.values != b.values:
		return sign(a.values - b.values)
	case a.spec != b.spec:
		return sign(a.spec - b.spec)
	case a.names != b.names:
		return sign(a.names - b.names)
	case a.missing != b.missing:
		return sign(b.missing - a.missing)
	}
	return sign(b.extra - a.extra)
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func scoreQuery(doc []param, req []reqParam) queryScore {
	var s queryScore
	for _, p := range doc {
		named, best := false, -1
		for _, r := range req {
			if r.name != p.name {
				continue
			}
			named = true
			if ok, hits := p.value.match(r.value); ok {
				best = max(best, p.value.litLen()+hits)
			}
		}
		switch {
		case best >= 0:
			s.values++
			s.spec += best
			s.names++
		case named:
			s.names++
		default:
			s.missing++
		}
	}
	for _, r := range req {
		found := false
		for _, p := range doc {
			if p.name == r.name {
				found = true
				break
			}
		}
		if !found {
			s.extra++
		}
	}
	return s
}
