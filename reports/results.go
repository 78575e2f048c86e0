package reports

import "github.com/docconform/docconform/harness"

// summarize counts results by status.
func summarize(results []harness.Result) harness.Summary {
	var s harness.Summary
	for _, r := range results {
		s.Add(r)
	}
	return s
}
