package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/compare"
	"github.com/docconform/docconform/harness/docjson"
	"github.com/docconform/docconform/harness/extract"
)

type compareFlags struct {
	mode       string
	ignore     []string
	extra      string
	status     int
	format     string
	truncated  bool
	collection bool
}

func compareCommand() *cobra.Command {
	var f compareFlags
	c := &cobra.Command{
		Use:   "compare [flags] EXPECTED ACTUAL",
		Short: "Compare one response with its documentation",
		Long: `Compare an actual response body with a documented response and print the differences.

EXPECTED is either PAGE.md#NAME — the documented response of the example named NAME
(or with that ID fragment, such as example-2 or get_user~2) in PAGE.md, with its
annotation — or a JSON file as docs write it (comments, trailing commas, ... are fine),
whose annotation --truncated and --collection set. ACTUAL is a JSON file, or - for stdin.

--status N is the status the actual response had: it is compared with the documented
status (and picks the documented response with that status when the example has several).
Without it, the status is not compared.

The comparison semantics (shape and exact modes, truncation, templates, ignore paths)
are those of docconform run; see the harness/compare package documentation.

Exit status: 0 when the response conforms, 1 when it does not, 2 on bad input.`,
		Example: `  docconform compare docs/api/user-get.md#get_user answer.json
  curl -s $URL | docconform compare --compare exact --ignore '**.createdDateTime' expected.json -
  docconform compare --format json --status 404 docs/api/user-get.md#get_user_missing error.json`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCompare(cmd, f, args[0], args[1])
		},
	}
	fl := c.Flags()
	fl.StringVar(&f.mode, "compare", "shape", "shape (structure and types) or exact (values too, arrays item by item)")
	fl.StringArrayVar(&f.ignore, "ignore", nil, "gjson path to leave out, with # * ? ** wildcards (repeatable)")
	fl.StringVar(&f.extra, "extra", "fail", "undocumented properties in a response that is not truncated: fail, warn or allow")
	fl.IntVar(&f.status, "status", 0, "status of the actual response (default: not compared)")
	fl.StringVar(&f.format, "format", "text", "text or json")
	fl.BoolVar(&f.truncated, "truncated", false, "EXPECTED file: the documented response is truncated")
	fl.BoolVar(&f.collection, "collection", false, "EXPECTED file: the documented response is a collection")
	return c
}

func (f compareFlags) check() error {
	if f.status != 0 && (f.status < 100 || f.status > 599) {
		return fmt.Errorf("--status must be an HTTP status (100 to 599), not %d", f.status)
	}
	if f.format != "text" && f.format != "json" {
		return fmt.Errorf("--format must be text or json, not %q", f.format)
	}
	return nil
}

func runCompare(cmd *cobra.Command, f compareFlags, expected, actual string) error {
	// --compare, --extra and --ignore are settings of a run too: read and checked alike.
	cfg, err := runSettings(cmd.Flags(), "")
	if err == nil {
		err = f.check()
	}
	if err != nil {
		return usageError("%v", err)
	}
	opts := cfg.CompareOptions()
	want, file, err := expectedResponse(expected, f)
	if err != nil {
		return &exitError{code: exitUsage, err: err}
	}
	got, err := actualResponse(cmd.InOrStdin(), actual)
	if err != nil {
		return &exitError{code: exitUsage, err: err}
	}
	got.Status = f.status
	if f.status == 0 {
		got.Status = want.Status
	}
	res := compare.Response(want, got, opts...)
	out := cmd.OutOrStdout()
	if f.format == "json" {
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		// "warnings" as text, "warningDetails" the same warnings with their parts, as the
		// run report has them; both always there, as the README shows them.
		warnings, details := []string{}, append([]harness.ResultWarning{}, res.Warnings...)
		for _, w := range res.Warnings {
			warnings = append(warnings, w.String())
		}
		err = enc.Encode(struct {
			Conforms       bool                    `json:"conforms"`
			Differences    []harness.Difference    `json:"differences"`
			Warnings       []string                `json:"warnings"`
			WarningDetails []harness.ResultWarning `json:"warningDetails"`
		}{res.OK(), res.Differences, warnings, details})
	} else {
		err = writeDifferences(out, file, res)
	}
	if err != nil {
		return err
	}
	if !res.OK() {
		return &exitError{code: exitFailed}
	}
	return nil
}

// expectedResponse reads PAGE.md#NAME or a documented JSON file.
func expectedResponse(arg string, f compareFlags) (harness.Response, string, error) {
	// (At the last "#": a page's file name may hold one, an example name does not.)
	if i := strings.LastIndexByte(arg, '#'); i >= 0 && strings.HasSuffix(strings.ToLower(arg[:i]), ".md") {
		return documented(arg[:i], arg[i+1:], f.status)
	}
	if strings.HasSuffix(strings.ToLower(arg), ".md") {
		return harness.Response{}, "", fmt.Errorf("EXPECTED %s is a page: name its example, as %s#NAME (docconform list shows the names)", arg, arg)
	}
	src, err := os.ReadFile(arg)
	if err != nil {
		return harness.Response{}, "", fmt.Errorf("EXPECTED: %v", err)
	}
	if _, _, err := docjson.Parse(src); err != nil {
		var se *docjson.SyntaxError
		if errors.As(err, &se) {
			return harness.Response{}, "", fmt.Errorf("%s:%d: EXPECTED is not JSON even read leniently: %s", arg, se.Line, se.Msg)
		}
		return harness.Response{}, "", fmt.Errorf("%s: %v", arg, err)
	}
	status := f.status
	if status == 0 {
		status = 200
	}
	return harness.Response{
		Line: 1, Status: status, Body: string(src), BodyLine: 1,
		Expectation: harness.Expectation{Truncated: f.truncated, IsCollection: f.collection},
	}, arg, nil
}

// documented finds the response of the example called name in page.
func documented(page, name string, status int) (harness.Response, string, error) {
	p := extract.File(page)
	for _, d := range p.Diagnostics {
		if d.Severity == harness.Error && d.Line == 1 && strings.HasPrefix(d.Code, "page-") {
			return harness.Response{}, "", fmt.Errorf("%s", d)
		}
	}
	e, err := extract.Named(p, name)
	if err != nil {
		return harness.Response{}, "", err
	}
	if len(e.Responses) == 0 {
		return harness.Response{}, "", fmt.Errorf("%s: example %s documents no response", e.Pos(), name)
	}
	for _, r := range e.Responses {
		if r.Status == status {
			return r, p.File, nil
		}
	}
	return e.Responses[0], p.File, nil
}

// actualResponse reads the actual body: strict JSON, from a file or stdin.
func actualResponse(stdin io.Reader, arg string) (harness.Actual, error) {
	var body []byte
	var err error
	name := arg
	if arg == "-" {
		name = "stdin"
		body, err = io.ReadAll(stdin)
	} else {
		body, err = os.ReadFile(arg)
	}
	if err != nil {
		return harness.Actual{}, fmt.Errorf("ACTUAL: %v", err)
	}
	if err := json.Unmarshal(body, new(json.RawMessage)); err != nil {
		line := 1
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line += bytes.Count(body[:min(int(se.Offset), len(body))], []byte{'\n'})
		}
		return harness.Actual{}, fmt.Errorf("%s:%d: ACTUAL is not JSON: %v", name, line, err)
	}
	// A file has no content type: the documented one is not checked (a documented
	// text/plain $count answer conforms to a file holding 893).
	return harness.Actual{Body: string(body)}, nil
}

// writeDifferences prints "file:line: kind at path: expected X got Y" a line each (the
// console's words, without the example's ID), then "file:line: warning: kind at path:
// message" for each warning, then a verdict.
func writeDifferences(w io.Writer, file string, r compare.Result) error {
	at := func(line int) string {
		if file == "" || line <= 0 {
			return ""
		}
		return fmt.Sprintf("%s:%d: ", file, line)
	}
	for _, d := range r.Differences {
		fmt.Fprintf(w, "%s%s\n", at(d.Line), d)
	}
	for _, warn := range r.Warnings {
		fmt.Fprintf(w, "%swarning: %s\n", at(warn.Line), warn)
	}
	var err error
	if r.OK() {
		_, err = fmt.Fprintln(w, "conforms")
	} else {
		_, err = fmt.Fprintf(w, "does not conform: %s\n", harness.Plural(len(r.Differences), "difference"))
	}
	return err
}
