// Package compare judges whether a service's answer conforms to the response its docs show.
//
// The documented response is a sample (shape mode, the default): its structure is the
// contract, its values are illustrations.
//
//   - Status: the actual status must equal the documented one; nothing else is compared
//     when it does not.
//   - A documented body for 204 or 304, statuses HTTP gives no body, is a warning and is
//     not compared.
//   - Content type: when the docs show a JSON body the answer must be JSON (its
//     Content-Type, when it has one, must be application/json, text/json or +json, and the
//     body must parse). A documented non-JSON body with a Content-Type needs the same media
//     type. A documented body that is not JSON even read leniently (package docjson) is a
//     warning and only the status and content type are compared.
//   - Objects: every documented property must be present ("missing"), unless named in
//     the annotation's optionalProperties or nullableProperties. Properties the docs do
//     not show are "unexpected" unless the sample is truncated there: the annotation's
//     truncated applies at every depth, an ellipsis ("...", "…") in a documented object or
//     array truncates that container, and error responses (expectError, or a 4xx/5xx
//     status) are samples of their shape. Extra(ExtraWarn) makes unexpected properties
//     warnings, Extra(ExtraAllow) nothing. OData control information (@odata.context,
//     @odata.nextLink, prop@odata.navigationLink, ...) is never required and never
//     unexpected; other instance annotations (@microsoft.graph.downloadUrl) are required
//     when documented and never unexpected. When a key is documented twice, the last wins.
//   - Types: the JSON type must match ("type"). A documented null matches anything and an
//     actual null matches any documented type. A documented type placeholder — "String",
//     "Int32", "Boolean", "Guid", "String (identifier)", "datetime", any case, with an
//     optional "(note)" — promises its type; a string also matches it, because the same
//     words are enum values in real pages ("underline": "Single").
//   - Values are not compared, except @odata.type when both sides carry one (a type
//     discriminator: case-insensitive, leading "#" optional). A documented ISO 8601
//     date-time (or date-time placeholder) requires a date-time ("format").
//   - Arrays: documented items are templates and the answer may have any number of items.
//     Each actual item is checked against the documented item with the same @odata.type,
//     else the one it differs least from. An empty answer where items are documented, and
//     items answered where the documented array is empty, are warnings: the shape could not
//     be checked.
//
// Exact mode (WithMode(Exact), for cassettes and mocks) compares values too — strings
// exactly, numbers by value without rounding, nulls — and arrays item by item; a body that
// is not JSON is compared as text, and an answer with a body where none is documented
// differs. Ignore(paths...) leaves out values at gjson paths with wildcards
// ("value.#.id", "**.createdDateTime") in both modes.
//
// Each Difference has a kind, a gjson path into the actual body (paste it into gjson or
// jq), the documented and actual values as JSON (shortened beyond 120 bytes), a one-line
// message and the page line of the documented value. Each warning (a harness.ResultWarning)
// has a kind (harness.WarnBodyNotAllowed, WarnBodyNotJSON, WarnUnexpected, WarnNoItems,
// WarnUncheckedItems), the path, a message and the page line. Differences and warnings
// that repeat across the items of an array are reported once, with a count (More).
//
// The actual body is never unmarshalled: gjson walks it in place, so the cost of a
// comparison grows linearly with the size of the answer.
//
// # Why a walker of its own, and where go-cmp is used
//
// The comparison is not built on go-cmp: it is a hand-written walk, because what it
// judges is not equality and what it reports is not what go-cmp reports:
//
//   - A documented response is a sample: truncation (the annotation's truncated, an
//     ellipsis in one container), array items as templates matched to the closest
//     documented item, placeholders such as "Int32" that promise a type, OData control
//     information that is never required nor unexpected. These are not options of an
//     equality; a cmp.Option for each would be the same walk, split into callbacks.
//   - A difference needs a gjson path into the actual body ("value.0.mail"), the page line
//     of the documented value and a value shortened for the report; go-cmp's paths are Go
//     paths over decoded values and know neither. Its Diff text is not meant to be read by
//     programs at all (house rule 7: structured differences, never cmp.Diff text).
//   - go-cmp compares two decoded values: the answer would be unmarshalled first, every
//     object a map, where the walk reads the raw body in place with gjson (an answer of
//     20,000 items is one allocation-light pass, and its differences fold as they come).
//
// go-cmp is used in the tests. There it prints -want +got for the expectations, as in
// every package of docconform, and it is the oracle the walk is held to where equality
// is the promise: in exact mode, with no ignore paths, a strict JSON answer conforms to a
// strict JSON documented body exactly when cmp.Equal finds the two decoded values equal
// (FuzzExactOracle). Elsewhere it fits the same way: comparing values that are meant to
// be equal (decoded reports, cassettes, extracted examples) in tests, never judging an
// answer.
package compare
