package reports

import (
	"strings"
	"testing"
)

func TestFormatNamed(t *testing.T) {
	f, err := FormatNamed("json")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := f.(JSON); !ok {
		t.Errorf(`FormatNamed("json") = %T, want JSON`, f)
	}
	for _, name := range []string{"", "JSON", "xml", "junit"} {
		if _, err := FormatNamed(name); err == nil || !strings.Contains(err.Error(), "known: json") {
			t.Errorf("FormatNamed(%q) = %v, want an error listing the known formats", name, err)
		}
	}
}
