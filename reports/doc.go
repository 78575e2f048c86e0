// Package reports renders finished (or partial) docconform runs: JSON report v1 (whose
// JSON Schema ships in this folder), JUnit, Markdown, HTML, GitHub annotations and the
// console summary, and merges, diffs and trends saved reports.
//
// Nothing renders yet: the run that produces reports is the next stage of the project
// (see DESIGN.md). This package holds the place in the layout that DESIGN.md gives it.
package reports
