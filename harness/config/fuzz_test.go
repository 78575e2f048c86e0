package config

import (
	"bufio"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/docconform/docconform/fixtures"
)

// FuzzParse: Parse never panics; its errors start with the file's name; and a Config it
// returns without error passes every check Parse makes (valid), whatever the file says.
func FuzzParse(f *testing.F) {
	for _, src := range seedConfigs(f) {
		f.Add([]byte(src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		const name = "fuzz.yaml"
		c, err := Parse(name, src)
		if err != nil {
			if !strings.HasPrefix(err.Error(), name+":") {
				t.Fatalf("error does not start with the file name: %v", err)
			}
			return
		}
		if msg := invalid(c); msg != "" {
			t.Fatalf("Parse accepted an invalid config: %s\n%+v", msg, c)
		}
		again, err := Parse(name, src)
		if err != nil || !reflect.DeepEqual(c, again) {
			t.Fatalf("Parse is not deterministic: %+v then %+v, %v", c, again, err)
		}
	})
}

// invalid says what in c breaks the rules Parse enforces ("" when nothing does).
func invalid(c Config) string {
	switch {
	case c.Compare != "" && c.Compare != "shape" && c.Compare != "exact":
		return "compare " + c.Compare
	case c.Extra != "" && c.Extra != "fail" && c.Extra != "warn" && c.Extra != "allow":
		return "extra " + c.Extra
	case c.Concurrency < 0:
		return "negative concurrency"
	case !(c.Rate >= 0): // NaN too; +Inf is no cap, as 0 is
		return "rate is not a number of requests per second"
	case c.Retries != nil && *c.Retries < 0:
		return "negative retries"
	case c.MaxBody < 0:
		return "negative maxBody"
	case c.Timeout < 0 || c.Deadline < 0 || c.MaxRetryWait < 0:
		return "negative duration"
	}
	if e := c.Endpoint; e != "" && e != "mock" {
		if u, err := url.Parse(e); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return "endpoint " + e
		}
	}
	for _, p := range append(c.Include[:len(c.Include):len(c.Include)], c.Exclude...) {
		if _, err := path.Match(p, ""); err != nil {
			return "malformed pattern " + p
		}
	}
	if cc := c.Auth.ClientCredentials; cc != nil && (cc.TokenURL == "" || cc.ClientID == "" || cc.ClientSecretEnv == "") {
		return "incomplete clientCredentials"
	}
	for id, o := range c.Examples {
		if o.Line < 1 {
			return "example " + id + " without a line"
		}
	}
	for _, s := range append(c.Setup[:len(c.Setup):len(c.Setup)], c.Teardown...) {
		if s.Method == "" || s.URL == "" || s.Name == "" || s.Method != strings.ToUpper(s.Method) || s.Line < 1 {
			return "step " + s.Name + " incomplete"
		}
	}
	return ""
}

// seedConfigs are the configuration files the repository holds: the reference in the
// package documentation, those in the CLI scripts, and one for each check of Parse.
func seedConfigs(f *testing.F) []string {
	var seeds []string
	src, err := os.Open("config.go")
	if err != nil {
		f.Fatal(err)
	}
	defer src.Close()
	var doc strings.Builder
	for sc := bufio.NewScanner(src); sc.Scan(); {
		if line, ok := strings.CutPrefix(sc.Text(), "//\t"); ok {
			doc.WriteString(line + "\n")
		}
	}
	seeds = append(seeds, doc.String())
	scripts, _ := filepath.Glob(filepath.Join(fixtures.Dir(), "..", "cmd", "docconform", "testdata", "script", "*.txtar"))
	for _, s := range scripts {
		ar, err := txtar.ParseFile(s)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range ar.Files {
			if strings.HasSuffix(file.Name, ".yaml") {
				seeds = append(seeds, string(file.Data))
			}
		}
	}
	return append(seeds,
		"endpoint: mock\nconcurrency: 2\nrate: 2.5\ntimeout: 5s\ndeadline: 1m\nmaxRetryWait: 0s\nretries: 0\nmaxBody: 10\nallowWrites: true\n",
		"compare: fuzzy\n",
		"extra: maybe\n",
		"rate: .nan\n",
		"rate: -.inf\n",
		"retries: -1\n",
		"timeout: -1s\n",
		"endpoint: ftp://x\n",
		"include: ['[']\n",
		"auth:\n  clientCredentials: {tokenURL: x, clientID: y}\n",
		"setup:\n  - {name: a, method: get, url: /x, body: [1, {a: b}], capture: {v: id}}\nteardown:\n  - {method: DELETE, url: /x}\n",
		"examples:\n  a.md#b: {skip: why, statuses: [200], ignore: [x]}\n",
		"a: &a [*a]\n",
		"concurrency: 2\n---\nbogus: 1\n",
		"variables: {a: 1, b: [2]}\n",
	)
}
