// Package harness holds the values that docconform's stages pass to one another; the
// stages themselves are its subpackages, one a stage:
//
//	pages (.md) ──extract──▶ Examples ──plan──▶ Cases ──replay──▶ Exchanges ──compare──▶ Results ──▶ reports
//
//	extract     markdown pages → Pages: Examples (annotated and inferred), Resources, Diagnostics
//	httpblock   the HTTP text of a code block → Request or Response, leniently       (used by extract)
//	docjson     JSON as docs write it (comments, "...", trailing commas) → a value    (used by extract, compare, mock)
//	replay      Example → Case (URL resolved, placeholders filled) → Exchange: client, auth, retries, rate, redaction
//	mock        Examples (+ a cassette) → an http.Handler that answers as the docs do
//	compare     documented Response vs Actual → Differences (truncation-aware, gjson paths)
//	runner      selection, setup and teardown, pages in parallel, examples in order → Run
//	session     settings + pages → a whole run, as `docconform run` does it: mock, client, auth, reports
//
// Beside the stages: cassette (recorded answers, the format --record writes and the mock
// replays), config (a run's settings: the YAML file, the flags over it, merged and checked
// once) and internal/ (helpers that are not stages: docurl, editdist, atomicfile). The
// renderers are in the top-level package reports; the command line is cmd/docconform.
//
// Every stage takes and returns the plain values declared here: structs of strings,
// numbers and slices that survive a JSON round trip unchanged, so any stage's output can
// be saved, diffed and fed back later. Only runner and session compose stages.
//
// Everything that comes from a page carries its position: a file and a 1-based line.
// Messages meant for people start with that position (see Pos.String and Diagnostic.String).
package harness
