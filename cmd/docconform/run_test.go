package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/docconform/docconform/fixtures"
	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/reports"
)

// docs writes a small docs tree: reads, a write, a placeholder.
func docs(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	page := func(name, body string) {
		p := filepath.Join(dir, "v1.0", "api", name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fence := "```"
	page("me.md", `<!-- { "blockType": "request", "name": "get_me" } -->
`+fence+`http
GET https://graph.microsoft.com/v1.0/me
`+fence+`
<!-- { "blockType": "response", "truncated": true } -->
`+fence+`http
HTTP/1.1 200 OK
Content-type: application/json

{ "id": "u1", "displayName": "Ada" }
`+fence+`

<!-- { "blockType": "request", "name": "get_user" } -->
`+fence+`http
GET https://graph.microsoft.com/v1.0/users/{user-id}
`+fence+`
<!-- { "blockType": "response", "truncated": true } -->
`+fence+`http
HTTP/1.1 200 OK
Content-type: application/json

{ "id": "u1", "displayName": "Ada" }
`+fence+`
`)
	page("groups.md", `<!-- { "blockType": "request", "name": "create_group" } -->
`+fence+`http
POST https://graph.microsoft.com/v1.0/groups
Content-type: application/json

{ "displayName": "Library" }
`+fence+`
<!-- { "blockType": "response" } -->
`+fence+`http
HTTP/1.1 201 Created
Content-type: application/json

{ "id": "g1", "displayName": "Library" }
`+fence+`

<!-- { "blockType": "request", "name": "list_groups" } -->
`+fence+`http
GET https://graph.microsoft.com/v1.0/groups
`+fence+`
<!-- { "blockType": "response", "isCollection": true, "truncated": true } -->
`+fence+`http
HTTP/1.1 200 OK
Content-type: application/json

{ "value": [ { "id": "g1", "mail": "lib@example.com" } ] }
`+fence+`
`)
	return dir
}

// api is a service on loopback that answers the docs' requests, some of them wrongly,
// and records what it was sent.
type api struct {
	mu   sync.Mutex
	seen []string
	auth []string
}

func (a *api) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	a.seen = append(a.seen, r.Method+" "+r.URL.Path)
	a.auth = append(a.auth, r.Header.Get("Authorization"))
	a.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	switch r.URL.Path {
	case "/v1.0/me", "/v1.0/users/u1":
		fmt.Fprint(w, `{"id": "u1", "displayName": "Ada", "mail": "ada@example.com"}`)
	case "/v1.0/groups":
		if r.Method == "POST" {
			w.WriteHeader(201)
			fmt.Fprint(w, `{"id": "g9", "displayName": "Library"}`)
			return
		}
		// A debugging service echoes what it was sent, the token included.
		w.Header().Set("X-Echo-Authorization", r.Header.Get("Authorization"))
		fmt.Fprintf(w, `{"value": [{"id": "g1", "echo": %q}]}`, r.Header.Get("Authorization"))
	default:
		w.WriteHeader(404)
	}
}

// everything is what a run wrote: its output, and every file under dir (reports, cassettes).
func everything(stdout, stderr, dir string) string {
	all := stdout + stderr
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			all += string(b)
		}
		return nil
	})
	return all
}

func runCLI(ctx context.Context, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = exitCode(run(ctx, args, &out, &errb), &errb)
	return code, out.String(), errb.String()
}

func readReport(t *testing.T, path string) harness.Run {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	run, err := reports.ReadJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	return run
}

func TestRunAgainstService(t *testing.T) {
	// Long, as real tokens are: an echoed value is shortened in reports, and not even its
	// start may show.
	token := "eyJ0eXAi.s3cr3t-bearer.t0ken" + strings.Repeat("Zq9", 60)
	t.Setenv("DOCCONFORM_TOKEN", token+"\n") // as $(az ... -o tsv) leaves it: trimmed
	a := &api{}
	srv := httptest.NewServer(a)
	defer srv.Close()
	dir := docs(t)
	out := t.TempDir()
	report := filepath.Join(out, "report.json")
	code, stdout, stderr := runCLI(context.Background(), "run", dir, "--endpoint", srv.URL, "--var", "user-id=u1",
		"--report", "json="+report, "--record", filepath.Join(out, "cassette"))
	if code != exitFailed {
		t.Fatalf("exit %d, want 1 (list_groups fails)\n%s\n%s", code, stdout, stderr)
	}
	run := readReport(t, report)
	got := map[string]string{}
	for _, r := range run.Results {
		got[strings.TrimPrefix(r.ID, "v1.0/api/")] = string(r.Status) + " " + r.Reason
	}
	want := map[string]string{
		"groups.md#create_group": "skipped POST writes: not sent without --allow-writes",
		"groups.md#list_groups":  "failed ",
		"me.md#get_me":           "passed ",
		"me.md#get_user":         "passed ",
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: %q, want %q", id, got[id], w)
		}
	}
	if !strings.Contains(stdout, "groups.md:") || !strings.Contains(stdout, "missing at value.0.mail") {
		t.Errorf("the console should explain the failure with file:line and path:\n%s", stdout)
	}
	for i, au := range a.auth {
		if au != "Bearer "+token {
			t.Errorf("request %s sent Authorization %q", a.seen[i], au)
		}
	}
	// The token appears in nothing docconform wrote.
	outputs := everything(stdout, stderr, out)
	if strings.Contains(outputs, token) || strings.Contains(outputs, "s3cr3t") {
		t.Errorf("the token leaked into an output")
	}
	if !strings.Contains(outputs, `"exchanges"`) {
		t.Errorf("no cassette was recorded")
	}

	// Dry run: the resolved requests, the token masked, nothing sent.
	a.seen = nil
	code, stdout, _ = runCLI(context.Background(), "run", dir, "--endpoint", srv.URL+"/base", "--dry-run", "--allow-writes")
	if code != 0 || len(a.seen) != 0 {
		t.Errorf("dry run: exit %d, %d requests sent", code, len(a.seen))
	}
	for _, want := range []string{"POST " + srv.URL + "/base/v1.0/groups", "Authorization: Bearer ****", `body: { "displayName": "Library" }`,
		"skipped: placeholder {user-id} has no value: set it with --var user-id=...", "4 examples planned; nothing sent (--dry-run)"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, token) {
		t.Errorf("dry run shows the token")
	}
}

// TestRunClientCredentials: the OAuth client-credentials grant against a real token
// endpoint on loopback, configured in the config file; the secret comes from the environment.
func TestRunClientCredentials(t *testing.T) {
	var issued atomic.Int32
	tokens := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		id, secret, _ := r.BasicAuth()
		if r.Form.Get("grant_type") != "client_credentials" || id != "app-id" || secret != "cl1ent-s3cret" {
			w.WriteHeader(401)
			fmt.Fprint(w, `{"error":"invalid_client"}`)
			return
		}
		n := issued.Add(1)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"access_token":"issued-%d","token_type":"Bearer","expires_in":3600}`, n)
	}))
	defer tokens.Close()
	a := &api{}
	srv := httptest.NewServer(a)
	defer srv.Close()
	cfg := filepath.Join(t.TempDir(), "run.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`endpoint: %s
variables: {user-id: u1}
auth:
  clientCredentials:
    tokenURL: %s/token
    clientID: app-id
    clientSecretEnv: TEST_CLIENT_SECRET
    scopes: [https://graph.microsoft.com/.default]
examples:
  v1.0/api/groups.md#list_groups: {skip: "not in this tenant"}
`, srv.URL, tokens.URL)), 0o644)
	t.Setenv("TEST_CLIENT_SECRET", "cl1ent-s3cret")
	t.Setenv("DOCCONFORM_TOKEN", "")
	code, stdout, stderr := runCLI(context.Background(), "run", docs(t), "--config", cfg)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	if issued.Load() != 1 || len(a.auth) != 2 || a.auth[0] != "Bearer issued-1" || a.auth[1] != "Bearer issued-1" {
		t.Errorf("tokens issued %d, sent %v", issued.Load(), a.auth)
	}
	if strings.Contains(stdout+stderr, "cl1ent-s3cret") || strings.Contains(stdout+stderr, "issued-1") {
		t.Errorf("a secret leaked:\n%s%s", stdout, stderr)
	}

	t.Setenv("TEST_CLIENT_SECRET", "")
	if code, _, stderr := runCLI(context.Background(), "run", docs(t), "--config", cfg); code != exitUsage || !strings.Contains(stderr, "TEST_CLIENT_SECRET") {
		t.Errorf("missing secret: exit %d, %s", code, stderr)
	}
}

// TestRunInterrupted: an interrupt writes a valid partial report, marked incomplete, and
// exits 130.
func TestRunInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		once.Do(cancel) // the first request interrupts the run
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id": "u1", "displayName": "Ada", "value": []}`)
	}))
	defer srv.Close()
	report := filepath.Join(t.TempDir(), "partial.json")
	code, _, stderr := runCLI(ctx, "run", docs(t), "--endpoint", srv.URL, "--concurrency", "1", "--var", "user-id=u1", "--report", "json="+report)
	if code != exitInterrupted {
		t.Fatalf("exit %d, want 130; %s", code, stderr)
	}
	validateReport(t, report)
	run := readReport(t, report)
	if run.Complete || run.Summary.Total >= 4 || run.Summary.Total < 1 {
		t.Errorf("partial report: complete %v, %d results", run.Complete, run.Summary.Total)
	}
}

// TestRunDeadline: on the wall clock (the one real-time deadline test), a run still going
// when --deadline passes stops, and says so. Every answer comes after the deadline, so
// the run cannot end before it.
func TestRunDeadline(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(100 * time.Millisecond)
		fmt.Fprint(w, `{}`)
	}))
	defer srv.Close()
	code, _, stderr := runCLI(context.Background(), "run", docs(t), "--endpoint", srv.URL, "--deadline", "50ms", "--var", "user-id=u1")
	if code != exitFailed || !strings.Contains(stderr, "deadline (50ms) passed") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

func TestRunUsage(t *testing.T) {
	dir := docs(t)
	for _, tt := range []struct {
		args []string
		err  string
	}{
		{[]string{"--endpoint", "ftp://x"}, `--endpoint "ftp://x" is not an http(s) base URL or "mock"`},
		{[]string{"--shard", "5/4"}, `--shard "5/4": write K/N`},
		{[]string{"--var", "novalue"}, `--var "novalue": write NAME=VALUE`},
		{[]string{"--report", "xml=out.xml"}, "--report xml=out.xml"},
		{[]string{"--run", "("}, "--run: error parsing regexp"},
		{[]string{"--config", "missing.yaml"}, "missing.yaml"},
		{[]string{"--compare", "loose"}, "--compare must be shape or exact"},
		{[]string{"--endpoint", "http://127.0.0.1:1", "--cassette", "x"}, "--cassette replays recorded answers through the mock"},
		{[]string{"--timeout", "0"}, "--timeout must be more than 0"},
		{[]string{"--report", "json=" + dir}, "is a folder; name a file in it"},
		{[]string{"--record", filepath.Join(dir, "v1.0", "api", "me.md")}, "it is a file; a cassette is a folder"},
		{[]string{"--run", "no-such-example"}, `--run "no-such-example" matches no example ID (IDs look like v1.0/api/`},
		{[]string{"--max-body", "-1"}, "--max-body must be more than 0"},
		{[]string{"--rate", "-5"}, "--rate must not be negative"},
		{[]string{"--retries", "-3"}, "--retries must not be negative"},
		{[]string{"--deadline", "-1s"}, "--deadline must not be negative"},
		{[]string{"--endpoint", "http://127.0.0.1:1", "--token-env", "DOCCONFORM_TEST_UNSET_TOKEN"}, "the environment variable DOCCONFORM_TEST_UNSET_TOKEN holds no token"},
	} {
		code, _, stderr := runCLI(context.Background(), append([]string{"run", dir}, tt.args...)...)
		if code != exitUsage || !strings.Contains(stderr, tt.err) {
			t.Errorf("run %v: exit %d, stderr %q, want 2 and %q", tt.args, code, stderr, tt.err)
		}
	}
}

// TestRunMockDefault: with no endpoint the docs are served in process and every example
// replays, writes included.
func TestRunMockDefault(t *testing.T) {
	report := filepath.Join(t.TempDir(), "r.json")
	code, stdout, stderr := runCLI(context.Background(), "run", docs(t), "--report", "json="+report)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	run := readReport(t, report)
	if run.Summary.Passed != 4 || run.Endpoint != "mock" || !run.Complete {
		t.Errorf("summary %+v endpoint %q", run.Summary, run.Endpoint)
	}
	var raw map[string]any
	b, _ := os.ReadFile(report)
	json.Unmarshal(b, &raw)
	if raw["schemaVersion"] != float64(1) {
		t.Errorf("schemaVersion %v", raw["schemaVersion"])
	}
}

// TestRecordReplay: a cassette recorded from a service replays offline through the mock
// and reproduces the recorded run's verdicts, difference for difference.
func TestRecordReplay(t *testing.T) {
	a := &api{}
	srv := httptest.NewServer(a)
	defer srv.Close()
	dir := docs(t)
	out := t.TempDir()
	live, replayed := filepath.Join(out, "live.json"), filepath.Join(out, "replayed.json")
	cas := filepath.Join(out, "cassette")
	runCLI(context.Background(), "run", dir, "--endpoint", srv.URL, "--allow-writes", "--var", "user-id=u1", "--record", cas, "--report", "json="+live)
	code, stdout, stderr := runCLI(context.Background(), "run", dir, "--cassette", cas, "--var", "user-id=u1", "--report", "json="+replayed)
	if code != exitFailed {
		t.Fatalf("replay: exit %d\n%s%s", code, stdout, stderr)
	}
	verdicts := func(run harness.Run) map[string]string {
		m := map[string]string{}
		for _, r := range run.Results {
			v := string(r.Status)
			for _, d := range r.Differences {
				v += " " + string(d.Kind) + ":" + d.Path
			}
			m[r.ID] = v
		}
		return m
	}
	l, r := verdicts(readReport(t, live)), verdicts(readReport(t, replayed))
	if len(l) != 4 || fmt.Sprint(l) != fmt.Sprint(r) {
		t.Errorf("live verdicts %v\nreplayed %v", l, r)
	}
}

// TestReportSchema: the JSON report a real run writes is valid against the shipped schema.
func TestReportSchema(t *testing.T) {
	report := filepath.Join(t.TempDir(), "r.json")
	runCLI(context.Background(), "run", "../../fixtures/docs", "--cassette", "../../fixtures/recorded", "--retries", "0", "--report", "json="+report)
	validateReport(t, report)
	run := readReport(t, report)
	if run.Summary != (harness.Summary{Total: 19, Passed: 14, Failed: 4, Errored: 1}) {
		t.Errorf("fixtures summary %+v", run.Summary)
	}
}

// validateReport checks a report file against the shipped JSON Schema.
func validateReport(t *testing.T, report string) {
	t.Helper()
	compiler := jsonschema.NewCompiler()
	schema, err := jsonschema.UnmarshalJSON(bytes.NewReader(reports.JSONSchema()))
	if err != nil {
		t.Fatal(err)
	}
	if err := compiler.AddResource("report-v1.json", schema); err != nil {
		t.Fatal(err)
	}
	sch, err := compiler.Compile("report-v1.json")
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(report)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Errorf("%s does not match the schema: %v", report, err)
	}
}

// TestRunCorpusMock: every example of the real v1.0 API pages replayed against the mock
// built from them passes. The two whose documented body is not JSON even read leniently
// (a broken quote: workforceintegration-post.md:200 and workforceintegration-update.md:205)
// pass with a warning that says so: the mock serves them as the text they are.
func TestRunCorpusMock(t *testing.T) {
	api := fixtures.CorpusAPI(t)
	report := filepath.Join(t.TempDir(), "corpus.json")
	code, _, stderr := runCLI(context.Background(), "run", api, "--report", "json="+report)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	run := readReport(t, report)
	if run.Summary != (harness.Summary{Total: 2414, Passed: 2414}) {
		t.Errorf("summary %+v", run.Summary)
	}
	var notJSON []string
	for _, r := range run.Results {
		for _, w := range r.Warnings {
			if w.Kind == harness.WarnBodyNotJSON {
				notJSON = append(notJSON, fmt.Sprintf("%s:%d", r.ID, r.Line))
			}
		}
	}
	want := "workforceintegration-post.md#example-2:185 workforceintegration-update.md#example-2:190"
	if strings.Join(notJSON, " ") != want {
		t.Errorf("warned of bodies that are not JSON: %v, want %s", notJSON, want)
	}
}

// TestRunSetup: a setup request from the config file captures a value into a variable
// that later examples use; teardown runs at the end.
func TestRunSetup(t *testing.T) {
	a := &api{}
	srv := httptest.NewServer(a)
	defer srv.Close()
	cfg := filepath.Join(t.TempDir(), "run.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`endpoint: %s
setup:
  - name: who-am-i
    method: GET
    url: /v1.0/me
    capture: {user-id: id}
teardown:
  - {name: cleanup, method: DELETE, url: "/v1.0/groups/g9"}
include: ["**/me.md"]
`, srv.URL)), 0o644)
	code, stdout, stderr := runCLI(context.Background(), "run", docs(t), "--config", cfg)
	want := "GET /v1.0/me,GET /v1.0/me,GET /v1.0/users/u1,DELETE /v1.0/groups/g9"
	if strings.Join(a.seen, ",") != want {
		t.Errorf("requests %v, want %s", a.seen, want)
	}
	// The teardown answered 404: a failed step is an errored result, so the run exits 1.
	if code != exitFailed || !strings.Contains(stdout, "teardown#cleanup: errored: teardown step answered 404") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestRunEndpointPassword: a user and password in --endpoint are sent as basic auth to the
// endpoint, and written nowhere.
func TestRunEndpointPassword(t *testing.T) {
	a := &api{}
	srv := httptest.NewServer(a)
	defer srv.Close()
	out := t.TempDir()
	endpoint := strings.Replace(srv.URL, "http://", "http://bob:pa55w0rd@", 1)
	code, stdout, stderr := runCLI(context.Background(), "run", docs(t), "--endpoint", endpoint, "--var", "user-id=u1",
		"--report", "json="+filepath.Join(out, "r.json"), "--record", filepath.Join(out, "cassette"))
	if code != exitFailed {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	for i, au := range a.auth {
		if au != "Basic Ym9iOnBhNTV3MHJk" {
			t.Errorf("request %s sent Authorization %q", a.seen[i], au)
		}
	}
	written := everything(stdout, stderr, out)
	if strings.Contains(written, "pa55w0rd") || !strings.Contains(written, "bob:xxxxx@") {
		t.Errorf("the password was written, or the redacted endpoint was not:\n%s", written)
	}
}

// TestRunOverrideTypo: a configuration entry for an example that does not exist is a
// warning naming the file and line, not silently nothing.
func TestRunOverrideTypo(t *testing.T) {
	dir := docs(t)
	cfg := filepath.Join(t.TempDir(), "run.yaml")
	if err := os.WriteFile(cfg, []byte("examples:\n  v1.0/api/me.md#get_me: {skip: licence}\n  v1.0/api/mee.md#get_me: {skip: typo}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(context.Background(), "run", dir, "--config", cfg)
	if code != 0 || !strings.Contains(stderr, cfg+":3: warning: examples: v1.0/api/mee.md#get_me is not an example") ||
		strings.Count(stderr, "is not an example") != 1 {
		t.Errorf("exit %d\n%s\n%s", code, stdout, stderr)
	}
}

// TestRunOfflineConfig: a configuration written for a tenant (its token variable unset
// here) still runs against the mock and in a dry run, which send no credentials.
func TestRunOfflineConfig(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "tenant.yaml")
	if err := os.WriteFile(cfg, []byte("auth: {tokenEnv: DOCCONFORM_TEST_UNSET_TOKEN}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"--endpoint", "mock"}, {"--endpoint", "https://graph.example.com", "--dry-run"}} {
		if code, stdout, stderr := runCLI(context.Background(), append([]string{"run", docs(t), "--config", cfg}, args...)...); code != 0 {
			t.Errorf("%v: exit %d\n%s\n%s", args, code, stdout, stderr)
		}
	}
	if code, _, stderr := runCLI(context.Background(), "run", docs(t), "--config", cfg, "--endpoint", "http://127.0.0.1:1"); code != exitUsage ||
		!strings.Contains(stderr, "DOCCONFORM_TEST_UNSET_TOKEN holds no token") {
		t.Errorf("against a service: exit %d, %s", code, stderr)
	}
}
