package reports

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/docjson"
)

// encodeReport appends the compact JSON of a report that jsonReport built: the run's
// fields by encoding/json, its results by appendResult, which writes what encoding/json
// writes of jsonResult (SetEscapeHTML(false)) byte for byte, at a fraction of the cost
// (TestEncodeAsEncodingJSON and FuzzEncodeResult hold the two equal). Results are most of
// a report, and a run's report is written after its last result, while nothing else runs.
func encodeReport(dst []byte, run harness.Run) ([]byte, error) {
	head := layout(run)
	head.Results = nil
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(head.runFields); err != nil {
		return nil, fmt.Errorf("json report: %w", err)
	}
	// {"schemaVersion":1,...,"results":null}\n → {"schemaVersion":1,...,"results":[...]}\n
	h := bytes.TrimSuffix(bytes.TrimSuffix(buf.Bytes(), []byte("\n")), []byte(`null}`))
	dst = append(dst, h...)
	dst = append(dst, '[')
	for i := range run.Results {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendResult(dst, &run.Results[i])
	}
	return append(dst, "]}\n"...), nil
}

// appendResult appends r as encoding/json writes jsonResult.
func appendResult(b []byte, r *harness.Result) []byte {
	b = append(b, `{"id":`...)
	b = docjson.AppendString(b, r.ID)
	b = append(b, `,"file":`...)
	b = docjson.AppendString(b, r.File)
	b = append(b, `,"line":`...)
	b = strconv.AppendInt(b, int64(r.Line), 10)
	b = append(b, `,"name":`...)
	b = docjson.AppendString(b, r.Name)
	b = append(b, `,"method":`...)
	b = docjson.AppendString(b, r.Method)
	b = append(b, `,"url":`...)
	b = docjson.AppendString(b, r.URL)
	b = append(b, `,"status":`...)
	b = docjson.AppendString(b, string(r.Status))
	if r.Reason != "" {
		b = append(b, `,"reason":`...)
		b = docjson.AppendString(b, r.Reason)
	}
	b = append(b, `,"attempts":`...)
	b = strconv.AppendInt(b, int64(r.Attempts), 10)
	b = append(b, `,"durationMs":`...)
	b = strconv.AppendInt(b, r.DurationMs, 10)
	if r.ThrottledMs != 0 {
		b = append(b, `,"throttledMs":`...)
		b = strconv.AppendInt(b, r.ThrottledMs, 10)
	}
	if e := r.Expected; e != nil {
		b = append(b, `,"expected":{"status":`...)
		b = strconv.AppendInt(b, int64(e.Status), 10)
		b = append(b, `,"line":`...)
		b = strconv.AppendInt(b, int64(e.Line), 10)
		b = append(b, '}')
	}
	if a := r.Actual; a != nil {
		b = append(b, `,"actual":{"status":`...)
		b = strconv.AppendInt(b, int64(a.Status), 10)
		b = append(b, '}')
	}
	if len(r.Differences) > 0 {
		b = append(b, `,"differences":[`...)
		for i, d := range r.Differences {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"kind":`...)
			b = docjson.AppendString(b, string(d.Kind))
			b = append(b, `,"path":`...)
			b = docjson.AppendString(b, d.Path)
			b = append(b, `,"expected":`...)
			b = appendRaw(b, d.Expected)
			b = append(b, `,"actual":`...)
			b = appendRaw(b, d.Actual)
			b = append(b, `,"message":`...)
			b = docjson.AppendString(b, d.Message)
			b = appendInts(b, d.Line, d.More)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if len(r.Warnings) > 0 {
		b = append(b, `,"warnings":[`...)
		for i, w := range r.Warnings {
			if i > 0 {
				b = append(b, ',')
			}
			b = docjson.AppendString(b, w.String())
		}
		b = append(b, `],"warningDetails":[`...)
		for i, w := range r.Warnings {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '{')
			if w.Kind != "" {
				b = append(b, `"kind":`...)
				b = docjson.AppendString(b, string(w.Kind))
				b = append(b, ',')
			}
			if w.Path != "" {
				b = append(b, `"path":`...)
				b = docjson.AppendString(b, w.Path)
				b = append(b, ',')
			}
			b = append(b, `"message":`...)
			b = docjson.AppendString(b, w.Message)
			b = appendInts(b, w.Line, w.More)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// appendInts appends the omitempty "line" and "more" of a difference or a warning.
func appendInts(b []byte, line, more int) []byte {
	if line != 0 {
		b = append(b, `,"line":`...)
		b = strconv.AppendInt(b, int64(line), 10)
	}
	if more != 0 {
		b = append(b, `,"more":`...)
		b = strconv.AppendInt(b, int64(more), 10)
	}
	return b
}

// appendRaw appends a value jsonReport compacted (null when there is none).
func appendRaw(b []byte, v json.RawMessage) []byte {
	if len(v) == 0 {
		return append(b, "null"...)
	}
	return append(b, v...)
}
