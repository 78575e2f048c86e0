package session

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/config"
)

// TestSteps: a step body written as YAML (JSON once read) is sent with a JSON content
// type unless the step gives one; headers keep a stable order.
func TestSteps(t *testing.T) {
	got := steps("run.yaml", []config.Step{
		{Name: "a", Method: "POST", URL: "/x", Body: `{"displayName":"dc"}`, Headers: map[string]string{"Prefer": "x", "ConsistencyLevel": "eventual"}, Line: 3},
		{Name: "b", Method: "POST", URL: "/x", Body: "plain text"},
		{Name: "c", Method: "PATCH", URL: "/x", Body: `{"a":1}`, Headers: map[string]string{"content-type": "application/merge-patch+json"}},
	})
	want := [][]harness.Header{
		{{Name: "ConsistencyLevel", Value: "eventual"}, {Name: "Prefer", Value: "x"}, {Name: "Content-Type", Value: "application/json"}},
		nil,
		{{Name: "content-type", Value: "application/merge-patch+json"}},
	}
	for i := range got {
		if diff := cmp.Diff(want[i], got[i].Headers); diff != "" {
			t.Errorf("step %s headers (-want +got):\n%s", got[i].Name, diff)
		}
	}
	if got[0].Pos != (harness.Pos{File: "run.yaml", Line: 3}) {
		t.Errorf("pos %v", got[0].Pos)
	}
}
