package harness

import "strconv"

// Plural is n with its noun, for messages: "1 example", "3 examples".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
