package editdist

import "testing"

func TestStrings(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"", "abc", 3}, {"reponse", "response", 1},
		{"kitten", "sitting", 3}, {"same", "same", 0}, {"ignored", "ignroed", 2},
	} {
		if got := Strings(tt.a, tt.b); got != tt.want {
			t.Errorf("Strings(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
	words := []string{"users", "{id}", "drive"}
	if d := Distance(3, 2, func(i, j int) bool { return words[i] == []string{"users", "drive"}[j] }); d != 1 {
		t.Errorf("Distance over segments = %d, want 1", d)
	}
}
