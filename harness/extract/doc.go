// Package extract reads API documentation pages written the Microsoft Graph way and pulls
// out their examples — each documented request with the response(s) that answer it —
// and their resource shapes, with exact positions and a diagnostic for everything on a
// page that could not be used or is not written as the grammar below says.
//
// # Pages
//
// A page is a markdown file (CommonMark, as goldmark reads it). A leading YAML front
// matter block between "---" lines is read for its title and description and is never
// taken for markdown. A page holding no "<!--" and no "HTTP" can hold no annotation and
// no status line, so it is not parsed at all (MayHoldExamples): in a docs repository most
// files are include and SDK-snippet files, and this is what makes walking one cheap.
// Empty files, binary files (a NUL byte in the first 8000 bytes) and pages over the size
// limit are diagnosed and not read; invalid UTF-8 is diagnosed and read anyway.
//
// # Annotations
//
// An annotation is an HTML comment, starting its own line (an HTML block, at any depth:
// in list items, block quotes, tab groups), whose body is a JSON object holding at least
// one annotation key:
//
//	<!-- {
//	  "blockType": "request" | "response" | "ignored" | "resource" | "example" | "samples" | "simulatedResponse",
//	  "name": "get_user" | ["get_user", "get_user_by_upn"],
//	  "truncated": true, "isCollection": true, "isEmpty": true, "expectError": true,
//	  "@odata.type": "microsoft.graph.user" | "Collection(microsoft.graph.user)",
//	  "collectionProperty": "value", "optionalProperties": [...], "nullableProperties": [...],
//	  "keyProperty": "id", "baseType": "microsoft.graph.entity",
//	  ... any other key, kept as data ("sampleKeys", "scopes", "tags", "idempotent", ...)
//	} -->
//
// The JSON is read leniently (package docjson: trailing commas, comments, single quotes,
// unquoted keys, raw line breaks in strings) and every place it is not strict is a
// warning. So are booleans written as strings ("true"), "@type" for "@odata.type", "id"
// for a request's "name", text after "-->", and values of the wrong type. A comment whose
// body starts with "{" but is not JSON even leniently is an error; one holding JSON with
// no annotation key (a commented-out body) is not an annotation. Page annotations
// ("type": "#page.annotation") annotate no block. Text inside comments is not content.
//
// An annotation applies to the next code block — fenced (``` or ~~~, any info string) or
// indented — unless another annotation comes first or more than MaxGap lines of text
// (prose, headings) stand between; text between is a warning, and an annotation with no
// block is diagnosed (an error when it was a request, response or resource).
//
// # Examples
//
// A block annotated "request" holding a request line is an example. A block annotated
// "response" holding a status line answers:
//   - the requests its "name" lists (the nearest earlier request with each name), or
//   - the nearest earlier block holding a request — annotated "request", annotated
//     "ignored" (real pages annotate later example requests "ignored" and still annotate
//     their responses), or not annotated. When that nearest request is an "ignored"
//     alternative, requests annotated "request" since the previous response that have
//     no response yet are answered too.
//
// A request may have several responses; a response may answer several requests.
// Unannotated examples are found too: a fenced http block (info "http",
// "msgraph-interactive" or none) holding a response with no annotation answers the
// nearest earlier request, when that request is not annotated "ignored" and can be sent
// (an absolute URL or a "/path"). Such an example, with no annotation on either side, is
// Inferred; AnnotatedOnly turns unannotated responses off.
//
// Annotated blocks whose content contradicts their annotation are read by their content
// (a "response" holding a request is a request) with a warning. Blocks annotated
// "resource" are Resources. "example", "samples" and "simulatedResponse" blocks (callback
// payloads, syntax templates) are not examples; one that holds a request still stands
// between a response after it and the requests before it, so such a response with no name
// is a "response-after-non-example" warning, not given to an earlier request. An unknown
// blockType is a warning and the block is read as unannotated.
//
// # IDs
//
// Every example has an ID that does not change when other pages change:
// "<page path relative to the root given>#<request name>", with "~2", "~3" for later
// requests of the same name in the page (names are not unique: get_a_count names six
// requests in six pages, create_identityapiconnector two in one), and "example-N" for the
// N-th unnamed example of the page.
//
// # HTTP text
//
// The content of a block is read by package httpblock: leniently, with placeholders,
// spaces and quotes kept in URLs, and a documented Content-Length never trusted.
//
// # Non-goals
//
// Extraction does not resolve URLs, fill placeholders, parse bodies as JSON or judge
// responses: later stages do. It does not follow INCLUDE directives, and it does not
// read property tables.
package extract
