package reports

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/docconform/docconform/fixtures"
	"github.com/docconform/docconform/harness"
)

// golden compares got with testdata/name (make golden rewrites it).
func golden(t *testing.T, name, got string) {
	t.Helper()
	fixtures.Golden(t, "testdata/"+name, []byte(got))
}

var (
	started  = time.Date(2026, 11, 28, 2, 0, 0, 0, time.UTC)
	finished = started.Add(12*time.Second + 345*time.Millisecond)
)

func raw(s string) json.RawMessage { return json.RawMessage(s) }

// summed returns run with its summary counted from its results, as the runner does.
func summed(run harness.Run) harness.Run {
	run.Summary = harness.Summary{}
	for _, r := range run.Results {
		run.Summary.Add(r)
	}
	return run
}

// fullRun is a finished run with a result of every status and a difference of every
// kind, in report order (file, line, ID): what a nightly run against a service that
// strays from its docs looks like.
func fullRun() harness.Run {
	return summed(harness.Run{
		SchemaVersion: 1,
		Tool:          harness.Tool{Name: "docconform", Version: "v0.3.0"},
		Endpoint:      "https://graph.example.test",
		StartedAt:     started,
		FinishedAt:    finished,
		Complete:      true,
		Results: []harness.Result{{
			ID: "api/group-list.md#list_groups", File: "api/group-list.md", Line: 14, Name: "list_groups",
			Method: "GET", URL: "https://graph.example.test/v1.0/groups",
			Status: harness.Errored, Reason: "no answer within 30s (--timeout)",
			Attempts: 3, DurationMs: 30012, ThrottledMs: 2000,
			Expected: &harness.ExpectedSummary{Status: 200, Line: 25},
		}, {
			ID: "api/user-create.md#create_user", File: "api/user-create.md", Line: 20, Name: "create_user",
			Method: "POST", URL: "https://graph.example.test/v1.0/users",
			Status: harness.Skipped, Reason: "POST writes: pass --allow-writes to send it",
		}, {
			ID: "api/user-get.md#get_user", File: "api/user-get.md", Line: 42, Name: "get_user",
			Method: "GET", URL: "https://graph.example.test/v1.0/me",
			Status: harness.Passed, Attempts: 1, DurationMs: 87,
			Expected:    &harness.ExpectedSummary{Status: 200, Line: 57},
			Actual:      &harness.ActualSummary{Status: 200},
			Differences: []harness.Difference{}, // compare's answer for a match: no differences
			Warnings: []harness.ResultWarning{{Kind: harness.WarnNoItems, Path: "businessPhones", Line: 62,
				Message: "the response has no items where the docs show 1, so their shape could not be checked"}},
		}, {
			ID: "api/user-get.md#get_user_by_id", File: "api/user-get.md", Line: 80, Name: "get_user_by_id",
			Method: "GET", URL: "https://graph.example.test/v1.0/users/87d349ed-44d7-43e1-9a83-5f2406dee5bd",
			Status: harness.Failed, Attempts: 1, DurationMs: 112,
			Expected: &harness.ExpectedSummary{Status: 200, Line: 95},
			Actual:   &harness.ActualSummary{Status: 200},
			Differences: []harness.Difference{
				{Kind: harness.DiffMissing, Path: "mail", Expected: raw(`"AdeleV@contoso.com"`), Actual: raw(`null`),
					Message: "the documented property mail is missing", Line: 103},
				{Kind: harness.DiffUnexpected, Path: "employeeOrgData", Expected: raw(`null`), Actual: raw(`{"division":null,"costCenter":"1234"}`),
					Message: "employeeOrgData is not documented and the response is not truncated", Line: 96},
				{Kind: harness.DiffType, Path: "businessPhones", Expected: raw(`["+1 425 555 0109"]`), Actual: raw(`"+1 425 555 0109"`),
					Message: "expected an array, got a string", Line: 99},
				{Kind: harness.DiffValue, Path: "@odata.type", Expected: raw(`"#microsoft.graph.user"`), Actual: raw(`"#microsoft.graph.group"`),
					Message: "another @odata.type", Line: 97},
				{Kind: harness.DiffFormat, Path: "createdDateTime", Expected: raw(`"2017-09-04T15:35:02Z"`), Actual: raw(`"yesterday"`),
					Message: "expected an ISO 8601 date-time", Line: 101},
			},
		}, {
			ID: "api/user-list.md#list_users", File: "api/user-list.md", Line: 12, Name: "list_users",
			Method: "GET", URL: "https://graph.example.test/v1.0/users?$select=displayName,mail",
			Status: harness.Failed, Attempts: 2, DurationMs: 640, ThrottledMs: 500,
			Expected: &harness.ExpectedSummary{Status: 200, Line: 24},
			Actual:   &harness.ActualSummary{Status: 200},
			Differences: []harness.Difference{
				{Kind: harness.DiffType, Path: "value.0.accountEnabled", Expected: raw(`true`), Actual: raw(`"true"`),
					Message: "expected a boolean, got a string", Line: 31, More: 19},
			},
			Warnings: []harness.ResultWarning{{Kind: harness.WarnUnexpected, Path: "value.0.employeeType", Line: 27, More: 19,
				Message: "property employeeType is not documented (the response is not marked truncated)"}},
		}, {
			ID: "api/user-list.md#list_users~2", File: "api/user-list.md", Line: 60, Name: "list_users",
			Method: "GET", URL: "https://graph.example.test/v1.0/users?$filter=startswith(displayName,'a')",
			Status: harness.Failed, Attempts: 1, DurationMs: 95,
			Expected: &harness.ExpectedSummary{Status: 200, Line: 70},
			Actual:   &harness.ActualSummary{Status: 400},
			Differences: []harness.Difference{
				{Kind: harness.DiffStatus, Expected: raw(`200`), Actual: raw(`400`), Message: "expected status 200, got 400", Line: 70},
				{Kind: harness.DiffContentType, Expected: raw(`"application/json"`), Actual: raw(`"text/html; charset=utf-8"`),
					Message: "the documented body is JSON, the response is text/html; charset=utf-8", Line: 70},
				{Kind: harness.DiffBody, Expected: raw(`"JSON"`),
					Actual:  raw(`"<html><head><title>400 Bad Request</title></head><body><h1>Bad Request</h1><p>The filter clause &amp; its… (4096 bytes)"`),
					Message: "the documented body is JSON, the response body is not: <html>…", Line: 72},
			},
		}},
	})
}

// interruptedRun is a run stopped (Ctrl-C) before any example was judged.
func interruptedRun() harness.Run {
	return harness.Run{
		SchemaVersion: 1,
		Tool:          harness.Tool{Name: "docconform", Version: "(devel)"},
		Endpoint:      "http://127.0.0.1:4010",
		StartedAt:     started,
		FinishedAt:    started.Add(800 * time.Millisecond),
		Complete:      false,
	}
}

// passingRun is a finished run where everything passed.
func passingRun() harness.Run {
	return summed(harness.Run{
		SchemaVersion: 1,
		Tool:          harness.Tool{Name: "docconform", Version: "v0.3.0"},
		Endpoint:      "http://127.0.0.1:4010",
		StartedAt:     started,
		FinishedAt:    started.Add(1200 * time.Millisecond),
		Complete:      true,
		Results: []harness.Result{{
			ID: "seed.md#get_user", File: "seed.md", Line: 9, Name: "get_user",
			Method: "GET", URL: "http://127.0.0.1:4010/v1.0/me", Status: harness.Passed, Attempts: 1, DurationMs: 3,
			Expected: &harness.ExpectedSummary{Status: 200, Line: 20}, Actual: &harness.ActualSummary{Status: 200},
		}},
	})
}

// runs are the runs every format is tested with.
func runs() map[string]harness.Run {
	return map[string]harness.Run{
		"full":        fullRun(),
		"interrupted": interruptedRun(),
		"passing":     passingRun(),
	}
}
