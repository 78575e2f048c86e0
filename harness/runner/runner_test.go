package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/cassette"
	"github.com/docconform/docconform/harness/compare"
	"github.com/docconform/docconform/harness/extract"
	"github.com/docconform/docconform/harness/internal/fakeclock"
	"github.com/docconform/docconform/harness/replay"
)

const groupsPage = `# Groups

<!-- { "blockType": "request", "name": "create_group" } -->
` + "```http" + `
POST https://graph.microsoft.com/v1.0/groups
Content-type: application/json

{ "displayName": "Library", }
` + "```" + `
<!-- { "blockType": "response", "@odata.type": "microsoft.graph.group" } -->
` + "```http" + `
HTTP/1.1 201 Created
Content-type: application/json

{ "id": "g1", "displayName": "Library" }
` + "```" + `

<!-- { "blockType": "request", "name": "get_group" } -->
` + "```http" + `
GET https://graph.microsoft.com/v1.0/groups/{group-id}
` + "```" + `
<!-- { "blockType": "response", "truncated": true } -->
` + "```http" + `
HTTP/1.1 200 OK
Content-type: application/json

{ "id": "g1", "displayName": "Library", "createdDateTime": "2021-01-01T00:00:00Z" }
` + "```" + `

<!-- { "blockType": "request", "name": "list_groups" } -->
` + "```http" + `
GET https://graph.microsoft.com/v1.0/groups
` + "```" + `
<!-- { "blockType": "response", "isCollection": true } -->
` + "```http" + `
HTTP/1.1 200 OK
Content-type: application/json

{ "value": [ { "id": "g1", "mail": "lib@example.com" } ] }
` + "```" + `

<!-- { "blockType": "request", "name": "delete_group" } -->
` + "```http" + `
DELETE https://graph.microsoft.com/v1.0/groups/{group-id}
` + "```" + `
<!-- { "blockType": "response" } -->
` + "```http" + `
HTTP/1.1 204 No Content
` + "```" + `
`

const usersPage = `<!-- { "blockType": "request", "name": "get_me" } -->
` + "```http" + `
GET https://graph.microsoft.com/v1.0/me
` + "```" + `
<!-- { "blockType": "response" } -->
` + "```http" + `
HTTP/1.1 200 OK
Content-type: application/json

{ "id": "u1", "displayName": "Ada" }
` + "```" + `
`

func pages(t *testing.T) []harness.Page {
	return []harness.Page{
		extract.Page("docs/v1.0/api/group.md", []byte(groupsPage), extract.Rel("v1.0/api/group.md")),
		extract.Page("docs/v1.0/api/user.md", []byte(usersPage), extract.Rel("v1.0/api/user.md")),
	}
}

// service is a misbehaving loopback service: it drifts from the docs on purpose.
type service struct {
	mu  sync.Mutex
	log []string
}

func (s *service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.log = append(s.log, r.Method+" "+r.URL.RequestURI())
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	switch r.Method + " " + r.URL.Path {
	case "POST /v1.0/groups":
		w.WriteHeader(201)
		fmt.Fprint(w, `{"id": "g42", "displayName": "docconform"}`)
	case "GET /v1.0/groups/g42":
		fmt.Fprint(w, `{"id": "g42", "displayName": "Library", "createdDateTime": "yesterday", "extra": 1}`)
	case "GET /v1.0/groups":
		fmt.Fprint(w, `{"value": [{"id": "g1", "mail": "a@b"}, {"id": "g2"}]}`)
	case "DELETE /v1.0/groups/g42":
		w.WriteHeader(204)
	case "GET /v1.0/me":
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(200)
		fmt.Fprint(w, "<html>sign in</html>")
	default:
		w.WriteHeader(404)
		fmt.Fprint(w, `{"error": {"code": "ResourceNotFound"}}`)
	}
}

func options(srv *httptest.Server, writes bool) Options {
	base, _ := url.Parse(srv.URL)
	return Options{
		Endpoint: srv.URL,
		Target:   replay.Target{Base: base, Version: "v1.0", AllowWrites: writes},
		Client:   replay.NewClient(base, replay.WithBackoff(10*time.Millisecond)),
		Vars:     map[string]string{"group-id": "g42"},
	}
}

func verdicts(run harness.Run) map[string]string {
	out := map[string]string{}
	for _, r := range run.Results {
		v := string(r.Status)
		for _, d := range r.Differences {
			v += " " + string(d.Kind) + ":" + d.Path
		}
		if r.Reason != "" {
			v += " (" + r.Reason + ")"
		}
		out[r.ID] = v
	}
	return out
}

func statuses(run harness.Run) map[string]string {
	out := map[string]string{}
	for _, r := range run.Results {
		out[r.ID] = string(r.Status)
	}
	return out
}

func TestRun(t *testing.T) {
	svc := &service{}
	srv := httptest.NewServer(svc)
	defer srv.Close()
	var streamed []string
	var mu sync.Mutex
	o := options(srv, false)
	o.OnResult = func(r harness.Result) { mu.Lock(); streamed = append(streamed, r.ID); mu.Unlock() }
	run := Run(context.Background(), pages(t), o)
	want := map[string]string{
		"v1.0/api/group.md#create_group": "skipped (POST writes: not sent without --allow-writes)",
		"v1.0/api/group.md#get_group":    "failed format:createdDateTime",
		"v1.0/api/group.md#list_groups":  "failed missing:value.1.mail",
		"v1.0/api/group.md#delete_group": "skipped (DELETE writes: not sent without --allow-writes)",
		"v1.0/api/user.md#get_me":        "failed content-type: body:",
	}
	if diff := cmp.Diff(want, verdicts(run)); diff != "" {
		t.Errorf("verdicts (-want +got):\n%s", diff)
	}
	if !run.Complete || run.Summary != (harness.Summary{Total: 5, Failed: 3, Skipped: 2}) || len(streamed) != 5 {
		t.Errorf("complete %v summary %+v streamed %d", run.Complete, run.Summary, len(streamed))
	}
	// Report order is page order, then document order, whatever the concurrency.
	var ids []string
	for _, r := range run.Results {
		ids = append(ids, r.ID)
	}
	wantIDs := []string{"v1.0/api/group.md#create_group", "v1.0/api/group.md#get_group", "v1.0/api/group.md#list_groups",
		"v1.0/api/group.md#delete_group", "v1.0/api/user.md#get_me"}
	if diff := cmp.Diff(wantIDs, ids); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	if r := run.Results[1]; r.Expected == nil || r.Expected.Status != 200 || r.Actual.Status != 200 || r.URL != srv.URL+"/v1.0/groups/g42" || r.Attempts != 1 {
		t.Errorf("result fields %+v", r)
	}
}

// TestSetupChain: a setup request creates a group and captures its id; a page's create →
// get → delete run in document order; teardown always runs.
func TestSetupChain(t *testing.T) {
	svc := &service{}
	srv := httptest.NewServer(svc)
	defer srv.Close()
	o := options(srv, true)
	o.Vars = nil
	o.Setup = []Step{{Name: "create", Method: "POST", URL: "/v1.0/groups", Body: `{"displayName":"docconform"}`, Capture: map[string]string{"group-id": "id"}}}
	o.Teardown = []Step{{Name: "cleanup", Method: "DELETE", URL: "/v1.0/groups/{group-id}"}, {Name: "broken", Method: "GET", URL: "/v1.0/nothing"}}
	o.Concurrency = 1
	run := Run(context.Background(), pages(t)[:1], o)
	got := verdicts(run)
	if got["v1.0/api/group.md#get_group"] != "failed format:createdDateTime" || got["v1.0/api/group.md#delete_group"] != "passed" {
		t.Errorf("verdicts %v", got)
	}
	if got["teardown#broken"] != "errored (teardown step answered 404)" || len(run.Results) != 5 {
		t.Errorf("only failing steps are results: %v", got)
	}
	wantLog := []string{"POST /v1.0/groups", "POST /v1.0/groups", "GET /v1.0/groups/g42", "GET /v1.0/groups", "DELETE /v1.0/groups/g42", "DELETE /v1.0/groups/g42", "GET /v1.0/nothing"}
	if diff := cmp.Diff(wantLog, svc.log); diff != "" {
		t.Errorf("requests in order (-want +got):\n%s", diff)
	}
}

func TestOverridesAndFilters(t *testing.T) {
	srv := httptest.NewServer(&service{})
	defer srv.Close()
	o := options(srv, false)
	o.Overrides = map[string]Override{
		"v1.0/api/group.md#get_group":   {Ignore: []string{"createdDateTime"}},
		"v1.0/api/group.md#list_groups": {Skip: "flaky in staging"},
	}
	o.Run = regexp.MustCompile(`#(get_group|list_groups|get_me)$`)
	o.Exclude = []string{"**/user.md"}
	run := Run(context.Background(), pages(t), o)
	want := map[string]string{
		"v1.0/api/group.md#get_group":   "passed",
		"v1.0/api/group.md#list_groups": "skipped (skipped by the configuration: flaky in staging)",
	}
	if diff := cmp.Diff(want, verdicts(run)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// An accepted status that no documented response has passes, with a warning.
	svc404 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(403) }))
	defer svc404.Close()
	o = options(svc404, false)
	o.Overrides = map[string]Override{"v1.0/api/user.md#get_me": {Statuses: []int{403}}}
	run = Run(context.Background(), pages(t)[1:], o)
	if r := run.Results[0]; r.Status != harness.Passed || len(r.Warnings) != 1 || r.Warnings[0].Kind != harness.WarnStatusAccepted {
		t.Errorf("accepted status: %+v", r)
	}
}

// TestShards: --shard K/N partitions pages exactly, and a page always lands in one shard.
func TestShards(t *testing.T) {
	var all []string
	for i := range 200 {
		all = append(all, fmt.Sprintf("api/page-%d.md", i))
	}
	for _, n := range []int{1, 2, 3, 7} {
		seen := map[string]int{}
		sizes := make([]int, n)
		for k := 1; k <= n; k++ {
			o := Options{ShardK: k, ShardN: n}
			for _, p := range all {
				if o.Selected(p) {
					seen[p]++
					sizes[k-1]++
				}
			}
		}
		for _, p := range all {
			if seen[p] != 1 {
				t.Errorf("N=%d: %s in %d shards", n, p, seen[p])
			}
		}
		for k, s := range sizes {
			if n > 1 && s == 0 {
				t.Errorf("N=%d: shard %d is empty", n, k+1)
			}
		}
	}
}

func TestGlob(t *testing.T) {
	for _, tt := range []struct {
		pattern, name string
		want          bool
	}{
		{"api/user-*.md", "api/user-get.md", true},
		{"api/user-*.md", "api/group-get.md", false},
		{"**/user.md", "v1.0/api/user.md", true},
		{"**/user.md", "user.md", true},
		{"v1.0/**", "v1.0/api/x/y.md", true},
		{"api/*.md", "api/sub/x.md", false},
	} {
		if got := Glob(tt.pattern, tt.name); got != tt.want {
			t.Errorf("Glob(%q, %q) = %v", tt.pattern, tt.name, got)
		}
	}
}

// TestInterrupt: an interrupt mid-run stops new requests, lets the one in flight finish
// within the grace period, and returns an incomplete run holding what was judged. (On
// the wall clock; TestGrace has the grace period end.)
func TestInterrupt(t *testing.T) {
	arrived, interrupted := make(chan struct{}), make(chan struct{})
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() {
			close(arrived)
			<-interrupted // in flight when the interrupt comes
		})
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"value": [{"id": "g1", "mail": "x"}], "id": "g1", "displayName": "x", "createdDateTime": "2021-01-01T00:00:00Z"}`)
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-arrived; cancel(); close(interrupted) }()
	o := options(srv, false)
	o.Concurrency = 1
	o.Grace = 5 * time.Second
	run := Run(ctx, pages(t), o)
	if run.Complete {
		t.Fatalf("an interrupted run is incomplete")
	}
	// create_group is skipped (no request), get_group was in flight and finished.
	got := verdicts(run)
	if len(run.Results) != 2 || got["v1.0/api/group.md#get_group"] == "" || run.Summary.Total != 2 {
		t.Errorf("results after the interrupt: %v", got)
	}
}

// epoch is where the fake clocks start.
var epoch = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)

// blocking is a service whose answers wait for release, or for the request to be given
// up; arrived receives each request's path as it comes.
func blocking(release <-chan struct{}) (*httptest.Server, <-chan string) {
	arrived := make(chan string, 8)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- r.URL.Path
		select {
		case <-release:
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"id": "g1", "displayName": "x", "createdDateTime": "2021-01-01T00:00:00Z"}`)
		case <-r.Context().Done():
		}
	}))
	return srv, arrived
}

// waitOn returns once n waits are pending on clock, and fails the test if the run ends
// first (it did not wait on its clock).
func waitOn(t *testing.T, clock *fakeclock.Clock, n int, done <-chan harness.Run) {
	t.Helper()
	select {
	case <-clock.Waiting(n):
	case run := <-done:
		t.Fatalf("the run ended without waiting on its clock: %v", verdicts(run))
	case <-time.After(10 * time.Second): // a bound that keeps a broken runner from hanging the test
		t.Fatal("the run neither waits on its clock nor ends")
	}
}

// TestGrace: after an interrupt, the request in flight has Grace on the run's clock (2s
// unless set) to finish: an answer within it is judged; once it is over, the request is
// given up and not judged (the run is incomplete, not failed).
func TestGrace(t *testing.T) {
	for _, tt := range []struct {
		name   string
		grace  time.Duration
		wait   time.Duration
		answer bool // within the grace period; else the grace period ends
	}{
		{"answered within", 5 * time.Second, 5 * time.Second, true},
		{"over", 5 * time.Second, 5 * time.Second, false},
		{"over, by default", 0, 2 * time.Second, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			release := make(chan struct{})
			srv, arrived := blocking(release)
			defer srv.Close()
			ctx, cancel := context.WithCancel(context.Background())
			clock := fakeclock.New(epoch)
			o := options(srv, false)
			o.Concurrency, o.Grace, o.Clock = 1, tt.grace, clock
			done := make(chan harness.Run, 1)
			go func() { done <- Run(ctx, pages(t), o) }()
			if p := <-arrived; p != "/v1.0/groups/g42" {
				t.Fatalf("first request %s", p)
			}
			cancel()
			waitOn(t, clock, 1, done)
			if diff := cmp.Diff([]time.Duration{tt.wait}, clock.Waits()); diff != "" {
				t.Errorf("waits after the interrupt (-want +got):\n%s", diff)
			}
			if tt.answer {
				close(release)
			} else {
				clock.Advance(tt.wait)
			}
			run := <-done
			// create_group is skipped (a write): no request.
			want := map[string]string{"v1.0/api/group.md#create_group": string(harness.Skipped)}
			end := epoch.Add(tt.wait)
			if tt.answer {
				want["v1.0/api/group.md#get_group"] = string(harness.Passed)
				end = epoch
			}
			if diff := cmp.Diff(want, statuses(run)); diff != "" || run.Complete {
				t.Errorf("complete %v, results (-want +got):\n%s", run.Complete, diff)
			}
			if !run.StartedAt.Equal(epoch) || !run.FinishedAt.Equal(end) {
				t.Errorf("from %v to %v, want from %v to %v", run.StartedAt, run.FinishedAt, epoch, end)
			}
		})
	}
}

// TestTeardownTime: the teardown steps are bounded by 30s on the run's clock; a step cut
// by the bound says so.
func TestTeardownTime(t *testing.T) {
	srv, arrived := blocking(nil)
	defer srv.Close()
	clock := fakeclock.New(epoch)
	o := options(srv, true)
	o.Clock = clock
	o.Teardown = []Step{{Name: "cleanup", Method: "DELETE", URL: "/v1.0/groups/g42"}}
	done := make(chan harness.Run, 1)
	go func() { done <- Run(context.Background(), nil, o) }()
	<-arrived
	waitOn(t, clock, 1, done)
	if diff := cmp.Diff([]time.Duration{teardownTime}, clock.Waits()); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
	clock.Advance(teardownTime)
	run := <-done
	want := map[string]string{"teardown#cleanup": string(harness.Errored) + " (the teardown steps did not finish within 30s)"}
	if diff := cmp.Diff(want, verdicts(run)); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	if !run.StartedAt.Equal(epoch) || !run.FinishedAt.Equal(epoch.Add(teardownTime)) {
		t.Errorf("from %v to %v, want 30s from %v", run.StartedAt, run.FinishedAt, epoch)
	}
}

// TestInterruptTeardown: after an interrupt, teardown still runs against a service (it
// cleans up what setup made), but not against the mock, which keeps nothing.
func TestInterruptTeardown(t *testing.T) {
	for _, mock := range []bool{false, true} {
		svc := &service{}
		srv := httptest.NewServer(svc)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		o := options(srv, true)
		o.Target.Mock = mock
		o.Teardown = []Step{{Name: "cleanup", Method: "DELETE", URL: "/v1.0/groups/g42"}}
		Run(ctx, pages(t), o)
		srv.Close()
		sent := slices.Contains(svc.log, "DELETE /v1.0/groups/g42")
		if sent == mock {
			t.Errorf("mock %v: teardown sent %v", mock, sent)
		}
	}
}

func TestRecord(t *testing.T) {
	srv := httptest.NewServer(&service{})
	defer srv.Close()
	dir := t.TempDir()
	o := options(srv, false)
	o.Record = dir
	run := Run(context.Background(), pages(t), o)
	if run.Summary.Total != 5 {
		t.Fatalf("%+v", run.Summary)
	}
	c, err := cassette.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(c) != 3 || c["v1.0/api/group.md#list_groups"].Status != 200 {
		t.Errorf("cassette holds %d exchanges: %v", len(c), c)
	}
	raw, _ := os.ReadFile(filepath.Join(dir, "v1.0", "api", "group.md.json"))
	var p cassette.Page
	if err := json.Unmarshal(raw, &p); err != nil || p.Endpoint != srv.URL || p.Page != "v1.0/api/group.md" || p.RecordedAt.IsZero() {
		t.Errorf("cassette page %+v (%v)", p, err)
	}
	if strings.Contains(string(raw), "Authorization") {
		t.Errorf("secrets in the cassette")
	}
}

// TestRunSeqStreams: a page is replayed as soon as it comes, before the pages after it
// are read, and the report still keeps page order.
func TestRunSeqStreams(t *testing.T) {
	svc := &service{}
	srv := httptest.NewServer(svc)
	defer srv.Close()
	ps := pages(t)
	seen := func(req string) bool {
		svc.mu.Lock()
		defer svc.mu.Unlock()
		return slices.Contains(svc.log, req)
	}
	seq := func(yield func(harness.Page) bool) {
		if !yield(ps[1]) {
			return
		}
		// The next page is read only once the first page's request has been answered (a
		// runner that waited for every page would never send it: the bound only keeps such
		// a runner from hanging the test).
		for limit := time.Now().Add(10 * time.Second); !seen("GET /v1.0/me"); time.Sleep(time.Millisecond) {
			if time.Now().After(limit) {
				t.Error("the first page was not replayed before the next one was read")
				break
			}
		}
		yield(ps[0])
	}
	run := RunSeq(context.Background(), seq, options(srv, false))
	var ids []string
	for _, r := range run.Results {
		ids = append(ids, r.ID)
	}
	want := []string{"v1.0/api/user.md#get_me", "v1.0/api/group.md#create_group", "v1.0/api/group.md#get_group",
		"v1.0/api/group.md#list_groups", "v1.0/api/group.md#delete_group"}
	if diff := cmp.Diff(want, ids); diff != "" || !run.Complete {
		t.Errorf("complete %v, order (-want +got):\n%s", run.Complete, diff)
	}
}

// TestCaptureEmpty: a setup capture of null or "" is an error, not an empty variable (which
// would turn DELETE /groups/{group-id} into DELETE /groups/).
func TestCaptureEmpty(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Method+" "+r.URL.Path)
		mu.Unlock()
		fmt.Fprint(w, `{"id": null, "name": ""}`)
	}))
	defer srv.Close()
	o := options(srv, true)
	o.Vars = nil
	o.Setup = []Step{{Name: "create", Method: "POST", URL: "/v1.0/groups", Capture: map[string]string{"group-id": "id"}},
		{Name: "named", Method: "POST", URL: "/v1.0/groups", Capture: map[string]string{"group-name": "name"}}}
	o.Teardown = []Step{{Name: "cleanup", Method: "DELETE", URL: "/v1.0/groups/{group-id}"}}
	run := Run(context.Background(), nil, o)
	reasons := map[string]string{}
	for _, r := range run.Results {
		reasons[r.ID] = r.Reason
	}
	if reasons["setup#create"] != "capture group-id: an empty value (null) at id in the answer" ||
		reasons["setup#named"] != `capture group-name: an empty value ("") at name in the answer` ||
		!strings.HasPrefix(reasons["teardown#cleanup"], "teardown step not sent: placeholder {group-id} has no value") {
		t.Errorf("results %q", reasons)
	}
	for _, s := range seen {
		if s == "DELETE /v1.0/groups/" {
			t.Errorf("sent %s", s)
		}
	}
}

// TestEchoedTokenShortened: a long token echoed back as an undocumented property shows in
// the result as [REDACTED], not shortened to its first bytes.
func TestEchoedTokenShortened(t *testing.T) {
	token := "opaque-" + strings.Repeat("Zq9", 80)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"id": "u1", "displayName": "Ada", "seen": %q}`, r.Header.Get("Authorization"))
	}))
	defer srv.Close()
	o := options(srv, false)
	base, _ := url.Parse(srv.URL)
	o.Client = replay.NewClient(base, replay.WithToken(func(context.Context) (string, error) { return token, nil }))
	run := Run(context.Background(), pages(t)[1:], o)
	b, err := json.Marshal(run)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), token[:12]) || !strings.Contains(string(b), "Bearer [REDACTED]") {
		t.Errorf("the result shows the token, or not as redacted:\n%s", b)
	}
}

// TestEchoedTokenInWarning: a token echoed back as the name of an undocumented property,
// which the comparison warns of, is redacted in the warning's path and message too.
func TestEchoedTokenInWarning(t *testing.T) {
	token := "opaque-" + strings.Repeat("Zq9", 10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"id": "u1", "displayName": "Ada", %q: 1}`, r.Header.Get("Authorization"))
	}))
	defer srv.Close()
	o := options(srv, false)
	base, _ := url.Parse(srv.URL)
	o.Client = replay.NewClient(base, replay.WithToken(func(context.Context) (string, error) { return token, nil }))
	o.Compare = []compare.Option{compare.Extra(compare.ExtraWarn)}
	run := Run(context.Background(), pages(t)[1:], o)
	r := run.Results[0]
	if r.Status != harness.Passed || len(r.Warnings) != 1 || r.Warnings[0].Kind != harness.WarnUnexpected {
		t.Fatalf("result %+v", r)
	}
	if w := r.Warnings[0]; strings.Contains(w.Path+w.Message, token) || !strings.Contains(w.Path, "[REDACTED]") {
		t.Errorf("the warning shows the token, or not as redacted: %+v", w)
	}
}
