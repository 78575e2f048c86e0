// Package reports renders docconform runs: a harness.Run, finished or interrupted, is the
// model, and each report is built from it and then encoded.
//
// # Formats
//
//   - JSON writes the JSON report (JSON{}.Write(w, run)); ReadJSON reads one back, so a
//     saved run can be rendered again in any format later.
//   - Console follows a run as it goes (NewConsole, Start, Result, Finish): a progress line,
//     then one line per failure, "file:line: id: kind at path: expected X got Y", then the
//     totals.
//
// FormatNamed maps the FORMAT of `docconform run --report FORMAT=FILE` to a Format;
// harness/session writes a Format to a file (atomically, and through device files).
//
// Reports list results in the run's order and count the summary from the results, so
// the same run always renders the same bytes.
//
// # The JSON report contract
//
// The JSON report is read by other tools. It is harness.Run encoded by encoding/json, with
// "schemaVersion": 1, and its JSON Schema (draft 2020-12) ships in this package as
// schema/report-v1.json (JSONSchema returns it). Version 1 is only ever extended: a field
// may be added, never removed, renamed or retyped, and no status or difference kind
// changes meaning. An added field goes into the schema in the same change (the schema
// allows no property it does not list, so the tests catch a Go field it lacks). Readers,
// ReadJSON among them, ignore fields they do not know; a report of another schema version
// is refused with a *VersionError rather than guessed at.
//
// Fields left out when empty: a result's reason, throttledMs, expected, actual,
// differences, warnings and warningDetails, a difference's line and more, and a warning's
// kind, path, line and more. Every other field is always present; results is an empty
// list, never null, when nothing was judged.
//
// A result's warnings are written twice: "warnings" is the text of each ("kind at path:
// message", as the console says it), and "warningDetails", added to version 1 later, the
// same warnings in the same order with their kind, path, line and count
// (harness.Result.MarshalJSON). ReadJSON reads warningDetails, and a report without them
// (written by an older docconform) by its text: each becomes a warning with that Message.
// Warning kinds, unlike difference kinds, may be added to version 1.
//
// # Non-goals
//
// Reports do not judge: a run's verdicts come from harness/compare, and a report only
// shows them. Reports do not reach the network, and the console writes no colours or
// terminal escape sequences.
//
// JUnit, Markdown, HTML and GitHub annotations, and merging, diffing and trending saved
// reports (DESIGN.md), are not written yet.
package reports
