package reports

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/docconform/docconform/harness"
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
	b = appendString(b, r.ID)
	b = append(b, `,"file":`...)
	b = appendString(b, r.File)
	b = append(b, `,"line":`...)
	b = strconv.AppendInt(b, int64(r.Line), 10)
	b = append(b, `,"name":`...)
	b = appendString(b, r.Name)
	b = append(b, `,"method":`...)
	b = appendString(b, r.Method)
	b = append(b, `,"url":`...)
	b = appendString(b, r.URL)
	b = append(b, `,"status":`...)
	b = appendString(b, string(r.Status))
	if r.Reason != "" {
		b = append(b, `,"reason":`...)
		b = appendString(b, r.Reason)
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
			b = appendString(b, string(d.Kind))
			b = append(b, `,"path":`...)
			b = appendString(b, d.Path)
			b = append(b, `,"expected":`...)
			b = appendRaw(b, d.Expected)
			b = append(b, `,"actual":`...)
			b = appendRaw(b, d.Actual)
			b = append(b, `,"message":`...)
			b = appendString(b, d.Message)
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
			b = appendString(b, w.String())
		}
		b = append(b, `],"warningDetails":[`...)
		for i, w := range r.Warnings {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '{')
			if w.Kind != "" {
				b = append(b, `"kind":`...)
				b = appendString(b, string(w.Kind))
				b = append(b, ',')
			}
			if w.Path != "" {
				b = append(b, `"path":`...)
				b = appendString(b, w.Path)
				b = append(b, ',')
			}
			b = append(b, `"message":`...)
			b = appendString(b, w.Message)
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

// appendString appends s as a JSON string, escaped as encoding/json escapes it without
// HTML escaping: quote, backslash and control characters (\b \f \n \r \t by name, the
// others as \u00XX), invalid UTF-8 as \ufffd, U+2028 and U+2029 as \u2028 and \u2029.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= ' ' && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
