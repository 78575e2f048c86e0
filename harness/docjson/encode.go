package docjson

import "unicode/utf8"

// AppendJSON appends v to dst as strict, compact JSON and returns the
// extended slice.
//
// Numbers are written with their exact text when that text is JSON number
// syntax, and otherwise (NumberForm: +1, 0001, NaN, ...) as a JSON string of
// the text. Omitted is written as null, ellipses are dropped, duplicate keys
// are kept as written, and strings and keys are escaped like encoding/json
// with SetEscapeHTML(false): invalid UTF-8 becomes \ufffd, and U+2028 and
// U+2029 are escaped. A Bool is true only when its Text is "true".
func (v Value) AppendJSON(dst []byte) []byte {
	return appendValue(dst, &v)
}

func appendValue(dst []byte, v *Value) []byte {
	switch v.Kind {
	case Bool:
		if v.Text == "true" {
			return append(dst, "true"...)
		}
		return append(dst, "false"...)
	case Number:
		if validNumber(v.Text) {
			return append(dst, v.Text...)
		}
		return AppendString(dst, v.Text)
	case String:
		return AppendString(dst, v.Text)
	case Object:
		dst = append(dst, '{')
		for i := range v.Members {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = AppendString(dst, v.Members[i].Key)
			dst = append(dst, ':')
			dst = appendValue(dst, &v.Members[i].Value)
		}
		return append(dst, '}')
	case Array:
		dst = append(dst, '[')
		for i := range v.Items {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendValue(dst, &v.Items[i])
		}
		return append(dst, ']')
	}
	return append(dst, "null"...) // Null, Omitted, unknown kinds
}

const hexDigits = "0123456789abcdef"

// AppendString appends s as a JSON string, escaped as encoding/json does
// with SetEscapeHTML(false).
func AppendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
