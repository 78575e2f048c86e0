package docurl

import (
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	tests := []struct {
		raw, why string
		want     URL
	}{
		{"https://graph.microsoft.com/v1.0/me", "absolute", URL{Scheme: "https", Host: "graph.microsoft.com", Version: "v1.0", Path: "/me"}},
		{"/me/drive/root/search(q='Contoso Project')", "no host (driveitem-search.md:60)", URL{Path: "/me/drive/root/search(q='Contoso Project')"}},
		{"sites/{siteId}/lists", "no leading slash (a beta page)", URL{Path: "/sites/{siteId}/lists"}},
		{`https://graph.microsoft.com/docs\api/deviceManagement/x`, "the seed's backslash", URL{Scheme: "https", Host: "graph.microsoft.com", Path: "/docs/api/deviceManagement/x"}},
		{"https://graph.microsoft.com/V1.0/teams/{id}", "upper-case version (conversationmember-get.md:68)", URL{Scheme: "https", Host: "graph.microsoft.com", Version: "V1.0", Path: "/teams/{id}"}},
		{"https://graph.microsoft.com/beta/teams", "beta from v1.0 docs (channel-get-members.md:63)", URL{Scheme: "https", Host: "graph.microsoft.com", Version: "beta", Path: "/teams"}},
		{"https://graph.microsoft.com/v1.0", "version only", URL{Scheme: "https", Host: "graph.microsoft.com", Version: "v1.0"}},
		{"https://graph.microsoft.com/v1.0/users?$filter=startswith(displayName, 'A')&$count=true", "OData query with a space",
			URL{Scheme: "https", Host: "graph.microsoft.com", Version: "v1.0", Path: "/users", Query: "$filter=startswith(displayName, 'A')&$count=true"}},
		{"https://graph.microsoft.com/v1.0/groups/{id}/members/$ref?$id=https://graph.microsoft.com/v1.0/directoryObjects/{id}", "a URL inside a query value",
			URL{Scheme: "https", Host: "graph.microsoft.com", Version: "v1.0", Path: "/groups/{id}/members/$ref", Query: "$id=https://graph.microsoft.com/v1.0/directoryObjects/{id}"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, Parse(tt.raw)); diff != "" {
			t.Errorf("Parse(%q) (%s) (-want +got):\n%s", tt.raw, tt.why, diff)
		}
	}
}

func TestTarget(t *testing.T) {
	for raw, want := range map[string]string{
		"https://graph.microsoft.com/v1.0/users?$filter=startswith(displayName, 'A')":    "/v1.0/users?$filter=startswith(displayName,%20'A')",
		"/me/drive/root/search(q='Contoso Project')":                                     "/v1.0/me/drive/root/search(q='Contoso%20Project')",
		"https://graph.microsoft.com/v1.0/users/{id | userPrincipalName}":                "/v1.0/users/%7Bid%20%7C%20userPrincipalName%7D",
		"https://graph.microsoft.com/beta/me":                                            "/beta/me",
		`https://graph.microsoft.com/v1.0/me/messages?$search="pizza"`:                   "/v1.0/me/messages?$search=%22pizza%22",
		"https://graph.microsoft.com/v1.0/x?$filter=JoinWebUrl%20eq%20'https%3A%2F%2F'":  "/v1.0/x?$filter=JoinWebUrl%20eq%20'https%3A%2F%2F'",
		"https://graph.microsoft.com/v1.0/x?a=100%":                                      "/v1.0/x?a=100%25",
		"https://graph.microsoft.com/v1.0/me/drive/root:/Documents/ünïcode.txt:/content": "/v1.0/me/drive/root:/Documents/%C3%BCn%C3%AFcode.txt:/content",
		"https://graph.microsoft.com/v1.0/x?$filter=a eq 'b#c'":                          "/v1.0/x?$filter=a%20eq%20'b%23c'",
	} {
		got := Parse(raw).Target("v1.0")
		if got != want {
			t.Errorf("Target(%q) = %q, want %q", raw, got, want)
		}
		if _, err := url.ParseRequestURI(got); err != nil {
			t.Errorf("Target(%q) = %q does not parse: %v", raw, got, err)
		}
	}
}

func TestPageVersion(t *testing.T) {
	for page, want := range map[string]string{
		"graph-docs-v1.0/api/user-get.md": "v1.0",
		"docs/beta/api/user-get.md":       "beta",
		"../shared/corpus/seed/x.md":      "",
		"v1.0/api/sub/x.md":               "v1.0",
		"api-reference/beta/api/x.md":     "beta",
		"x.md":                            "",
	} {
		if got := PageVersion(page); got != want {
			t.Errorf("PageVersion(%q) = %q, want %q", page, got, want)
		}
	}
}

func TestFill(t *testing.T) {
	vars := map[string]string{"userPrincipalName": "ada@x.com", "group-id": "g1", "row": "3"}
	lookup := func(n string) (string, bool) { v, ok := vars[n]; return v, ok }
	got, left := Fill("/users/{id | userPrincipalName}/groups/{group-id}/cell(row=<row>,column=<column>)/{item}", lookup)
	if got != "/users/ada@x.com/groups/g1/cell(row=3,column=<column>)/{item}" {
		t.Errorf("Fill = %q", got)
	}
	var names []string
	for _, p := range left {
		names = append(names, p.Text)
	}
	if strings.Join(names, " ") != "<column> {item}" {
		t.Errorf("left = %v", names)
	}
	if got, left := Fill(`{"a": "{group-id}", "b": {"c": 1}}`, lookup); got != `{"a": "g1", "b": {"c": 1}}` || len(left) != 0 {
		t.Errorf("JSON bodies: only placeholders are filled: %q %v", got, left)
	}
}

func FuzzParse(f *testing.F) {
	f.Add("https://graph.microsoft.com/v1.0/users/{id | upn}?$filter=a eq 'b'")
	f.Add(`sites\{x}//y?%zz`)
	f.Fuzz(func(t *testing.T, raw string) {
		u := Parse(raw)
		target := u.Target("v1.0")
		if _, err := url.ParseRequestURI("http://h" + target); err != nil {
			t.Fatalf("Target of %q = %q does not parse: %v", raw, target, err)
		}
		Fill(raw, func(string) (string, bool) { return "x", true })
	})
}
