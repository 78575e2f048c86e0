package compare

import "strings"

// placeholders are the type names docs write where a value would stand ("String",
// "Int32", "String (identifier)", "datetime"): a placeholder promises a type, not a value.
var placeholders = map[string]kind{
	"string": kString, "guid": kString, "binary": kString, "date": kString, "timeofday": kString,
	"duration": kString, "datetimeoffset": kString, "datetime": kString, "timestamp": kString,
	"int16": kNumber, "int32": kNumber, "int64": kNumber, "byte": kNumber, "sbyte": kNumber,
	"single": kNumber, "double": kNumber, "decimal": kNumber, "number": kNumber, "integer": kNumber,
	"float": kNumber, "boolean": kBool, "bool": kBool,
}

// placeholderKind reads "Type" or "Type (note)" with a known type name, any case.
func placeholderKind(s string) (kind, bool) {
	if len(s) > 40 || len(s) < 3 {
		return 0, false
	}
	name := s
	if i := strings.IndexByte(s, ' '); i > 0 {
		rest := strings.TrimSpace(s[i:])
		if !strings.HasPrefix(rest, "(") || !strings.HasSuffix(rest, ")") {
			return 0, false
		}
		name = s[:i]
	}
	name = strings.TrimPrefix(strings.ToLower(name), "edm.")
	k, ok := placeholders[name]
	return k, ok
}

// placeholderDateTime reports a placeholder that stands for a date-time.
func placeholderDateTime(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "datetimeoffset") || strings.HasPrefix(l, "datetime") ||
		strings.HasPrefix(l, "edm.datetimeoffset") || strings.Contains(l, "(timestamp)") || l == "timestamp"
}

// isDateTime reports an ISO 8601 date-time as services write them:
// YYYY-MM-DDThh:mm[:ss[.fraction]][Z|±hh:mm]. The time zone is optional (Graph's
// dateTimeTimeZone values have none).
func isDateTime(s string) bool {
	if len(s) < 16 || !digits(s[0:4]) || s[4] != '-' || !digits(s[5:7]) || s[7] != '-' || !digits(s[8:10]) ||
		(s[10] != 'T' && s[10] != 't') || !digits(s[11:13]) || s[13] != ':' || !digits(s[14:16]) {
		return false
	}
	rest := s[16:]
	if len(rest) >= 3 && rest[0] == ':' && digits(rest[1:3]) {
		rest = rest[3:]
		if len(rest) > 1 && rest[0] == '.' {
			i := 1
			for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
				i++
			}
			if i == 1 {
				return false
			}
			rest = rest[i:]
		}
	}
	switch {
	case rest == "" || rest == "Z" || rest == "z":
		return true
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && digits(rest[1:3]) && rest[3] == ':' && digits(rest[4:6]):
		return true
	}
	return false
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
