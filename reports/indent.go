package reports

// indent appends to dst the compact JSON src (as encoding/json writes it: no space between
// tokens) laid out exactly as json.Indent(dst, src, "", "  ") lays it out, in one pass. It
// is several times faster than json.Indent, which runs its whole scanner again, and the
// JSON report of a large run is mostly layout (FuzzIndent holds the two equal).
func indent(dst, src []byte) []byte {
	depth := 0
	open := false // just after { or [: a line break comes unless the next token closes it
	for i := 0; i < len(src); i++ {
		c := src[i]
		if open && c != '}' && c != ']' {
			dst = lineBreak(dst, depth)
			open = false
		}
		switch c {
		case '"':
			// A string, to its closing quote (a quote after a backslash is not one).
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j, len(src)-1)
			dst = append(dst, src[i:j+1]...)
			i = j
		case '{', '[':
			dst = append(dst, c)
			depth++
			open = true
		case '}', ']':
			depth--
			if open {
				open = false // empty: {} and [] stay on their line
			} else {
				dst = lineBreak(dst, depth)
			}
			dst = append(dst, c)
		case ',':
			dst = append(dst, ',')
			dst = lineBreak(dst, depth)
		case ':':
			dst = append(dst, ':', ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

func lineBreak(dst []byte, depth int) []byte {
	dst = append(dst, '\n')
	for range depth {
		dst = append(dst, ' ', ' ')
	}
	return dst
}
