// Package mock answers HTTP requests the way a set of API doc pages says the service
// does. New builds a Mock, an http.Handler, from the pages' examples (harness.Page values
// from package extract); recorded answers (package cassette) can take precedence.
// Mock.Serve serves it on a listener until a context ends: "docconform serve" uses it,
// and so can a caller that runs the mock in process on a loopback port ("docconform run"
// with no endpoint); any http.Server or httptest.Server serves it as well.
//
// # Routes
//
// Every example with a documented response is served at its method and documented URL,
// read by package docurl exactly as the replay stage reads it:
//
//   - The version is the URL's own version segment ("/beta/...", "/V1.0/..."), else the
//     page's (docurl.PageVersion of the page's Rel path), else DefaultVersion ("v1.0").
//     Versions compare case-insensitively. A request whose path starts with no version
//     segment is read as having DefaultVersion. A doc URL's host is ignored: an upload URL
//     on https://sn3302.up.1drv.com/up/... is served at /<version>/up/....
//   - The path is a template. Its literal text is what a server receives for the URL the
//     replay stage sends (docurl.Escape, then percent-decoding; a request path is
//     percent-decoded the same way), and compares case-insensitively, as Graph does. A
//     trailing "/" is ignored on both sides.
//   - A placeholder ("{id}", "{id | userPrincipalName}", "<row>", as docurl.Placeholders
//     finds them) matches one or more characters within one segment, so it may sit inside
//     a segment: getEmailActivityCounts(period='{period_value}') matches
//     getEmailActivityCounts(period='D7'). A placeholder that starts right after ":/"
//     (OneDrive path addressing, root:/{item-path}:/content) matches one or more
//     segments. Adjacent placeholders act as one. A placeholder sent as written
//     (percent-encoded: "%7Bid%7D"), as the replay stage sends it, matches it too.
//   - The query is a list of parameters split at "&" and "=" and percent-decoded ("+" is a
//     space). Names compare case-insensitively with or without "$" ($select = select);
//     values compare case-insensitively, runs of white space as one space, and a
//     placeholder in a value matches anything. Parameters do not take part in the path
//     match: they choose among the examples whose path matches.
//
// A route is a method and a path shape (the path with every placeholder alike): Routes
// lists them, each with its examples.
//
// # Choosing the example
//
// Among the examples whose path matches a request, one is chosen by these steps, each
// keeping only the best of those the step before left:
//
//  1. Method. Only examples of the request's method take part (HEAD falls back to GET).
//     When none is left, the answer is 405 Method Not Allowed with an Allow header
//     listing the path's methods (with HEAD where GET is, and OPTIONS) and a Graph error
//     (code MethodNotAllowed); an OPTIONS request gets 204 with that Allow header.
//  2. Name. The example the request names in its X-Docconform-Example header
//     (harness.ExampleHeader), when it is among those left, answers: the replay stage
//     names each example it replays against the mock, so every example gets its own
//     documented answer, and a client can ask for one (as with Prism's "Prefer:
//     example="). The name is an example ID; the method must be the request's own (or
//     GET, for HEAD).
//  3. Path. The most specific path wins: the one with the most literal bytes matched,
//     counting a placeholder sent as written as literal. So /users/delta beats
//     /users/{id}, a documented concrete /users/48d31887-... beats /users/{id}, and the
//     replay stage's /users/%7BuserId%7D goes to the example that wrote {userId}.
//  4. Query. Then, field after field: the most documented parameters sent with a
//     matching value; the most literal bytes in those values; the most documented
//     parameter names sent; the fewest documented parameters not sent; the fewest sent
//     parameters not documented.
//  5. Body. When examples are still tied and their bodies differ, the request body is
//     read (up to MaxBodySize) and compared. A JSON object or array is read leniently
//     (package docjson) and compared as strict compact JSON, so the body a page documents
//     matches itself however it is written; any other body is compared as text, CRLF as
//     LF, surrounding white space trimmed. The examples with the same body win; when none
//     has it and the request body is JSON, those with the most member paths and scalar
//     values in common, then the fewest documented ones missing.
//  6. Headers. Then the examples with the most documented request headers sent with the
//     documented value (names in any case, values in any case with white space
//     squeezed), then the fewest not so sent. Authorization, Content-Length, Host,
//     Connection, Transfer-Encoding, User-Agent and Accept-Encoding do not count.
//  7. Document order: the first example of the pages as given.
//
// Examples that no request can tell apart — same method, version, path (placeholders as
// written, literals in any case), query, body and headers, each as compared above — are a
// "route-conflict" warning at New, at the later example, naming the first one's
// file:line: the first is served, the later only to a request that names it (step 2).
// Every other example answers the request the replay stage sends for it (its method,
// docurl target, documented headers and body). Examples that cannot be served at all (no
// documented response with a status from 200 to 599, a method that is not a token) are
// "mock-unroutable" errors, and parts of an answer that cannot be sent are "mock-answer"
// warnings or notes.
//
// A Builder builds the mock page by page while it serves: a request that names an example
// already added (step 2) is answered at once, and any other waits until the last page is
// added, so that every answer is the one New would give.
//
// Match routes a Request without HTTP and says which example answers (or why none does),
// for tests and for reports.
//
// # Answers
//
// The answer is the example's first documented response: its status, its headers (less
// Content-Length, Transfer-Encoding and the other hop-by-hop headers, and less any header
// that cannot be sent, with a "mock-answer" warning) and its body. A body whose content
// type is JSON or not given, and that reads as a JSON object or array (leniently:
// comments, trailing commas, "..."), is sent as strict compact JSON (docjson AppendJSON),
// with Content-Type application/json when none is documented; any other body is sent as
// written (text/plain when no content type is documented). Placeholders in a body are
// left as written. Content-Length is always the length of what is sent. 204, 304 and
// answers to HEAD have no body.
//
// With Cassette, the answer recorded for an example's ID (cassette.Exchange.Actual) is
// sent instead of the documented one: its status, its headers (as above) and its body
// (JSON compacted, anything else as recorded). The example is still routed by its
// documented request.
//
// A request no documented path matches gets 404 with a Graph error,
// {"error":{"code":"ResourceNotFound","message":"..."}}, whose message names the closest
// documented route and where it is documented: the fewest segment edits (a placeholder
// segment matching any segment, another version or method counting half an edit), then
// the fewest letter edits, then the first documented.
//
// With ExampleHeader, every answer an example gives names it in that header
// ("X-Docconform-Example: v1.0/api/user-get.md#get_user"); Match says the same without
// HTTP.
//
// # Chaos
//
// For client authors and retry tests, Latency delays every answer, and Faults makes a
// fraction of requests fail: 429 or 503 with Retry-After (RetryAfter, default 1 second)
// and a Graph error (code TooManyRequests or ServiceUnavailable), or a reset connection
// with no answer. Whether the n-th request with a given method and target (path and
// query as sent) fails, and how, is a pure function of the seed, the method, the target
// and n: with Seed, a client that sends the same requests in the same order per target
// sees the same faults in every run, whatever other clients do at the same time. (A
// client that retries a reset request by itself, as Go's does for idempotent requests on
// a reused connection, sends the next request for that target.) Chaos applies to every
// request, known routes or not.
//
// # Non-goals
//
// The mock keeps no state: a POST creates nothing that a later GET returns, a DELETE
// removes nothing, and placeholders in answers are not filled from the request. It does
// not check authentication, request headers or request bodies beyond choosing among
// examples, does not validate query options, and does not page, filter, select or
// expand. An example with several documented responses always gets its first. It does
// not follow $batch, and it speaks HTTP/1.1 without TLS. Matching does bounded work: a
// template whose placeholders sit inside segments or span them is tried against a
// request path for about a million steps at most, and does not match a path that would
// take longer (none that a page documents comes near).
package mock
