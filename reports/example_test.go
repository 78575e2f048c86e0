package reports_test

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/reports"
)

func exampleRun() harness.Run {
	start := time.Date(2026, 11, 28, 2, 0, 0, 0, time.UTC)
	r := harness.Result{
		ID: "api/user-get.md#get_user", File: "api/user-get.md", Line: 42, Name: "get_user",
		Method: "GET", URL: "http://127.0.0.1:4010/v1.0/me", Status: harness.Failed,
		Attempts: 1, DurationMs: 3,
		Expected: &harness.ExpectedSummary{Status: 200, Line: 57},
		Actual:   &harness.ActualSummary{Status: 200},
		Differences: []harness.Difference{{
			Kind: harness.DiffMissing, Path: "mail", Line: 61,
			Expected: json.RawMessage(`"AdeleV@contoso.com"`), Actual: json.RawMessage(`null`),
			Message: "the documented property mail is missing",
		}},
	}
	run := harness.Run{
		Tool:     harness.Tool{Name: "docconform", Version: "v0.3.0"},
		Endpoint: "http://127.0.0.1:4010", StartedAt: start, FinishedAt: start.Add(1200 * time.Millisecond),
		Complete: true, Results: []harness.Result{r},
	}
	run.Summary.Add(r)
	return run
}

func ExampleJSON_Write() {
	if err := (reports.JSON{}).Write(os.Stdout, exampleRun()); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {
	//   "schemaVersion": 1,
	//   "tool": {
	//     "name": "docconform",
	//     "version": "v0.3.0"
	//   },
	//   "endpoint": "http://127.0.0.1:4010",
	//   "startedAt": "2026-11-28T02:00:00Z",
	//   "finishedAt": "2026-11-28T02:00:01.2Z",
	//   "complete": true,
	//   "summary": {
	//     "total": 1,
	//     "passed": 0,
	//     "failed": 1,
	//     "errored": 0,
	//     "skipped": 0
	//   },
	//   "results": [
	//     {
	//       "id": "api/user-get.md#get_user",
	//       "file": "api/user-get.md",
	//       "line": 42,
	//       "name": "get_user",
	//       "method": "GET",
	//       "url": "http://127.0.0.1:4010/v1.0/me",
	//       "status": "failed",
	//       "attempts": 1,
	//       "durationMs": 3,
	//       "expected": {
	//         "status": 200,
	//         "line": 57
	//       },
	//       "actual": {
	//         "status": 200
	//       },
	//       "differences": [
	//         {
	//           "kind": "missing",
	//           "path": "mail",
	//           "expected": "AdeleV@contoso.com",
	//           "actual": null,
	//           "message": "the documented property mail is missing",
	//           "line": 61
	//         }
	//       ]
	//     }
	//   ]
	// }
}

func ExampleReadJSON() {
	_, err := reports.ReadJSON(strings.NewReader(`{"schemaVersion": 2}`))
	fmt.Println(err)
	// Output:
	// JSON report schema version 2 is not supported: this docconform reads version 1 (the report was written by a newer docconform)
}

func ExampleConsole() {
	run := exampleRun()
	// Not a terminal, and no progress lines: what a short run prints in a CI log.
	c := reports.NewConsole(os.Stdout, false, reports.ProgressEvery(0))
	c.Start(len(run.Results))
	for _, r := range run.Results { // as the runner delivers them, from any goroutine
		c.Result(r)
	}
	c.Finish(run)
	// Output:
	// api/user-get.md:61: api/user-get.md#get_user: missing at mail: expected "AdeleV@contoso.com" got nothing
	// 1 example: 0 passed, 1 failed, 0 errored, 0 skipped (in 1.2s)
}
