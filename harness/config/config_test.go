package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	src := `endpoint: https://graph.microsoft.com
variables:
  user-id: 48d31887
  count: 3
auth:
  clientCredentials:
    tokenURL: http://127.0.0.1:1/token
    clientID: abc
    clientSecretEnv: SECRET
    scopes: [https://graph.microsoft.com/.default]
setup:
  - name: create-group
    method: post
    url: /v1.0/groups
    body: {displayName: dc, mailEnabled: false}
    capture: {group-id: id}
teardown:
  - {method: DELETE, url: "/v1.0/groups/{group-id}"}
examples:
  api/user-get.md#get_user: {skip: "no licence"}
timeout: 5s
retries: 0
compare: exact
`
	c, err := Parse("run.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if c.Variables["count"] != "3" || c.Auth.ClientCredentials.ClientID != "abc" || time.Duration(c.Timeout) != 5*time.Second ||
		c.Retries == nil || *c.Retries != 0 || c.Examples["api/user-get.md#get_user"].Skip != "no licence" {
		t.Errorf("config = %+v", c)
	}
	if s := c.Setup[0]; s.Method != "POST" || string(s.Body) != `{"displayName":"dc","mailEnabled":false}` || s.Line != 12 || s.Capture["group-id"] != "id" {
		t.Errorf("setup = %+v", s)
	}
	if s := c.Teardown[0]; s.Name != "teardown-1" || s.Line != 18 {
		t.Errorf("teardown = %+v", s)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"endpoint: x\nendpont: y\n", `run.yaml:2: unknown key endpont (did you mean endpoint?)`},
		{"concurrncy: 2\n", `run.yaml:1: unknown key concurrncy (did you mean concurrency?)`},
		{"auth:\n  tokenEnvv: X\n", `run.yaml:2: unknown key tokenEnvv in auth (did you mean tokenEnv?)`},
		{"setup:\n  - {method: GET, url: /me, captures: {a: b}}\n", `run.yaml:2: unknown key captures in setup step (did you mean capture?)`},
		{"zzz: 1\n", `run.yaml:1: unknown key zzz (known: allowWrites, apiHosts, apiVersion, auth,`},
		{"timeout: 0s\n", `run.yaml:1: timeout must be more than 0, not 0s`},
		{"ignore: [a, \"b..c\"]\n", `run.yaml:1: ignore: ignore path "b..c" has an empty segment`},
		{"timeout: fast\n", `run.yaml:1: "fast" is not a duration`},
		{"concurrency: many\n", `run.yaml:1: cannot unmarshal !!str ` + "`many`" + ` into int`},
		{"compare: fuzzy\n", `run.yaml:1: compare must be shape or exact, not "fuzzy"`},
		{"\n\nextra: maybe\n", `run.yaml:3: extra must be fail, warn or allow`},
		{"auth:\n  clientCredentials:\n    tokenURL: x\n    clientID: y\n", `run.yaml:2: clientCredentials needs clientSecretEnv`},
		{"setup:\n  - name: a\n  - method: GET\n", `run.yaml:2: a setup step needs method and url`},
		{"examples:\n  a#b: {skp: x}\n", `run.yaml:2: unknown key skp`},
		{"timeout: 5s\ndeadline: -1m\n", `run.yaml:2: "-1m": a duration must not be negative`},
		{"maxBody: -5\n", `run.yaml:1: maxBody must be more than 0, not -5`},
		{"concurrency: 2\n---\nbogus: 1\n", `run.yaml:3: a second YAML document`},
		{"concurrency: 2\nendpoint: ftp://x\n", `run.yaml:2: endpoint "ftp://x" is not an http(s) base URL or "mock"`},
		{"include:\n  - api/*.md\n  - \"v1.0/[p.md\"\n", `run.yaml:3: include pattern "v1.0/[p.md" is malformed`},
		{"variables: [a, b]\n", `run.yaml:1: cannot unmarshal`},
		{"a: [\n", `run.yaml:`},
	} {
		_, err := Parse("run.yaml", []byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v, want an error containing %q", tt.src, err, tt.want)
		}
	}
}

func TestLoadVars(t *testing.T) {
	dir := t.TempDir()
	y := filepath.Join(dir, "vars.yaml")
	os.WriteFile(y, []byte("user-id: abc\ntop: 5\n"), 0o644)
	j := filepath.Join(dir, "vars.json")
	os.WriteFile(j, []byte(`{"user-id": "def", "flag": true}`), 0o644)
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("a:\n  b: c\n"), 0o644)
	if v, err := LoadVars(y); err != nil || v["user-id"] != "abc" || v["top"] != "5" {
		t.Errorf("yaml vars = %v, %v", v, err)
	}
	if v, err := LoadVars(j); err != nil || v["user-id"] != "def" || v["flag"] != "true" {
		t.Errorf("json vars = %v, %v", v, err)
	}
	if _, err := LoadVars(bad); err == nil || !strings.Contains(err.Error(), "bad.yaml:2:") {
		t.Errorf("nested vars: %v", err)
	}
}

// TestMerge: flags override the file, defaults fill the rest, the variables file sits
// between the file's variables and --var, and errors name the flag or the file's line
// that gave the value at fault.
func TestMerge(t *testing.T) {
	dir := t.TempDir()
	vars := filepath.Join(dir, "vars.yaml")
	os.WriteFile(vars, []byte("a: from-vars\nb: from-vars\n"), 0o644)
	c, err := Parse("run.yaml", []byte("timeout: 5s\nconcurrency: 2\nvariables: {a: file, b: file, c: file}\nignore: [x]\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, kv := range [][2]string{{"concurrency", "8"}, {"vars", vars}, {"var", "b=flag"}, {"ignore", "y"}, {"show-skipped", "true"}} {
		known, err := c.SetFlag(kv[0], kv[1])
		if err != nil || known != (kv[0] != "show-skipped") {
			t.Fatalf("SetFlag(%s) = %v, %v", kv[0], known, err)
		}
	}
	m, err := c.Merge()
	if err != nil {
		t.Fatal(err)
	}
	if m.Concurrency != 8 || time.Duration(m.Timeout) != 5*time.Second || m.Endpoint != "mock" || *m.Retries != *Default().Retries ||
		m.Variables["a"] != "from-vars" || m.Variables["b"] != "flag" || m.Variables["c"] != "file" || strings.Join(m.Ignore, ",") != "x,y" {
		t.Errorf("merged %+v", m)
	}

	for _, tt := range []struct {
		file  string
		flags [][2]string
		want  string
	}{
		{"", [][2]string{{"concurrency", "0"}}, "--concurrency must be at least 1"},
		{"concurrency: 0\n", nil, "run.yaml:1: concurrency must be at least 1"},
		{"rate: 2\n", [][2]string{{"rate", "-1"}}, "--rate must not be negative"},
		{"\ntimeout: 1s\n", [][2]string{{"timeout", "0s"}}, "--timeout must be more than 0, not 0s"},
		{"", [][2]string{{"shard", "5/4"}}, `--shard "5/4": write K/N`},
		{"", [][2]string{{"run", "("}}, "--run: error parsing regexp"},
		{"", [][2]string{{"ignore", "a..b"}}, `--ignore: ignore path "a..b" has an empty segment`},
		{"", [][2]string{{"endpoint", "ftp://x"}}, `--endpoint "ftp://x" is not an http(s) base URL`},
		{"", [][2]string{{"var", "novalue"}}, `--var "novalue": write NAME=VALUE`},
		{"", [][2]string{{"report", "json"}}, `--report "json": write FORMAT=FILE`},
		{"", [][2]string{{"vars", filepath.Join(dir, "none.yaml")}}, "--vars: open"},
	} {
		c, err := Parse("run.yaml", []byte(tt.file))
		if err == nil {
			for _, kv := range tt.flags {
				if _, err = c.SetFlag(kv[0], kv[1]); err != nil {
					break
				}
			}
		}
		if err == nil {
			_, err = c.Merge()
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q %v: %v, want an error containing %q", tt.file, tt.flags, err, tt.want)
		}
	}
}

// TestWarnings: an endpoint ending in a version is doubtful, said where it was given.
func TestWarnings(t *testing.T) {
	c, err := Parse("run.yaml", []byte("\nendpoint: https://graph.example.com/v1.0/\n"))
	if err != nil {
		t.Fatal(err)
	}
	if ws := c.Warnings(); len(ws) != 1 || !strings.HasPrefix(ws[0], "run.yaml:2: warning: endpoint ends in /v1.0") {
		t.Errorf("warnings %q", ws)
	}
	c.SetFlag("endpoint", "https://graph.example.com/beta")
	if ws := c.Warnings(); len(ws) != 1 || !strings.HasPrefix(ws[0], "warning: --endpoint ends in /beta") {
		t.Errorf("warnings %q", ws)
	}
	c.SetFlag("endpoint", "https://graph.example.com/")
	if ws := c.Warnings(); len(ws) != 0 {
		t.Errorf("warnings %q", ws)
	}
}

// TestUnknownKeyError: an unknown key is typed, with its place and a suggestion.
func TestUnknownKeyError(t *testing.T) {
	_, err := Parse("run.yaml", []byte("examples:\n  a.md#b: {skp: x}\n"))
	var uk *UnknownKeyError
	if !errors.As(err, &uk) || uk.Line != 2 || uk.Key != "skp" || uk.Suggestion != "skip" || uk.File != "run.yaml" {
		t.Fatalf("%#v", err)
	}
	if strings.Contains(err.Error(), "Config") || strings.Contains(err.Error(), "config.") {
		t.Errorf("a Go type name in %q", err)
	}
}

// TestMergeOnce: merging a merged configuration changes nothing and reads no file again
// (session.Run merges what docconform run has merged).
func TestMergeOnce(t *testing.T) {
	vars := filepath.Join(t.TempDir(), "vars.yaml")
	os.WriteFile(vars, []byte("a: 1\n"), 0o644)
	var c Config
	c.SetFlag("vars", vars)
	m, err := c.Merge()
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(vars)
	again, err := m.Merge()
	if err != nil || again.Variables["a"] != "1" {
		t.Errorf("merged again: %v, %v", again.Variables, err)
	}
}
