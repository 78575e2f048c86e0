// Package cassette stores what a service answered, per example, so that runs can be
// replayed offline (by the mock) and judged again.
//
// A cassette is a folder with one readable JSON file per page, at the page's path
// relative to the docs root plus ".json" ("v1.0/api/user-get.md.json"):
//
//	{
//	  "schemaVersion": 1,
//	  "page": "v1.0/api/user-get.md",
//	  "recordedAt": "2026-11-28T02:00:00Z",
//	  "endpoint": "https://graph.microsoft.com",
//	  "exchanges": {
//	    "v1.0/api/user-get.md#get_user": {
//	      "status": 200,
//	      "headers": [{"name": "Content-Type", "value": "application/json"}],
//	      "body": {"id": "..."}          // a JSON body as JSON; any other body as "bodyText"
//	    }
//	  }
//	}
//
// Secrets never land in a cassette: Authorization, Cookie, Set-Cookie and
// Proxy-Authorization headers are dropped when a page is written, whoever calls Write.
package cassette

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/internal/atomicfile"
)

// SchemaVersion is the version of the cassette file format.
const SchemaVersion = 1

// Page is one cassette file: the answers recorded for one page's examples.
type Page struct {
	SchemaVersion int                 `json:"schemaVersion"`
	Page          string              `json:"page"`
	RecordedAt    time.Time           `json:"recordedAt"`
	Endpoint      string              `json:"endpoint"`
	Exchanges     map[string]Exchange `json:"exchanges"`
}

// Exchange is one recorded answer.
type Exchange struct {
	Status  int              `json:"status"`
	Headers []harness.Header `json:"headers,omitempty"`
	// Body holds a JSON body as JSON; BodyText any other body.
	Body     json.RawMessage `json:"body,omitempty"`
	BodyText string          `json:"bodyText,omitempty"`
}

// FromActual records an actual answer. Secrets and the headers that describe the
// transfer rather than the answer (Content-Length, Transfer-Encoding, Connection,
// Keep-Alive) are left out: the body is stored re-indented, and whoever replays it frames
// it anew.
func FromActual(a harness.Actual) Exchange {
	var hs []harness.Header
	for _, h := range Sanitize(a.Headers) {
		switch strings.ToLower(h.Name) {
		case "content-length", "transfer-encoding", "connection", "keep-alive":
			continue
		}
		hs = append(hs, h)
	}
	e := Exchange{Status: a.Status, Headers: hs}
	if b := strings.TrimSpace(a.Body); b != "" && json.Valid([]byte(b)) {
		e.Body = json.RawMessage(b)
	} else {
		e.BodyText = a.Body
	}
	return e
}

// Actual is the recorded answer as an actual response.
func (e Exchange) Actual() harness.Actual {
	body := e.BodyText
	if len(e.Body) > 0 {
		body = string(e.Body)
	}
	return harness.Actual{Status: e.Status, Headers: e.Headers, Body: body}
}

// Sanitize drops the headers that carry secrets.
func Sanitize(hs []harness.Header) []harness.Header {
	out := make([]harness.Header, 0, len(hs))
	for _, h := range hs {
		switch strings.ToLower(h.Name) {
		case "authorization", "proxy-authorization", "cookie", "set-cookie":
			continue
		}
		out = append(out, h)
	}
	return out
}

// Write stores a page's exchanges in its cassette file under dir, atomically. The
// exchanges the file already holds for other examples are kept: re-recording some of a
// page's examples (--run, an interrupted run) loses none of the others. A file there that
// is not a cassette page is an error, not overwritten.
func Write(dir string, p Page) error {
	p.SchemaVersion = SchemaVersion
	path := filepath.Join(dir, filepath.FromSlash(p.Page)+".json")
	clean := make(map[string]Exchange, len(p.Exchanges))
	if _, err := os.Stat(path); err == nil {
		old, err := readPage(path)
		if err != nil {
			return fmt.Errorf("%v (move it away to record here)", err)
		}
		maps.Copy(clean, old.Exchanges)
	}
	for id, e := range p.Exchanges {
		e.Headers = Sanitize(e.Headers)
		clean[id] = e
	}
	p.Exchanges = clean
	return atomicfile.Write(path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(p)
	})
}

// Cassette is every recorded answer in a cassette folder, by example ID.
type Cassette map[string]Exchange

// Load reads every *.json file under dir. A file that is not a cassette page is an error
// naming it (and the line, for JSON syntax errors).
func Load(dir string) (Cassette, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s: a cassette is a folder", dir)
	}
	c := Cassette{}
	var files []string
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".json") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	for _, f := range files {
		p, err := readPage(f)
		if err != nil {
			return nil, err
		}
		for id, e := range p.Exchanges {
			c[id] = e
		}
	}
	return c, nil
}

func readPage(path string) (Page, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return Page{}, err
	}
	var p Page
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		line := 1
		if se, ok := err.(*json.SyntaxError); ok {
			line += bytes.Count(src[:min(int(se.Offset), len(src))], []byte{'\n'})
		} else if te, ok := err.(*json.UnmarshalTypeError); ok {
			line += bytes.Count(src[:min(int(te.Offset), len(src))], []byte{'\n'})
		}
		return Page{}, fmt.Errorf("%s:%d: not a cassette page: %v", filepath.ToSlash(path), line, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		// A second page appended, or anything else after the page: not silently dropped.
		line := 1 + bytes.Count(src[:dec.InputOffset()], []byte{'\n'})
		return Page{}, fmt.Errorf("%s:%d: not a cassette page: more after the page's JSON object", filepath.ToSlash(path), line)
	}
	if p.SchemaVersion != SchemaVersion {
		return Page{}, fmt.Errorf("%s:1: cassette schemaVersion %d, want %d", filepath.ToSlash(path), p.SchemaVersion, SchemaVersion)
	}
	return p, nil
}
