package mock_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/internal/docurl"
	"github.com/docconform/docconform/harness/mock"
)

// A mock built from one documented example answers the request the replay stage sends
// for it, and a client's concrete request, with the documented answer as strict JSON.
func Example() {
	page := harness.Page{File: "docs/v1.0/api/user-get.md", Rel: "v1.0/api/user-get.md", Version: "v1.0", Examples: []harness.Example{{
		ID: "v1.0/api/user-get.md#get_user", File: "docs/v1.0/api/user-get.md", Name: "get_user",
		Request: harness.Request{Line: 40, Method: "GET", URL: "https://graph.microsoft.com/v1.0/users/{id | userPrincipalName}"},
		Responses: []harness.Response{{Line: 50, Status: 200,
			Headers: []harness.Header{{Name: "Content-Type", Value: "application/json"}},
			Body:    "{\n  \"id\": \"{id}\",\n  \"displayName\": \"Adele Vance\", // trailing comma below\n}"}},
	}}}
	m, diags := mock.New([]harness.Page{page}, mock.ExampleHeader("X-Docconform-Example"))
	fmt.Println(len(diags), "diagnostics")

	// Without HTTP: what the replay stage sends for the documented URL.
	target := docurl.Parse(page.Examples[0].URL).Target("v1.0")
	match := m.Match(mock.Request{Method: "GET", Target: target})
	fmt.Println(target, "->", match.ID, match.Status)

	// Over HTTP, as a client author would.
	srv := httptest.NewServer(m)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/v1.0/users/adele@contoso.com")
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.Status, resp.Header.Get("Content-Length"), resp.Header.Get("X-Docconform-Example"))
	fmt.Println(string(body))
	// Output:
	// 0 diagnostics
	// /v1.0/users/%7Bid%20%7C%20userPrincipalName%7D -> v1.0/api/user-get.md#get_user 200
	// 200 OK 41 v1.0/api/user-get.md#get_user
	// {"id":"{id}","displayName":"Adele Vance"}
}
