package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/extract"
	"github.com/docconform/docconform/reports"
)

func listCommand() *cobra.Command {
	var (
		format        string
		annotatedOnly bool
		maxPage       int64
	)
	c := &cobra.Command{
		Use:   "list [PATH...]",
		Short: "List the examples documented in pages",
		Long: `List every example request and its documented responses, found in the pages under
PATH (a page, or a folder walked recursively for *.md; default ".").

Examples are annotated blocks (<!-- { "blockType": "request" } --> before a code block)
and, unless --annotated-only is given, unannotated ones: a fenced http block holding a
request followed by one holding a response (marked inferred).

Diagnostics — blocks that could not be used, or are written in a way the annotation
grammar does not allow — go to stderr as "file:line: severity: message [code]",
with a count at the end. Severity is error (something could not be used), warning
(read, but written wrongly) or note (harmless).

Exit status: 0 when the pages were read (diagnostics are not failures), 2 on bad usage or
an unreadable PATH, 130 interrupted.`,
		Example: `  docconform list fixtures/docs
  docconform list --format json api/ | jq -r '.id'`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return usageError("--format must be text or json, not %q", format)
			}
			if len(args) == 0 {
				args = []string{"."}
			}
			opts := []extract.Option{extract.MaxPageSize(maxPage)}
			if annotatedOnly {
				opts = append(opts, extract.AnnotatedOnly())
			}
			return list(cmd, args, format, opts)
		},
	}
	f := c.Flags()
	f.StringVar(&format, "format", "text", "output format: text (a line per example) or json (JSON Lines, an object per example)")
	f.BoolVar(&annotatedOnly, "annotated-only", false, "read annotated examples only (no inferred ones)")
	f.Int64Var(&maxPage, "max-page-size", extract.DefaultMaxPageSize, "largest page to read, in bytes")
	return c
}

type listCounts struct {
	pages, examples, inferred, responses int
	errors, warnings, notes              int
}

func list(cmd *cobra.Command, roots []string, format string, opts []extract.Option) error {
	out := bufio.NewWriter(cmd.OutOrStdout())
	defer out.Flush()
	stderr := cmd.ErrOrStderr()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	var n listCounts
	err := extract.Tree(cmd.Context(), roots, func(p harness.Page) error {
		n.pages++
		for _, e := range p.Examples {
			n.examples++
			n.responses += len(e.Responses)
			if e.Inferred {
				n.inferred++
			}
			if format == "json" {
				if err := enc.Encode(e); err != nil {
					return err
				}
			} else {
				writeExampleLine(out, e)
			}
		}
		if len(p.Diagnostics) > 0 {
			// Keep stdout and stderr in step when both go to one terminal.
			if err := out.Flush(); err != nil {
				return err
			}
		}
		for _, d := range p.Diagnostics {
			switch d.Severity {
			case harness.Error:
				n.errors++
			case harness.Warning:
				n.warnings++
			default:
				n.notes++
			}
			fmt.Fprintln(stderr, reports.Printable(d.String()))
		}
		return nil
	}, opts...)
	if err != nil {
		return err // (an unreadable PATH is bad usage: see exitCode)
	}
	summary := fmt.Sprintf("%s (%d annotated, %d inferred) with %s in %s",
		harness.Plural(n.examples, "example"), n.examples-n.inferred, n.inferred, harness.Plural(n.responses, "response"), harness.Plural(n.pages, "page"))
	diags := fmt.Sprintf("%s (%s, %s, %s)", harness.Plural(n.errors+n.warnings+n.notes, "diagnostic"),
		harness.Plural(n.errors, "error"), harness.Plural(n.warnings, "warning"), harness.Plural(n.notes, "note"))
	if format == "text" {
		fmt.Fprintln(out, summary)
	}
	if err := out.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(stderr, diags)
	return nil
}

// writeExampleLine writes "file:line  id  METHOD url  -> status, status".
func writeExampleLine(w io.Writer, e harness.Example) {
	statuses := make([]string, len(e.Responses))
	for i, r := range e.Responses {
		statuses[i] = fmt.Sprint(r.Status)
	}
	st := strings.Join(statuses, ", ")
	if st == "" {
		st = "(no response)"
	}
	mark := ""
	if e.Inferred {
		mark = "  (inferred)"
	}
	fmt.Fprintln(w, reports.Printable(fmt.Sprintf("%s  %s  %s %s  -> %s%s", e.Pos(), e.ID, e.Method, e.URL, st, mark)))
}
