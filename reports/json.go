package reports

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/docconform/docconform/harness"
)

// SchemaVersion is the version of the JSON report that JSON writes and ReadJSON reads.
const SchemaVersion = 1

//go:embed schema/report-v1.json
var schemaV1 string

// JSONSchema returns the JSON Schema (draft 2020-12) of the JSON report, version 1: the
// file schema/report-v1.json of this package. Every report JSON writes is valid against it.
func JSONSchema() []byte { return []byte(schemaV1) }

// JSON writes the JSON report: a harness.Run as schema version 1 (see JSONSchema), indented,
// without HTML escaping. The same run always writes the same bytes.
type JSON struct{}

// Write writes run as the JSON report. It returns an error, and writes nothing, when the
// run cannot be written as a valid version 1 report (a status or a difference kind that
// version 1 does not know, an expected or actual value that is not JSON).
func (JSON) Write(w io.Writer, run harness.Run) error {
	report, err := jsonReport(run)
	if err != nil {
		return err
	}
	compact, err := encodeReport(make([]byte, 0, 512*len(report.Results)+1024), report)
	if err != nil {
		return err
	}
	_, err = w.Write(indent(make([]byte, 0, len(compact)*5/2), compact))
	return err
}

// jsonRun is the report's layout, as harness.Result's JSON methods write and read a
// result, but with no JSON methods of its own: encoding/json validates and copies what
// each MarshalJSON call returns (writing a large report took a third longer), and a value
// of the wrong type inside a result, decoded through UnmarshalJSON, has its offset in the
// result rather than in the report (see placed).
type (
	runFields    harness.Run    // the fields, not the methods
	resultFields harness.Result // (its Warnings are tagged "-")
	jsonRun      struct {
		runFields
		Results []jsonResult `json:"results"`
	}
	jsonResult struct {
		resultFields
		Warnings       []string                `json:"warnings,omitempty"`
		WarningDetails []harness.ResultWarning `json:"warningDetails,omitempty"`
	}
)

func layout(run harness.Run) jsonRun {
	out := jsonRun{runFields: runFields(run), Results: make([]jsonResult, len(run.Results))}
	out.runFields.Results = nil
	for i, r := range run.Results {
		jr := jsonResult{resultFields: resultFields(r), WarningDetails: r.Warnings}
		for _, w := range r.Warnings {
			jr.Warnings = append(jr.Warnings, w.String())
		}
		out.Results[i] = jr
	}
	return out
}

// jsonReport is the build step of the JSON report: run as version 1 writes it. The
// schema version is set; times are in UTC; results keep the run's order and are never
// null; the summary is counted from the results, so the two always agree; expected and
// actual values are compact JSON, null when absent. run itself is not changed.
func jsonReport(run harness.Run) (harness.Run, error) {
	if run.SchemaVersion != 0 && run.SchemaVersion != SchemaVersion {
		return harness.Run{}, fmt.Errorf("json report: cannot write schema version %d, only %d", run.SchemaVersion, SchemaVersion)
	}
	run.SchemaVersion = SchemaVersion
	run.StartedAt = run.StartedAt.UTC()
	run.FinishedAt = run.FinishedAt.UTC()
	// A copy, never nil: the differences are rewritten below, and "results" is a list.
	run.Results = append(make([]harness.Result, 0, len(run.Results)), run.Results...)
	for i := range run.Results {
		r := &run.Results[i]
		if !r.Status.Known() {
			return harness.Run{}, fmt.Errorf("json report: %s: status %q is not passed, failed, errored or skipped", r.ID, r.Status)
		}
		if r.Differences == nil {
			continue
		}
		ds := make([]harness.Difference, len(r.Differences))
		for j, d := range r.Differences {
			if !d.Kind.Known() {
				return harness.Run{}, fmt.Errorf("json report: %s: difference %d: kind %q is not one that schema version 1 knows", r.ID, j+1, d.Kind)
			}
			var err error
			if d.Expected, err = compactJSON(d.Expected); err != nil {
				return harness.Run{}, fmt.Errorf("json report: %s: difference %d (%s at %q): expected value: %v", r.ID, j+1, d.Kind, d.Path, err)
			}
			if d.Actual, err = compactJSON(d.Actual); err != nil {
				return harness.Run{}, fmt.Errorf("json report: %s: difference %d (%s at %q): actual value: %v", r.ID, j+1, d.Kind, d.Path, err)
			}
			ds[j] = d
		}
		r.Differences = ds
	}
	run.Summary = summarize(run.Results)
	return run, nil
}

// compactJSON returns v without insignificant space, and the text null for no value.
func compactJSON(v json.RawMessage) (json.RawMessage, error) {
	if len(v) == 0 {
		return json.RawMessage("null"), nil
	}
	if bytes.IndexAny(v, " \t\r\n") < 0 && json.Valid(v) {
		return v, nil // compact already, as compare writes values
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, v); err != nil {
		return nil, fmt.Errorf("not JSON: %v", err)
	}
	return buf.Bytes(), nil
}

// VersionError is ReadJSON's error for a report whose schemaVersion is not SchemaVersion.
type VersionError struct {
	Version int
}

func (e *VersionError) Error() string {
	msg := fmt.Sprintf("JSON report schema version %d is not supported: this docconform reads version %d", e.Version, SchemaVersion)
	if e.Version > SchemaVersion {
		msg += " (the report was written by a newer docconform)"
	}
	return msg
}

// ReadJSON reads a JSON report that JSON wrote (or any document valid against
// JSONSchema). A report of another schema version is a *VersionError; a status or a
// difference kind that version 1 does not know is an error too. Fields this version
// of docconform does not know are ignored: version 1 may gain fields, and an older reader
// must still read the reports of a newer writer. Expected and actual values come back as
// compact JSON (null when there is none); times keep the zone the report gives (UTC for
// reports JSON wrote). Warnings are read from warningDetails, or, in a report written
// before it had them, from the text of warnings (see harness.Result.UnmarshalJSON).
func ReadJSON(r io.Reader) (harness.Run, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return harness.Run{}, err
	}
	var head struct {
		SchemaVersion *int `json:"schemaVersion"`
	}
	if err := json.Unmarshal(src, &head); err != nil {
		return harness.Run{}, notAReport(src, err)
	}
	if head.SchemaVersion == nil {
		return harness.Run{}, fmt.Errorf("not a docconform JSON report: no schemaVersion")
	}
	if *head.SchemaVersion != SchemaVersion {
		return harness.Run{}, &VersionError{Version: *head.SchemaVersion}
	}
	var run harness.Run
	if err := json.Unmarshal(src, &run); err != nil {
		return harness.Run{}, notAReport(src, placed(src, err))
	}
	// A time whose year leaves 0000–9999 in UTC (0000-01-01T00:00:00+01:00) is one no
	// report can hold: JSON writes times in UTC.
	for i, at := range []time.Time{run.StartedAt, run.FinishedAt} {
		if y := at.UTC().Year(); y < 0 || y > 9999 {
			return harness.Run{}, fmt.Errorf("not a docconform JSON report: %s %s is outside years 0000 to 9999 in UTC",
				[]string{"startedAt", "finishedAt"}[i], at.Format(time.RFC3339))
		}
	}
	for i := range run.Results {
		r := &run.Results[i]
		if !r.Status.Known() {
			return harness.Run{}, fmt.Errorf("not a docconform JSON report: result %d (%s): status %q is not one that schema version 1 knows", i+1, r.ID, r.Status)
		}
		for j := range r.Differences {
			d := &r.Differences[j]
			if !d.Kind.Known() {
				return harness.Run{}, fmt.Errorf("not a docconform JSON report: result %d (%s): difference %d: kind %q is not one that schema version 1 knows", i+1, r.ID, j+1, d.Kind)
			}
			// The values were checked by Unmarshal; compacting undoes the report's indentation.
			d.Expected, _ = compactJSON(d.Expected)
			d.Actual, _ = compactJSON(d.Actual)
		}
	}
	return run, nil
}

// placed returns err, a decoding error of src, with the offset in src of the value it is
// about.
func placed(src []byte, err error) error {
	te, ok := err.(*json.UnmarshalTypeError)
	if !ok {
		return err // a syntax error is found before any result is decoded: its offset is right
	}
	var at *json.UnmarshalTypeError
	if errors.As(json.Unmarshal(src, new(jsonRun)), &at) && at.Value == te.Value && at.Type == te.Type {
		fixed := *te
		fixed.Offset = at.Offset
		return &fixed
	}
	return err
}

// notAReport says where a report stopped being readable.
func notAReport(src []byte, err error) error {
	var offset int64 = -1
	switch e := err.(type) {
	case *json.SyntaxError:
		offset = e.Offset
	case *json.UnmarshalTypeError:
		offset = e.Offset
	}
	if offset < 0 {
		return fmt.Errorf("not a docconform JSON report: %v", err)
	}
	line := 1 + bytes.Count(src[:min(int(offset), len(src))], []byte{'\n'})
	return fmt.Errorf("line %d: not a docconform JSON report: %v", line, err)
}
