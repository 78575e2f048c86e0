package reports

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/docconform/docconform/harness"
)

// reportSchema compiles the embedded schema, asserting formats (date-time) too.
func reportSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(JSONSchema()))
	if err != nil {
		t.Fatal(err)
	}
	const url = "https://github.com/docconform/docconform/reports/schema/report-v1.json"
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func writeJSON(t *testing.T, run harness.Run) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (JSON{}).Write(&buf, run); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func instance(t *testing.T, src []byte) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestSchemaFileIsEmbedded(t *testing.T) {
	file, err := os.ReadFile("schema/report-v1.json")
	if err != nil {
		t.Fatal(err)
	}
	got := JSONSchema()
	if !bytes.Equal(got, file) {
		t.Error("JSONSchema() is not schema/report-v1.json")
	}
	got[0] = 'X'
	if JSONSchema()[0] == 'X' {
		t.Error("JSONSchema returns the package's own bytes: a caller can change them")
	}
}

// TestSchemaAcceptsReports validates real reports: what JSON writes, and what plain
// encoding/json makes of the same harness.Run.
func TestSchemaAcceptsReports(t *testing.T) {
	sch := reportSchema(t)
	for name, run := range runs() {
		t.Run(name, func(t *testing.T) {
			if err := sch.Validate(instance(t, writeJSON(t, run))); err != nil {
				t.Errorf("JSON wrote a report the schema rejects:\n%v", err)
			}
			if run.Results == nil {
				return // encoding/json writes "results": null, which is why JSON writes the report
			}
			plain, err := json.Marshal(run)
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(instance(t, plain)); err != nil {
				t.Errorf("the schema rejects harness.Run as encoding/json writes it:\n%v", err)
			}
		})
	}
}

// TestSchemaRejects breaks a valid report in one place at a time: the schema must notice.
func TestSchemaRejects(t *testing.T) {
	sch := reportSchema(t)
	src := writeJSON(t, fullRun())
	if err := sch.Validate(instance(t, src)); err != nil {
		t.Fatalf("the unbroken report is invalid: %v", err)
	}
	obj := func(v any, key string) map[string]any { return v.(map[string]any)[key].(map[string]any) }
	result := func(doc map[string]any, i int) map[string]any {
		return doc["results"].([]any)[i].(map[string]any)
	}
	failed := 3 // api/user-get.md#get_user_by_id, with five differences
	diff := func(doc map[string]any, i int) map[string]any {
		return result(doc, failed)["differences"].([]any)[i].(map[string]any)
	}
	warned := 2 // api/user-get.md#get_user, passed with a warning
	warning := func(doc map[string]any, i int) map[string]any {
		return result(doc, warned)["warningDetails"].([]any)[i].(map[string]any)
	}
	tests := []struct {
		name   string
		break_ func(doc map[string]any)
		want   string // in the validation error
	}{
		{"no endpoint", func(doc map[string]any) { delete(doc, "endpoint") }, "missing property 'endpoint'"},
		{"no results", func(doc map[string]any) { delete(doc, "results") }, "missing property 'results'"},
		{"results null", func(doc map[string]any) { doc["results"] = nil }, "got null, want array"},
		{"no result id", func(doc map[string]any) { delete(result(doc, 0), "id") }, "missing property 'id'"},
		{"no difference actual", func(doc map[string]any) { delete(diff(doc, 0), "actual") }, "missing property 'actual'"},
		{"no summary count", func(doc map[string]any) { delete(obj(doc, "summary"), "skipped") }, "missing property 'skipped'"},
		{"no tool version", func(doc map[string]any) { delete(obj(doc, "tool"), "version") }, "missing property 'version'"},
		{"status unknown", func(doc map[string]any) { result(doc, 0)["status"] = "flaky" }, "value must be one of"},
		{"status cased", func(doc map[string]any) { result(doc, 0)["status"] = "Passed" }, "value must be one of"},
		{"kind unknown", func(doc map[string]any) { diff(doc, 0)["kind"] = "order" }, "value must be one of"},
		{"schema version 2", func(doc map[string]any) { doc["schemaVersion"] = json.Number("2") }, "value must be 1"},
		{"schema version string", func(doc map[string]any) { doc["schemaVersion"] = "1" }, "value must be 1"},
		{"unknown top-level property", func(doc map[string]any) { doc["host"] = "x" }, "additional properties 'host' not allowed"},
		{"unknown tool property", func(doc map[string]any) { obj(doc, "tool")["commit"] = "abc" }, "additional properties 'commit' not allowed"},
		{"unknown summary property", func(doc map[string]any) { obj(doc, "summary")["flaky"] = json.Number("0") }, "additional properties 'flaky' not allowed"},
		{"unknown result property", func(doc map[string]any) { result(doc, 0)["severity"] = "high" }, "additional properties 'severity' not allowed"},
		{"unknown expected property", func(doc map[string]any) { obj(result(doc, 0), "expected")["body"] = "" }, "additional properties 'body' not allowed"},
		{"unknown actual property", func(doc map[string]any) { obj(result(doc, failed), "actual")["headers"] = []any{} }, "additional properties 'headers' not allowed"},
		{"unknown difference property", func(doc map[string]any) { diff(doc, 0)["severity"] = "high" }, "additional properties 'severity' not allowed"},
		{"warnings as objects", func(doc map[string]any) { result(doc, warned)["warnings"] = result(doc, warned)["warningDetails"] }, "got object, want string"},
		{"no warning message", func(doc map[string]any) { delete(warning(doc, 0), "message") }, "missing property 'message'"},
		{"warning kind a number", func(doc map[string]any) { warning(doc, 0)["kind"] = json.Number("1") }, "got number, want string"},
		{"warning more negative", func(doc map[string]any) { warning(doc, 0)["more"] = json.Number("-1") }, "minimum"},
		{"unknown warning property", func(doc map[string]any) { warning(doc, 0)["severity"] = "high" }, "additional properties 'severity' not allowed"},
		{"startedAt not a date-time", func(doc map[string]any) { doc["startedAt"] = "yesterday" }, "is not valid date-time"},
		{"finishedAt a number", func(doc map[string]any) { doc["finishedAt"] = json.Number("1764295200") }, "got number, want string"},
		{"line a string", func(doc map[string]any) { result(doc, 0)["line"] = "14" }, "got string, want integer"},
		{"line fractional", func(doc map[string]any) { result(doc, 0)["line"] = json.Number("14.5") }, "got number, want integer"},
		{"negative count", func(doc map[string]any) { obj(doc, "summary")["total"] = json.Number("-1") }, "minimum"},
		{"complete a string", func(doc map[string]any) { doc["complete"] = "true" }, "got string, want boolean"},
		{"warning not a string", func(doc map[string]any) { result(doc, 2)["warnings"] = []any{json.Number("1")} }, "got number, want string"},
		{"differences an object", func(doc map[string]any) { result(doc, failed)["differences"] = map[string]any{} }, "got object, want array"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := instance(t, src).(map[string]any)
			tt.break_(doc)
			err := sch.Validate(doc)
			if err == nil {
				t.Fatal("the schema accepts the broken report")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("the schema rejects the report, but not for the reason broken:\n%v\nwant %q in it", err, tt.want)
			}
		})
	}
}

// TestSchemaMatchesGoTypes walks harness.Run and the schema side by side: every json field
// of the Go types is a property of the schema and the other way round, required exactly
// when the field is not omitempty, of the JSON type encoding/json writes it as. A field
// added to the Go types without the schema (or the other way round) fails here.
func TestSchemaMatchesGoTypes(t *testing.T) {
	var schema map[string]any
	if err := json.Unmarshal(JSONSchema(), &schema); err != nil {
		t.Fatal(err)
	}
	defs, _ := schema["$defs"].(map[string]any)
	resolve := func(s map[string]any) map[string]any {
		for {
			ref, ok := s["$ref"].(string)
			if !ok {
				return s
			}
			def, ok := defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
			if !ok {
				t.Fatalf("unresolved $ref %q", ref)
			}
			s = def
		}
	}
	// writes are the fields that types with a MarshalJSON write besides their tagged ones.
	writes := map[reflect.Type]map[string]jsonField{
		reflect.TypeFor[harness.Result](): {
			"warnings":       {typ: reflect.TypeFor[[]string](), omitempty: true},
			"warningDetails": {typ: reflect.TypeFor[[]harness.ResultWarning](), omitempty: true},
		},
	}
	var check func(at string, typ reflect.Type, s map[string]any)
	check = func(at string, typ reflect.Type, s map[string]any) {
		s = resolve(s)
		for typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		wantType := func(want string) {
			if got := s["type"]; got != want {
				t.Errorf("%s: schema type %v, want %q (Go %v)", at, got, want, typ)
			}
		}
		switch {
		case typ == reflect.TypeFor[time.Time]():
			wantType("string")
			if s["format"] != "date-time" {
				t.Errorf("%s: format %v, want date-time", at, s["format"])
			}
		case typ == reflect.TypeFor[json.RawMessage]():
			if _, ok := s["type"]; ok {
				t.Errorf("%s: a json.RawMessage is any JSON value; the schema restricts it to %v", at, s["type"])
			}
		case typ.Kind() == reflect.Struct:
			wantType("object")
			marshaler := typ.Implements(reflect.TypeFor[json.Marshaler]())
			if _, ok := writes[typ]; marshaler != ok {
				t.Errorf("%s: %v writes itself (MarshalJSON) = %v, but the test knows what it writes = %v", at, typ, marshaler, ok)
			}
			if s["additionalProperties"] != false {
				t.Errorf("%s: additionalProperties is not false: drift would go unnoticed", at)
			}
			props, _ := s["properties"].(map[string]any)
			required := map[string]bool{}
			for _, r := range s["required"].([]any) {
				required[r.(string)] = true
			}
			fields := jsonFields(typ)
			for name, f := range writes[typ] {
				fields[name] = f
			}
			for name, f := range fields {
				prop, ok := props[name].(map[string]any)
				if !ok {
					t.Errorf("%s.%s: Go field (%v) not in the schema", at, name, f.typ)
					continue
				}
				if required[name] == f.omitempty {
					t.Errorf("%s.%s: required in the schema = %v, but omitempty in Go = %v", at, name, required[name], f.omitempty)
				}
				check(at+"."+name, f.typ, prop)
			}
			for name := range props {
				if _, ok := fields[name]; !ok {
					t.Errorf("%s.%s: in the schema, not in Go (%v)", at, name, typ)
				}
			}
			for name := range required {
				if _, ok := props[name]; !ok {
					t.Errorf("%s: %s is required but not a property", at, name)
				}
			}
		case typ.Kind() == reflect.Slice:
			wantType("array")
			items, _ := s["items"].(map[string]any)
			check(at+"[]", typ.Elem(), items)
		case typ.Kind() == reflect.String:
			if enum, ok := s["enum"].([]any); ok {
				for _, e := range enum {
					if _, ok := e.(string); !ok {
						t.Errorf("%s: enum value %v is not a string", at, e)
					}
				}
				return
			}
			wantType("string")
		case typ.Kind() >= reflect.Int && typ.Kind() <= reflect.Int64:
			if c, ok := s["const"]; ok {
				if _, ok := c.(float64); !ok {
					t.Errorf("%s: const %v is not a number", at, c)
				}
				return
			}
			wantType("integer")
		case typ.Kind() == reflect.Bool:
			wantType("boolean")
		default:
			t.Errorf("%s: no rule for Go type %v", at, typ)
		}
	}
	check("report", reflect.TypeFor[harness.Run](), schema)
}

type jsonField struct {
	typ       reflect.Type
	omitempty bool
}

// jsonFields are the fields encoding/json writes for a struct type, by name.
func jsonFields(typ reflect.Type) map[string]jsonField {
	fields := map[string]jsonField{}
	for f := range typ.Fields() {
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" && opts == "" || !f.IsExported() && !f.Anonymous {
			continue
		}
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			for n, ef := range jsonFields(f.Type) {
				fields[n] = ef
			}
			continue
		}
		if name == "" {
			name = f.Name
		}
		fields[name] = jsonField{typ: f.Type, omitempty: slices.Contains(strings.Split(opts, ","), "omitempty")}
	}
	return fields
}

// TestSchemaEnums: the schema's statuses and difference kinds are harness's.
func TestSchemaEnums(t *testing.T) {
	var schema struct {
		Defs struct {
			Result struct {
				Properties struct {
					Status struct{ Enum []harness.Verdict }
				}
			}
			Difference struct {
				Properties struct {
					Kind struct{ Enum []harness.DiffKind }
				}
			}
		} `json:"$defs"`
	}
	if err := json.Unmarshal(JSONSchema(), &schema); err != nil {
		t.Fatal(err)
	}
	statuses := []harness.Verdict{harness.Passed, harness.Failed, harness.Errored, harness.Skipped}
	if diff := cmp.Diff(statuses, schema.Defs.Result.Properties.Status.Enum); diff != "" {
		t.Errorf("status enum (-harness +schema):\n%s", diff)
	}
	kinds := []harness.DiffKind{harness.DiffStatus, harness.DiffContentType, harness.DiffMissing, harness.DiffUnexpected,
		harness.DiffType, harness.DiffValue, harness.DiffFormat, harness.DiffBody}
	if diff := cmp.Diff(kinds, schema.Defs.Difference.Properties.Kind.Enum); diff != "" {
		t.Errorf("difference kind enum (-harness +schema):\n%s", diff)
	}
	for _, s := range statuses {
		if !s.Known() {
			t.Errorf("status %q is in the schema but not Known", s)
		}
	}
	for _, k := range kinds {
		if !k.Known() {
			t.Errorf("difference kind %q is in the schema but not Known", k)
		}
	}
	for _, s := range []harness.Verdict{"", "Passed", "flaky"} {
		if s.Known() {
			t.Errorf("status %q is Known but not in the schema", s)
		}
	}
	for _, k := range []harness.DiffKind{"", "Missing", "order"} {
		if k.Known() {
			t.Errorf("difference kind %q is Known but not in the schema", k)
		}
	}
}

// TestSchemaKeepsDesignFields: every field DESIGN.md's example report shows stays in the
// schema. The contract may be extended, never broken.
func TestSchemaKeepsDesignFields(t *testing.T) {
	design := map[string][]string{
		"":           {"schemaVersion", "tool", "endpoint", "startedAt", "finishedAt", "complete", "summary", "results"},
		"tool":       {"name", "version"},
		"summary":    {"total", "passed", "failed", "errored", "skipped"},
		"result":     {"id", "file", "line", "name", "method", "url", "status", "reason", "attempts", "durationMs", "expected", "actual", "differences", "warnings"},
		"expected":   {"status", "line"},
		"actual":     {"status"},
		"difference": {"kind", "path", "expected", "actual", "message"},
	}
	var schema map[string]any
	if err := json.Unmarshal(JSONSchema(), &schema); err != nil {
		t.Fatal(err)
	}
	for def, names := range design {
		s := schema
		if def != "" {
			s, _ = schema["$defs"].(map[string]any)[def].(map[string]any)
		}
		props, _ := s["properties"].(map[string]any)
		for _, name := range names {
			if _, ok := props[name]; !ok {
				t.Errorf("%s.%s: DESIGN.md shows it, the schema lost it", def, name)
			}
		}
	}
}

// TestJSONRoundTrip: a report read back is the run written.
func TestJSONRoundTrip(t *testing.T) {
	for name, run := range runs() {
		t.Run(name, func(t *testing.T) {
			src := writeJSON(t, run)
			got, err := ReadJSON(bytes.NewReader(src))
			if err != nil {
				t.Fatal(err)
			}
			// The report does not tell a nil list from an empty one.
			if diff := cmp.Diff(run, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("read back (-written +read):\n%s", diff)
			}
			if got.StartedAt.Location() != time.UTC || got.FinishedAt.Location() != time.UTC {
				t.Errorf("times read back in %v and %v, want UTC", got.StartedAt.Location(), got.FinishedAt.Location())
			}
			if again := writeJSON(t, got); !bytes.Equal(again, src) {
				t.Errorf("writing the run read back changes the report:\n%s\nthen\n%s", src, again)
			}
		})
	}
}

// TestJSONGolden pins the report's bytes: indentation, field order, no HTML escaping.
func TestJSONGolden(t *testing.T) {
	golden(t, "report.json", string(writeJSON(t, fullRun())))
	golden(t, "report-interrupted.json", string(writeJSON(t, interruptedRun())))
}

// TestJSONBuild: what the build step makes of runs as callers hand them over.
func TestJSONBuild(t *testing.T) {
	want := fullRun()

	// Times in another zone, a summary not yet counted, no schema version, values
	// indented: the same report.
	in := fullRun()
	in.Results[3].Differences[1].Actual = raw("{\n  \"division\": null,\n  \"costCenter\": \"1234\"\n}")
	cet := time.FixedZone("CET", 3600)
	in.StartedAt, in.FinishedAt = in.StartedAt.In(cet), in.FinishedAt.In(cet)
	in.Summary = harness.Summary{}
	in.SchemaVersion = 0
	before := cloneRun(t, in)

	if got, wantSrc := writeJSON(t, in), writeJSON(t, want); !bytes.Equal(got, wantSrc) {
		t.Errorf("the same run handed over differently writes another report (-want +got):\n%s", cmp.Diff(string(wantSrc), string(got)))
	}
	if diff := cmp.Diff(before, in); diff != "" {
		t.Errorf("Write changed the caller's run (-before +after):\n%s", diff)
	}

	// An absent value is null.
	nilValue := passingRun()
	nilValue.Results[0].Status = harness.Failed
	nilValue.Results[0].Differences = []harness.Difference{{Kind: harness.DiffMissing, Path: "id", Expected: raw(`"x"`)}}
	if got := string(writeJSON(t, nilValue)); !strings.Contains(got, `"actual": null`) {
		t.Errorf("a difference without an actual value is not written null:\n%s", got)
	}
}

// cloneRun copies run deeply.
func cloneRun(t *testing.T, run harness.Run) harness.Run {
	t.Helper()
	run.Results = slices.Clone(run.Results)
	for i := range run.Results {
		r := &run.Results[i]
		if r.Expected != nil {
			e := *r.Expected
			r.Expected = &e
		}
		if r.Actual != nil {
			a := *r.Actual
			r.Actual = &a
		}
		r.Warnings = slices.Clone(r.Warnings)
		r.Differences = slices.Clone(r.Differences)
		for j := range r.Differences {
			d := &r.Differences[j]
			d.Expected, d.Actual = slices.Clone(d.Expected), slices.Clone(d.Actual)
		}
	}
	return run
}

// TestJSONWriteRefuses: a run that would not be a valid version 1 report is not written.
func TestJSONWriteRefuses(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(run *harness.Run)
		want   string
	}{
		{"status unknown", func(run *harness.Run) { run.Results[0].Status = "flaky" }, `api/group-list.md#list_groups: status "flaky"`},
		{"status empty", func(run *harness.Run) { run.Results[0].Status = "" }, `status ""`},
		{"kind unknown", func(run *harness.Run) { run.Results[3].Differences[2].Kind = "order" }, `api/user-get.md#get_user_by_id: difference 3: kind "order"`},
		{"expected not JSON", func(run *harness.Run) { run.Results[3].Differences[0].Expected = raw(`AdeleV@contoso.com`) }, `difference 1 (missing at "mail"): expected value: not JSON`},
		{"actual not JSON", func(run *harness.Run) { run.Results[4].Differences[0].Actual = raw(`{"a":`) }, `api/user-list.md#list_users: difference 1 (type at "value.0.accountEnabled"): actual value: not JSON`},
		{"schema version 2", func(run *harness.Run) { run.SchemaVersion = 2 }, "cannot write schema version 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run := fullRun()
			tt.break_(&run)
			var buf bytes.Buffer
			err := JSON{}.Write(&buf, run)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Write = %v, want an error with %q", err, tt.want)
			}
			if buf.Len() > 0 {
				t.Errorf("Write failed but wrote %d bytes", buf.Len())
			}
		})
	}
}

func TestReadJSONRefuses(t *testing.T) {
	valid := string(writeJSON(t, passingRun()))
	full := string(writeJSON(t, fullRun()))
	lineOf := func(src, s string) int { return 1 + strings.Count(src[:strings.Index(src, s)], "\n") }
	badStatus := strings.Replace(valid, `"status": "passed"`, `"status": 1`, 1)
	tests := []struct {
		name, src, want string
	}{
		{"schema version 2", strings.Replace(valid, `"schemaVersion": 1`, `"schemaVersion": 2`, 1),
			"JSON report schema version 2 is not supported: this docconform reads version 1 (the report was written by a newer docconform)"},
		{"schema version 0", strings.Replace(valid, `"schemaVersion": 1`, `"schemaVersion": 0`, 1),
			"JSON report schema version 0 is not supported"},
		{"no schema version", strings.Replace(valid, `"schemaVersion": 1,`, ``, 1), "not a docconform JSON report: no schemaVersion"},
		{"null", "null", "no schemaVersion"},
		{"another JSON document", `{"exchanges": {}}`, "no schemaVersion"},
		{"an array", `[]`, "line 1: not a docconform JSON report"},
		{"cut short", valid[:len(valid)/2], "not a docconform JSON report: unexpected end of JSON input"},
		{"trailing text", valid + "}", fmt.Sprintf("line %d: not a docconform JSON report: invalid character '}' after top-level value", strings.Count(valid, "\n")+1)},
		{"status a number", badStatus, fmt.Sprintf("line %d: not a docconform JSON report: json: cannot unmarshal number", lineOf(badStatus, `"status": 1`))},
		{"empty", "", "unexpected end of JSON input"},
		{"status unknown", strings.Replace(valid, `"status": "passed"`, `"status": "flaky"`, 1),
			`result 1 (seed.md#get_user): status "flaky" is not one that schema version 1 knows`},
		{"kind unknown", strings.Replace(full, `"kind": "type"`, `"kind": "order"`, 1),
			`result 4 (api/user-get.md#get_user_by_id): difference 3: kind "order" is not one that schema version 1 knows`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadJSON(strings.NewReader(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("ReadJSON = %v, want an error with %q", err, tt.want)
			}
		})
	}

	_, err := ReadJSON(strings.NewReader(`{"schemaVersion": 2, "whatever": "version 2 holds"}`))
	var ve *VersionError
	if !errors.As(err, &ve) || ve.Version != 2 {
		t.Errorf("ReadJSON(version 2) = %#v, want a *VersionError{Version: 2}", err)
	}
}

// TestReadJSONIgnoresNewFields: version 1 may gain fields; today's reader reads
// tomorrow's reports.
func TestReadJSONIgnoresNewFields(t *testing.T) {
	src := string(writeJSON(t, fullRun()))
	for _, add := range [][2]string{
		{`"schemaVersion": 1,`, `"shard": "2/4",`},
		{`"id": "api/group-list.md#list_groups",`, `"flaky": true,`},
		{`"kind": "missing",`, `"severity": {"level": 3},`},
	} {
		if !strings.Contains(src, add[0]) {
			t.Fatalf("the report has no %s", add[0])
		}
		src = strings.Replace(src, add[0], add[0]+"\n"+add[1], 1)
	}
	got, err := ReadJSON(strings.NewReader(src))
	if err != nil {
		t.Fatalf("ReadJSON refuses a report with added fields: %v", err)
	}
	if diff := cmp.Diff(fullRun(), got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestReadJSONTextWarnings: a report written before warnings had kinds has "warnings",
// the text of each, and no "warningDetails": it still reads, each text the warning's
// Message, and it stays valid against the schema.
func TestReadJSONTextWarnings(t *testing.T) {
	details := regexp.MustCompile(`(?s),\n      "warningDetails": \[\n.*?\n      \]`)
	old := details.ReplaceAll(writeJSON(t, fullRun()), nil)
	if n := bytes.Count(old, []byte(`"warnings"`)); n != 2 || bytes.Contains(old, []byte("warningDetails")) {
		t.Fatalf("the report without warningDetails has %d warnings:\n%s", n, old)
	}
	if err := reportSchema(t).Validate(instance(t, old)); err != nil {
		t.Fatalf("the schema rejects a report without warningDetails: %v", err)
	}
	got, err := ReadJSON(bytes.NewReader(old))
	if err != nil {
		t.Fatal(err)
	}
	want := fullRun()
	for i := range want.Results {
		for j, w := range want.Results[i].Warnings {
			want.Results[i].Warnings[j] = harness.ResultWarning{Message: w.String()}
		}
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// Written again, the warnings read the same.
	again, err := ReadJSON(bytes.NewReader(writeJSON(t, got)))
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range again.Results {
		for j, w := range r.Warnings {
			if w.String() != fullRun().Results[i].Warnings[j].String() {
				t.Errorf("%s: warning %d reads %q, written %q", r.ID, j+1, w, fullRun().Results[i].Warnings[j])
			}
		}
	}
}

// TestJSONKeepsOrder: results are written in the run's order, which the runner chose
// (setup steps first, pages in the order given, examples in page order).
func TestJSONKeepsOrder(t *testing.T) {
	run := fullRun()
	slices.Reverse(run.Results)
	got, err := ReadJSON(bytes.NewReader(writeJSON(t, run)))
	if err != nil {
		t.Fatal(err)
	}
	var ids, want []string
	for i := range run.Results {
		ids = append(ids, got.Results[i].ID)
		want = append(want, run.Results[i].ID)
	}
	if !slices.Equal(ids, want) {
		t.Errorf("results written in the order %v, want the run's %v", ids, want)
	}
}
