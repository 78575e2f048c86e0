package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/docconform/docconform/fixtures"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"docconform": func() {
			os.Exit(exitCode(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr), os.Stderr))
		},
	})
}

// TestScripts runs the CLI scripts in testdata/script: each is a txtar archive whose
// comment is a script (see testscript) and whose files are its work directory. $FIXTURES
// is the repository's fixtures folder; [corpus] holds when the real-page corpus is there
// ($CORPUS). make golden rewrites the files that
// cmp compares outputs with.
func TestScripts(t *testing.T) {
	corpusDir, haveCorpus := fixtures.CorpusDir()
	if !haveCorpus && fixtures.CorpusRequired() {
		t.Fatalf("real-page corpus not found at %s, and DOCCONFORM_REQUIRE_CORPUS is set", corpusDir)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       fixtures.Updating(),
		RequireExplicitExec: false,
		Setup: func(e *testscript.Env) error {
			e.Setenv("FIXTURES", fixtures.Dir())
			e.Setenv("CORPUS", corpusDir)
			return nil
		},
		Condition: func(cond string) (bool, error) {
			if cond == "corpus" {
				return haveCorpus, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"jsonlines": jsonLines,
		},
	})
}

// jsonLines checks that a file is JSON Lines: every line an object holding the named keys.
// Usage: jsonlines FILE KEY...
func jsonLines(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: jsonlines FILE KEY...")
	}
	sc := bufio.NewScanner(strings.NewReader(ts.ReadFile(args[0])))
	sc.Buffer(nil, 16<<20)
	n := 0
	for sc.Scan() {
		n++
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(sc.Bytes(), &obj); err != nil {
			ts.Fatalf("%s:%d: not a JSON object: %v", args[0], n, err)
		}
		for _, k := range args[1:] {
			if _, ok := obj[k]; !ok {
				ts.Fatalf("%s:%d: no %q in %s", args[0], n, k, sc.Bytes())
			}
		}
	}
	if n == 0 {
		ts.Fatalf("%s: no lines", args[0])
	}
}

// TestExitCodes checks the exit statuses of DESIGN.md through run and exitCode, as main uses them.
func TestExitCodes(t *testing.T) {
	fixtures := filepath.Join("..", "..", "fixtures", "docs")
	tests := []struct {
		name string
		args []string
		code int
		err  string // in stderr
	}{
		{"list fixtures", []string{"list", fixtures}, exitOK, ""},
		{"unknown command", []string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{"unknown flag", []string{"list", "--nope"}, exitUsage, "unknown flag: --nope"},
		{"bad format", []string{"list", "--format", "xml", fixtures}, exitUsage, `--format must be text or json, not "xml"`},
		{"missing path", []string{"list", "no/such/dir"}, exitUsage, "no/such/dir: no such file or directory"},
		{"bad flag value", []string{"list", "--max-page-size", "big"}, exitUsage, "invalid argument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := exitCode(run(context.Background(), tt.args, &stdout, &stderr), &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.err) {
				t.Errorf("stderr %q does not say %q", stderr.String(), tt.err)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	if code := exitCode(run(ctx, []string{"list", fixtures}, &stdout, &stderr), &stderr); code != exitInterrupted {
		t.Errorf("interrupted list: exit %d, want %d", code, exitInterrupted)
	}
}
