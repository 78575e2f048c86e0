package session_test

import (
	"context"
	"fmt"
	"log"

	"github.com/docconform/docconform/harness/config"
	"github.com/docconform/docconform/harness/session"
)

// A run of the bundled docs against the mock built from them, in process: what
// `docconform run fixtures/docs` does.
func Example() {
	cfg := config.Default() // the endpoint is "mock"
	out, err := session.Run(context.Background(), cfg, session.Roots("../../fixtures/docs"))
	if err != nil {
		log.Fatal(err)
	}
	s := out.Run.Summary
	fmt.Printf("%d pages: %d examples: %d passed, %d failed, %d errored, %d skipped\n",
		out.Read.Pages, s.Total, s.Passed, s.Failed, s.Errored, s.Skipped)
	// Output:
	// 20 pages: 19 examples: 19 passed, 0 failed, 0 errored, 0 skipped
}

// The same run, the mock answering with what a drifted service once answered (a
// cassette), its results followed as they are judged.
func Example_cassette() {
	cfg := config.Default()
	cfg.Cassette = "../../fixtures/recorded"
	cfg.Concurrency = 1
	cfg.Retries = new(int) // the recording holds a 429: no retries
	out, err := session.Run(context.Background(), cfg, session.Roots("../../fixtures/docs"))
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range out.Run.Results {
		if r.Status != "passed" {
			fmt.Printf("%s: %s (%d differences)\n", r.ID, r.Status, len(r.Differences))
		}
	}
	// Output:
	// v1.0/api/driveitem-get.md#get_driveitem_by_id: failed (1 differences)
	// v1.0/api/group-list.md#list_groups: errored (0 differences)
	// v1.0/api/user-get.md#get_user_select: failed (1 differences)
	// v1.0/api/user-list.md#list_users: failed (1 differences)
	// v1.0/api/user-post-users.md#create_user_from_users: failed (1 differences)
}
