package compare

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/docconform/docconform/harness"
)

type exp = harness.Expectation

// doc builds a documented 200 response with a JSON body starting at page line 100.
func doc(body string, e exp) harness.Response {
	return harness.Response{Line: 97, Status: 200, Body: body, BodyLine: 100, Expectation: e,
		Headers: []harness.Header{{Name: "Content-Type", Value: "application/json"}}}
}

func ans(body string) harness.Actual {
	return harness.Actual{Status: 200, Body: body, Headers: []harness.Header{{Name: "Content-Type", Value: "application/json; charset=utf-8"}}}
}

// d is a difference as the tests write it: kind and path, the fields a rule decides.
type d struct {
	Kind harness.DiffKind
	Path string
}

func kinds(r Result) []d {
	out := []d{}
	for _, x := range r.Differences {
		out = append(out, d{x.Kind, x.Path})
	}
	return out
}

func TestShape(t *testing.T) {
	tests := []struct {
		name, why string
		want      harness.Response
		got       harness.Actual
		opts      []Option
		diffs     []d
		warnings  int
	}{
		{
			name: "same", why: "a response equal to its documentation conforms",
			want: doc(`{"id": "1", "displayName": "Ada"}`, exp{}),
			got:  ans(`{"id": "1", "displayName": "Ada"}`),
		},
		{
			name: "values differ", why: "values are illustrative in shape mode",
			want: doc(`{"id": "1", "n": 5, "ok": true}`, exp{}),
			got:  ans(`{"id": "xyz", "n": 7.5, "ok": false}`),
		},
		{
			name: "status", why: "the status must equal the documented one; nothing else is judged then",
			want:  doc(`{"id": "1"}`, exp{}),
			got:   harness.Actual{Status: 404, Body: `{"error": {}}`},
			diffs: []d{{"status", ""}},
		},
		{
			name: "missing", why: "every documented property must be present",
			want:  doc(`{"id": "1", "mail": "a@b.c"}`, exp{}),
			got:   ans(`{"id": "1"}`),
			diffs: []d{{"missing", "mail"}},
		},
		{
			name: "missing but optional", why: "optionalProperties exempts a property from being required",
			want: doc(`{"id": "1", "mail": "a@b.c"}`, exp{OptionalProperties: []string{"mail"}}),
			got:  ans(`{"id": "1"}`),
		},
		{
			name: "missing but nullable", why: "nullableProperties too: a service may leave out a value it does not have",
			want: doc(`{"id": "1", "mail": "a@b.c"}`, exp{NullableProperties: []string{"mail"}}),
			got:  ans(`{"id": "1"}`),
		},
		{
			name: "unexpected", why: "a property the docs do not show, in a response not marked truncated",
			want:  doc(`{"id": "1"}`, exp{}),
			got:   ans(`{"id": "1", "extra": {"a": 1}}`),
			diffs: []d{{"unexpected", "extra"}},
		},
		{
			name: "unexpected but truncated", why: "truncated means the sample shows some properties only",
			want: doc(`{"id": "1"}`, exp{Truncated: true}),
			got:  ans(`{"id": "1", "extra": 1}`),
		},
		{
			name: "truncated at every depth", why: "ApiDoctor applies truncated at the top level only; we apply it everywhere",
			want: doc(`{"id": "1", "a": {"b": {"c": 1}}, "list": [{"x": 1}]}`, exp{Truncated: true}),
			got:  ans(`{"id": "1", "a": {"b": {"c": 1, "d": 2}, "e": 3}, "list": [{"x": 1, "y": 2}]}`),
		},
		{
			name: "nested missing in truncated", why: "truncation allows extra properties, never missing ones, at any depth",
			want:  doc(`{"a": {"b": {"c": 1, "d": 2}}}`, exp{Truncated: true}),
			got:   ans(`{"a": {"b": {"c": 1}}}`),
			diffs: []d{{"missing", "a.b.d"}},
		},
		{
			name: "ellipsis truncates its container", why: "a ... in a documented object marks that object truncated, and only it",
			want:  doc(`{"a": {"b": 1, ...}, "c": {"d": 1}}`, exp{}),
			got:   ans(`{"a": {"b": 1, "x": 2}, "c": {"d": 1, "y": 2}}`),
			diffs: []d{{"unexpected", "c.y"}},
		},
		{
			name: "ellipsis does not reach inside", why: "the objects in a truncated object or array are whole: their extra properties are unexpected",
			want:  doc(`{"id": "1", "owner": {"id": "2"}, ..., "items": [{"id": "3"}, ...]}`, exp{}),
			got:   ans(`{"id": "1", "owner": {"id": "2", "x": true}, "more": 1, "items": [{"id": "3"}, {"id": "4", "y": 1}]}`),
			diffs: []d{{"unexpected", "owner.x"}, {"unexpected", "items.1.y"}},
		},
		{
			name: "comment before the body", why: "a JSON body that opens with a comment is JSON (docjson reads comments)",
			want:  doc("// shortened for readability\n{\"id\": \"1\", \"mail\": \"a@b.c\"}", exp{}),
			got:   ans(`[1, 2, 3]`),
			diffs: []d{{"type", ""}},
		},
		{
			name: "digit keys are keys", why: "members named 2020 and 2021 are two findings, not one repeated across items",
			want:  doc(`{"byYear": {"2020": 1, "2021": 2}}`, exp{}),
			got:   ans(`{"byYear": {}}`),
			diffs: []d{{"missing", "byYear.2020"}, {"missing", "byYear.2021"}},
		},
		{
			name: "broken JSON, documented as JSON", why: "a body that is not JSON even leniently is a warning; the documented content type still holds",
			want:     doc(`{ "body": { "x", "y" } }`, exp{}),
			got:      harness.Actual{Status: 200, Body: `{ "body": { "x", "y" } }`, Headers: []harness.Header{{Name: "Content-Type", Value: "text/plain; charset=utf-8"}}},
			diffs:    []d{{"content-type", ""}},
			warnings: 1,
		},
		{
			name: "broken JSON, no content type documented", why: "it promises no JSON: an answer in text conforms, with the warning",
			want:     harness.Response{Status: 200, Body: `{ "body": { "x", "y" } }`, BodyLine: 10},
			got:      harness.Actual{Status: 200, Body: `{ "body": { "x", "y" } }`, Headers: []harness.Header{{Name: "Content-Type", Value: "text/plain; charset=utf-8"}}},
			warnings: 1,
		},
		{
			name: "a null answer", why: "null stands for a value a service lacks, not for the whole documented body",
			want:  doc(`{"id": "1"}`, exp{}),
			got:   ans(`null`),
			diffs: []d{{"type", ""}},
		},
		{
			name: "an empty key", why: "a property named \"\" is a property, not the whole body",
			want:  doc(`{"id": "1"}`, exp{}),
			got:   ans(`{"id": "1", "": "empty"}`),
			diffs: []d{{"unexpected", `""`}},
		},
		{
			name: "warnings fold across items", why: "the same warning for every item is one warning with a count",
			want:     doc(`{"value": [{"id": "1", "businessPhones": ["+1 555"]}]}`, exp{}),
			got:      ans(`{"value": [{"id": "1", "businessPhones": []}, {"id": "2", "businessPhones": []}, {"id": "3", "businessPhones": []}]}`),
			warnings: 1,
		},
		{
			name: "extra warn", why: "--extra warn turns unexpected properties into warnings",
			want: doc(`{"id": "1"}`, exp{}),
			got:  ans(`{"id": "1", "extra": 1}`), opts: []Option{Extra(ExtraWarn)},
			warnings: 1,
		},
		{
			name: "extra allow", why: "--extra allow ignores them",
			want: doc(`{"id": "1"}`, exp{}),
			got:  ans(`{"id": "1", "extra": 1}`), opts: []Option{Extra(ExtraAllow)},
		},
		{
			name: "control information", why: "@odata.context, @odata.nextLink, prop@odata.* are never required nor unexpected",
			want: doc(`{"@odata.context": "x", "@odata.count": 2, "value": [], "manager@odata.navigationLink": "y"}`, exp{}),
			got:  ans(`{"@odata.nextLink": "https://next", "value": [], "members@odata.associationLink": "z"}`),
		},
		{
			name: "instance annotation documented", why: "@microsoft.graph.downloadUrl is data: required when documented, never unexpected",
			want:  doc(`{"id": "1", "@microsoft.graph.downloadUrl": "https://x"}`, exp{}),
			got:   ans(`{"id": "1", "@microsoft.graph.conflictBehavior": "fail"}`),
			diffs: []d{{"missing", `\@microsoft\.graph\.downloadUrl`}},
		},
		{
			name: "odata.type case and hash", why: "type discriminators compare case-insensitively, # optional",
			want: doc(`{"@odata.type": "microsoft.graph.enrollmentconfigurationassignment"}`, exp{}),
			got:  ans(`{"@odata.type": "#microsoft.graph.enrollmentConfigurationAssignment"}`),
		},
		{
			name: "odata.type differs", why: "a different discriminator is a value difference",
			want:  doc(`{"@odata.type": "#microsoft.graph.user", "id": "1"}`, exp{}),
			got:   ans(`{"@odata.type": "#microsoft.graph.group", "id": "1"}`),
			diffs: []d{{"value", `\@odata\.type`}},
		},
		{
			name: "odata.type absent", why: "services omit @odata.type for the declared type: not missing",
			want: doc(`{"@odata.type": "#microsoft.graph.user", "id": "1"}`, exp{}),
			got:  ans(`{"id": "1"}`),
		},
		{
			name: "type", why: "the JSON type must match",
			want:  doc(`{"a": "s", "b": 1, "c": true, "d": {}, "e": []}`, exp{}),
			got:   ans(`{"a": 1, "b": "1", "c": "true", "d": [], "e": {}}`),
			diffs: []d{{"type", "a"}, {"type", "b"}, {"type", "c"}, {"type", "d"}, {"type", "e"}},
		},
		{
			name: "numbers as strings", why: "a documented number answered as a numeric string is a type difference (IEEE754Compatible clients break)",
			want:  doc(`{"size": 2147483650123}`, exp{}),
			got:   ans(`{"size": "2147483650123"}`),
			diffs: []d{{"type", "size"}},
		},
		{
			name: "null both ways", why: "a documented null matches anything; an actual null matches any documented type",
			want: doc(`{"a": null, "b": "x", "c": {"d": 1}}`, exp{}),
			got:  ans(`{"a": {"anything": [1]}, "b": null, "c": null}`),
		},
		{
			name: "placeholders", why: `"String", "Int32", "Boolean", "String (identifier)" promise types; a string matches them too`,
			want:  doc(`{"a": "String", "b": "Int32", "c": "Boolean", "d": "String (identifier)", "e": "Single", "f": "Int64"}`, exp{}),
			got:   ans(`{"a": "x", "b": 42, "c": false, "d": "id-1", "e": "Single", "f": true}`),
			diffs: []d{{"type", "f"}},
		},
		{
			name: "date-time", why: "a documented ISO 8601 date-time requires a date-time",
			want:  doc(`{"a": "2017-09-04T15:30:00Z", "b": "2020-01-01T00:00:00.0000000", "c": "String (timestamp)", "d": "2017-09-04T15:30:00+02:00"}`, exp{}),
			got:   ans(`{"a": "yesterday", "b": "2021-06-30T08:15:42.1234567", "c": "2021-06-30", "d": "2021-06-30T08:15:42Z"}`),
			diffs: []d{{"format", "a"}, {"format", "c"}},
		},
		{
			name: "collection templates", why: "documented items are templates: any number of actual items, each checked",
			want:  doc(`{"value": [{"id": "1", "mail": "a"}]}`, exp{IsCollection: true}),
			got:   ans(`{"value": [{"id": "1", "mail": "a"}, {"id": "2", "mail": "b"}, {"id": "3"}]}`),
			diffs: []d{{"missing", "value.2.mail"}},
		},
		{
			name: "heterogeneous collection", why: "directoryObject members: users and groups are matched to the template with their @odata.type",
			want: doc(`{"value": [
				{"@odata.type": "#microsoft.graph.user", "id": "1", "userPrincipalName": "a@b"},
				{"@odata.type": "#microsoft.graph.group", "id": "2", "mailEnabled": true}]}`, exp{IsCollection: true}),
			got: ans(`{"value": [
				{"@odata.type": "#microsoft.graph.group", "id": "9", "mailEnabled": false},
				{"@odata.type": "#microsoft.graph.user", "id": "8", "userPrincipalName": "c@d"},
				{"@odata.type": "#microsoft.graph.user", "id": "7"}]}`),
			diffs: []d{{"missing", "value.2.userPrincipalName"}},
		},
		{
			name: "closest template", why: "without @odata.type an item is checked against the template it differs least from",
			want:  doc(`[{"kind": "file", "size": 1, "hash": "x"}, {"kind": "folder", "childCount": 2}]`, exp{}),
			got:   ans(`[{"kind": "folder", "childCount": 5}, {"kind": "file", "size": 3}]`),
			diffs: []d{{"missing", "1.hash"}},
		},
		{
			name: "arrays of scalars", why: "scalar items are checked for type",
			want:  doc(`{"tags": ["a"], "codes": [1, 2]}`, exp{}),
			got:   ans(`{"tags": ["x", "y", 3], "codes": []}`),
			diffs: []d{{"type", "tags.2"}}, warnings: 1,
		},
		{
			name: "empty actual collection", why: "an empty answer where items were documented is a warning: the shape could not be checked",
			want:     doc(`{"value": [{"id": "1"}]}`, exp{}),
			got:      ans(`{"value": []}`),
			warnings: 1,
		},
		{
			name: "empty documented array", why: "items answered where the docs show an empty array cannot be checked: a warning",
			want:     doc(`{"value": []}`, exp{}),
			got:      ans(`{"value": [{"id": "1"}]}`),
			warnings: 1,
		},
		{
			name: "deep nesting", why: "paths name the exact place, however deep",
			want:  doc(`{"a": {"b": [{"c": {"d": [{"e": "s"}]}}]}}`, exp{}),
			got:   ans(`{"a": {"b": [{"c": {"d": [{"e": "s"}, {"e": 5}]}}]}}`),
			diffs: []d{{"type", "a.b.0.c.d.1.e"}},
		},
		{
			name: "keys needing escapes", why: "paths are gjson paths: dots and wildcards in keys are escaped",
			want:  doc(`{"a.b": {"c*": 1}}`, exp{}),
			got:   ans(`{"a.b": {"c*": "x"}}`),
			diffs: []d{{"type", `a\.b.c\*`}},
		},
		{
			name: "ignore", why: "ignored paths (gjson, with #, * and **) are left out, with everything below them",
			want: doc(`{"value": [{"id": "1", "createdDateTime": "2017-01-01T00:00:00Z", "x": {"createdDateTime": "2017-01-01T00:00:00Z"}}]}`, exp{}),
			got:  ans(`{"value": [{"id": 5, "createdDateTime": "soon", "x": {"createdDateTime": "later"}}]}`),
			opts: []Option{Ignore("value.#.id", "**.createdDateTime")},
		},
		{
			name: "collapsed", why: "the same difference in every item of a collection is reported once, with a count",
			want:  doc(`{"value": [{"id": "1", "mail": "a"}]}`, exp{}),
			got:   ans(`{"value": [{"id": "1"}, {"id": "2"}, {"id": "3"}]}`),
			diffs: []d{{"missing", "value.0.mail"}},
		},
		{
			name: "expected error", why: "a documented error body is a sample of its shape: innerError and its details may come on top",
			want: harness.Response{Status: 404, Body: `{"error": {"code": "ResourceNotFound", "message": "Not found"}}`, Expectation: exp{ExpectError: true}},
			got:  harness.Actual{Status: 404, Body: `{"error": {"code": "Request_ResourceNotFound", "message": "Resource 'x' does not exist.", "innerError": {"date": "2021-01-01T00:00:00", "request-id": "r"}}}`},
		},
		{
			name: "expected error missing message", why: "...but the documented error properties must be there",
			want:  harness.Response{Status: 400, Body: `{"error": {"code": "BadRequest", "message": "Bad"}}`},
			got:   harness.Actual{Status: 400, Body: `{"error": {"code": "BadRequest"}}`},
			diffs: []d{{"missing", "error.message"}},
		},
		{
			name: "not JSON", why: "the docs show JSON; the answer must be JSON",
			want:  doc(`{"id": "1"}`, exp{}),
			got:   harness.Actual{Status: 200, Headers: []harness.Header{{Name: "Content-Type", Value: "text/html"}}, Body: `<html>oops</html>`},
			diffs: []d{{"content-type", ""}, {"body", ""}},
		},
		{
			name: "text body", why: "a documented text body ($count) needs the same media type, not the same text",
			want: harness.Response{Status: 200, Body: "893", Headers: []harness.Header{{Name: "Content-type", Value: "text/plain"}}},
			got:  harness.Actual{Status: 200, Body: "12", Headers: []harness.Header{{Name: "Content-Type", Value: "text/plain; charset=utf-8"}}},
		},
		{
			name: "204 documented with a body", why: "activitybasedtimeoutpolicy-update.md:118: a 204 has no body; the docs' is a warning",
			want:     harness.Response{Status: 204, Body: `{"id": "x"}`, BodyLine: 5},
			got:      harness.Actual{Status: 204},
			warnings: 1,
		},
		{
			name: "no documented body", why: "204: nothing to compare in shape mode",
			want: harness.Response{Status: 204},
			got:  harness.Actual{Status: 204, Body: ""},
		},
		{
			name: "lenient doc JSON", why: "comments, trailing commas and ellipses in the docs are read, not failures",
			want: doc("{\n  // the user\n  \"id\": \"1\",\n  \"mail\": \"a\",\n  ...\n}", exp{}),
			got:  ans(`{"id": "1", "mail": "x", "other": 1}`),
		},
		{
			name: "documented body not JSON", why: "a broken doc body is a warning about the docs, not a failure of the service",
			want:     doc(`{"id": "1" "mail" }`, exp{}),
			got:      ans(`{"id": "1"}`),
			warnings: 1,
		},
		{
			name: "duplicate documented key", why: "educationsubmittedsubmissionresource-get.md:75,96: the last @odata.type wins",
			want: doc(`{"@odata.type": "#microsoft.graph.a", "x": 1, "@odata.type": "#microsoft.graph.b"}`, exp{}),
			got:  ans(`{"@odata.type": "#microsoft.graph.b", "x": 1}`),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Response(tt.want, tt.got, tt.opts...)
			if diff := cmp.Diff(tt.diffs, kinds(r), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s\ndifferences (-want +got):\n%s\n%+v", tt.why, diff, r.Differences)
			}
			if len(r.Warnings) != tt.warnings {
				t.Errorf("%s\nwarnings %+v, want %d", tt.why, r.Warnings, tt.warnings)
			}
			if r.OK() != (len(tt.diffs) == 0) {
				t.Errorf("OK() = %v with %d differences", r.OK(), len(r.Differences))
			}
		})
	}
}

func TestExact(t *testing.T) {
	tests := []struct {
		name, why string
		want      harness.Response
		got       harness.Actual
		opts      []Option
		diffs     []d
	}{
		{
			name: "equal", why: "the same values conform",
			want: doc(`{"id": "1", "n": 1.0, "big": 2147483650123, "ok": true, "none": null}`, exp{}),
			got:  ans(`{"id": "1", "n": 1, "big": 2147483650123, "ok": true, "none": null}`),
		},
		{
			name: "values", why: "strings, numbers (without float rounding: 64-bit IDs), booleans and nulls are compared",
			want:  doc(`{"id": "1", "big": 9007199254740993, "ok": true, "none": null, "some": 1}`, exp{}),
			got:   ans(`{"id": "2", "big": 9007199254740992, "ok": false, "none": 1, "some": null}`),
			diffs: []d{{"value", "id"}, {"value", "big"}, {"value", "ok"}, {"value", "none"}, {"value", "some"}},
		},
		{
			name: "arrays item by item", why: "an extra item is unexpected, a lacking one missing",
			want:  doc(`{"a": [1, 2, 3], "b": ["x"]}`, exp{}),
			got:   ans(`{"a": [1, 3], "b": ["x", "y"]}`),
			diffs: []d{{"value", "a.1"}, {"missing", "a.2"}, {"unexpected", "b.1"}},
		},
		{
			name: "truncated arrays", why: "a truncated sample allows more items",
			want: doc(`{"a": [1, ...]}`, exp{}),
			got:  ans(`{"a": [1, 2, 3]}`),
		},
		{
			name: "ignore volatile", why: "--ignore for volatile fields",
			want: doc(`{"id": "1", "createdDateTime": "2017-01-01T00:00:00Z", "value": [{"etag": "a"}]}`, exp{}),
			got:  ans(`{"id": "1", "createdDateTime": "2021-06-30T08:15:42Z", "value": [{"etag": "b"}]}`),
			opts: []Option{Ignore("createdDateTime", "value.#.etag")},
		},
		{
			name: "type words are values", why: "strings exactly: a placeholder word such as String or Single is compared like any other",
			want:  doc(`{"underline": "Single", "dataType": "String", "count": "Int32", "when": "2017-01-01T00:00:00Z"}`, exp{}),
			got:   ans(`{"underline": "Double", "dataType": "Boolean", "count": 5, "when": "2018-01-01T00:00:00Z"}`),
			diffs: []d{{"value", "underline"}, {"value", "dataType"}, {"type", "count"}, {"value", "when"}},
		},
		{
			name: "text", why: "text bodies are compared as text",
			want:  harness.Response{Status: 200, Body: "893"},
			got:   harness.Actual{Status: 200, Body: "12\n"},
			diffs: []d{{"body", ""}},
		},
		{
			name: "body where none documented", why: "an answer with a body where the docs show none differs",
			want:  harness.Response{Status: 204},
			got:   harness.Actual{Status: 204, Body: "{}"},
			diffs: []d{{"body", ""}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Response(tt.want, tt.got, append([]Option{WithMode(Exact)}, tt.opts...)...)
			if diff := cmp.Diff(tt.diffs, kinds(r), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s\ndifferences (-want +got):\n%s\n%+v", tt.why, diff, r.Differences)
			}
		})
	}
}

// TestDifferenceFields checks what a user reads: values, shortened values, message, line.
func TestDifferenceFields(t *testing.T) {
	want := doc("{\n  \"id\": \"1\",\n  \"mail\": \"a@b.c\"\n}", exp{})
	r := Response(want, ans(`{"id": "1"}`))
	got := r.Differences[0]
	if got.Kind != "missing" || got.Path != "mail" || string(got.Expected) != `"a@b.c"` || string(got.Actual) != "null" ||
		got.Line != 102 || got.Message != "documented property mail is missing" {
		t.Errorf("difference = %+v", got)
	}
	long := `{"id": "` + strings.Repeat("x", 500) + `"}`
	r = Response(doc(`{"id": 1}`, exp{}), ans(long))
	if a := string(r.Differences[0].Actual); len(a) > 60 || a != `"`+strings.Repeat("x", 36)+`…"` {
		t.Errorf("a 500-byte string should be shortened, got %s", a)
	}
	// Large structures stay JSON: first members, then a count of the others.
	var items []string
	for i := range 50 {
		items = append(items, fmt.Sprintf(`{"id": "%d", "name": "item number %d"}`, i, i))
	}
	r = Response(doc(`{"value": "String"}`, exp{}), ans(`{"value": [`+strings.Join(items, ",")+`]}`))
	a := r.Differences[0].Actual
	if !json.Valid(a) || len(a) > 200 || !strings.HasPrefix(string(a), `[{"id":"0","name":"item number 0"},`) || !strings.HasSuffix(string(a), ` more"]`) {
		t.Errorf("a 50-item array should be shortened to valid JSON, got %s", a)
	}
	r = Response(doc(`{"value": [{"id": "1", "mail": "a"}]}`, exp{}), ans(`{"value": [{"id": "1"}, {"id": "2"}, {"id": "3"}]}`))
	if more := r.Differences[0].More; more != 2 {
		t.Errorf("collapsed difference counts %d more, want 2", more)
	}
}

func TestValidIgnore(t *testing.T) {
	for path, ok := range map[string]bool{
		"value.#.id":          true,
		"**.createdDateTime":  true,
		`value.#.\@odata\.id`: true,
		"a.b*":                true,
		"":                    false,
		"a..b":                false,
		"value.#(id==1)":      false,
		"a|b":                 false,
		"@this":               false,
	} {
		if err := ValidIgnore(path); (err == nil) != ok {
			t.Errorf("ValidIgnore(%q) = %v, want ok=%v", path, err, ok)
		}
	}
}

func TestIsDateTime(t *testing.T) {
	for s, ok := range map[string]bool{
		"2017-09-04T15:30:00Z":          true,
		"2017-09-04T15:30:00.1234567Z":  true,
		"2017-09-04T15:30:00.1234567":   true,
		"2017-09-04T15:30:00+05:30":     true,
		"2017-09-04T15:30Z":             true,
		"2017-09-04":                    false,
		"2017-09-04 15:30:00":           false,
		"2017-09-04T15:30:00.Z":         false,
		"2017-09-04T15:30:00+0530":      false,
		"String (timestamp)":            false,
		"2017-09-04T15:30:00Zsomething": false,
	} {
		if isDateTime(s) != ok {
			t.Errorf("isDateTime(%q) = %v", s, !ok)
		}
	}
}

// TestLargeArray: a 100,000-item answer with one bad item deep inside is judged whole, and
// the difference names that item.
func TestLargeArray(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"value": [`)
	for i := 0; i < 100000; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		if i == 73456 {
			b.WriteString(`{"id": "x", "size": "big"}`)
			continue
		}
		b.WriteString(`{"id": "x", "size": 12}`)
	}
	b.WriteString(`]}`)
	r := Response(doc(`{"value": [{"id": "1", "size": 1024}]}`, exp{IsCollection: true}), ans(b.String()))
	if diff := cmp.Diff([]d{{"type", "value.73456.size"}}, kinds(r)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestSeedResponse: the seed page's response, annotated with a lower-case @odata.type and
// truncated, against an answer with the canonical casing and more properties.
func TestSeedResponse(t *testing.T) {
	want := harness.Response{Status: 201, Body: `{
  "@odata.type": "#microsoft.graph.enrollmentConfigurationAssignment",
  "id": "db409e5f-9e5f-db40-5f9e-40db5f9e40db",
  "target": {
    "@odata.type": "microsoft.graph.deviceAndAppManagementAssignmentTarget"
  }
}`, Expectation: exp{Truncated: true, ODataType: "microsoft.graph.enrollmentconfigurationassignment"}}
	got := harness.Actual{Status: 201, Body: `{"@odata.context": "https://graph.microsoft.com/beta/$metadata#x", "@odata.type": "#microsoft.graph.enrollmentConfigurationAssignment",
		"id": "5e1d812e", "source": "direct", "target": {"@odata.type": "#microsoft.graph.deviceAndAppManagementAssignmentTarget", "deviceAndAppManagementAssignmentFilterId": null}}`}
	if r := Response(want, got); !r.OK() {
		t.Errorf("the seed's response: %+v", r.Differences)
	}
	got.Body = strings.Replace(got.Body, `"target"`, `"targets"`, 1)
	if r := Response(want, got); len(r.Differences) != 1 || r.Differences[0].Path != "target" || r.Differences[0].Kind != "missing" {
		t.Errorf("renamed target: %+v", r.Differences)
	}
}

// TestWarningsFold: a warning repeated for every item of an array is said once, counting
// the others in More; a different warning on the same items is not folded into it.
func TestWarningsFold(t *testing.T) {
	var items []string
	for i := range 5000 {
		items = append(items, fmt.Sprintf(`{"id": "%d", "businessPhones": [], "x%d": 1}`, i, i%2))
	}
	r := Response(doc(`{"value": [{"id": "1", "businessPhones": ["+1 555"]}]}`, exp{}), ans(`{"value": [`+strings.Join(items, ",")+`]}`), Extra(ExtraWarn))
	want := []harness.ResultWarning{
		{Kind: harness.WarnNoItems, Path: "value.0.businessPhones", Line: 100, More: 4999,
			Message: "the response has no items where the docs show 1, so their shape could not be checked"},
		{Kind: harness.WarnUnexpected, Path: "value.0.x0", Line: 100, More: 2499,
			Message: "property x0 is not documented (the response is not marked truncated)"},
		{Kind: harness.WarnUnexpected, Path: "value.1.x1", Line: 100, More: 2499,
			Message: "property x1 is not documented (the response is not marked truncated)"},
	}
	if diff := cmp.Diff(want, r.Warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	if got, want := r.Warnings[0].String(), "no-items at value.0.businessPhones: the response has no items where the docs show 1, so their shape could not be checked (and at 4999 more items like it)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// TestWarnings: every warning the comparison gives, with its kind, path and page line.
func TestWarnings(t *testing.T) {
	tests := []struct {
		name string
		want harness.Response
		got  harness.Actual
		opts []Option
		warn harness.ResultWarning
	}{
		{"body for 204", harness.Response{Status: 204, Body: `{"id": "x"}`, BodyLine: 5}, harness.Actual{Status: 204}, nil,
			harness.ResultWarning{Kind: harness.WarnBodyNotAllowed, Line: 5, Message: "the docs show a body for status 204, which has none; the body was not compared"}},
		{"documented body not JSON", doc("{\n  \"id\": \"1\"\n  \"mail\" }", exp{}), ans(`{"id": "1"}`), nil,
			harness.ResultWarning{Kind: harness.WarnBodyNotJSON, Line: 102, Message: "the documented body is not JSON (expected \":\" after object key, found \"}\"); only the status and content type were compared"}},
		{"unexpected, as a warning", doc("{\n  \"user\": {\"id\": \"1\"}\n}", exp{}), ans(`{"user": {"id": "1", "x": 2}}`), []Option{Extra(ExtraWarn)},
			harness.ResultWarning{Kind: harness.WarnUnexpected, Path: "user.x", Line: 101, Message: "property x is not documented (the response is not marked truncated)"}},
		{"no items", doc("{\n  \"value\": [\n    {\"id\": \"1\"}\n  ]\n}", exp{}), ans(`{"value": []}`), nil,
			harness.ResultWarning{Kind: harness.WarnNoItems, Path: "value", Line: 101, Message: "the response has no items where the docs show 1, so their shape could not be checked"}},
		{"unchecked items", doc("[]", exp{}), ans(`[1, 2, 3]`), nil,
			harness.ResultWarning{Kind: harness.WarnUncheckedItems, Line: 100, Message: "the documented array is empty, so the 3 items answered could not be checked"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Response(tt.want, tt.got, tt.opts...)
			if diff := cmp.Diff([]harness.ResultWarning{tt.warn}, r.Warnings); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRootValueText: the answer's text as shown is the value, without the file's trailing
// newline; a documented "key": ... that is missing shows the ellipsis, not null.
func TestRootValueText(t *testing.T) {
	r := Response(doc(`{"id": "1"}`, exp{}), ans("[1,2,3]\n"))
	if len(r.Differences) != 1 || string(r.Differences[0].Actual) != "[1,2,3]" {
		t.Errorf("differences %+v", r.Differences)
	}
	r = Response(doc(`{"id": "1", "photo": ...}`, exp{}), ans(`{"id": "1"}`))
	if len(r.Differences) != 1 || string(r.Differences[0].Expected) != `"..."` {
		t.Errorf("differences %+v", r.Differences)
	}
}
