package harness

import "strconv"

// Plural writes a count and its noun: "1 example", "3 examples", "0 examples". The plural
// is the noun with an s.
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
