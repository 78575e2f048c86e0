// Package config reads docconform's run configuration file (YAML, --config) and variable
// files (YAML or JSON, --vars). Unknown keys and bad values are errors naming the file,
// the line and the key; nothing is silently ignored.
//
//	endpoint: https://graph.microsoft.com   # base URL, or "mock"
//	apiVersion: v1.0                         # for pages and URLs that give none
//	apiHosts: [graph.microsoft.com]          # documented hosts that are the API
//	variables: {user-id: 48d31887-5fad-4d73-a9f5-3c356e68a038}
//	auth:
//	  tokenEnv: DOCCONFORM_TOKEN             # a bearer token from this environment variable, or
//	  clientCredentials:                     # the OAuth 2.0 client-credentials grant
//	    tokenURL: https://login.microsoftonline.com/TENANT/oauth2/v2.0/token
//	    clientID: 00000000-0000-0000-0000-000000000000
//	    clientSecretEnv: DOCCONFORM_CLIENT_SECRET
//	    scopes: [https://graph.microsoft.com/.default]
//	setup:                                   # run before the examples, in order
//	  - name: create-group
//	    method: POST
//	    url: /v1.0/groups
//	    headers: {Content-Type: application/json}
//	    body: {displayName: docconform, mailEnabled: false, mailNickname: dc, securityEnabled: true}
//	    capture: {group-id: id}              # variable: gjson path into the answer
//	teardown:                                # always run at the end
//	  - {name: delete-group, method: DELETE, url: "/v1.0/groups/{group-id}"}
//	include: ["api/user-*.md", "api/group-*.md"]   # globs on page paths (** for any folders)
//	exclude: ["api/intune-*.md"]
//	examples:                                # per-example overrides, by example ID
//	  api/user-get.md#get_user: {skip: "needs a licensed user"}
//	  api/group-list.md#list_groups: {statuses: [200, 403], ignore: ["value.#.createdDateTime"]}
//	concurrency: 4
//	rate: 10                                 # requests per second
//	timeout: 30s
//	deadline: 20m
//	retries: 3
//	maxRetryWait: 60s
//	maxBody: 16777216
//	allowWrites: false
//	compare: shape                           # or exact
//	ignore: ["**.createdDateTime"]
//	extra: fail                              # or warn, allow
//
// Command-line flags override the file.
package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Config is a run configuration file.
type Config struct {
	Endpoint     string              `yaml:"endpoint"`
	APIVersion   string              `yaml:"apiVersion"`
	APIHosts     []string            `yaml:"apiHosts"`
	Variables    map[string]string   `yaml:"variables"`
	Auth         Auth                `yaml:"auth"`
	Setup        []Step              `yaml:"setup"`
	Teardown     []Step              `yaml:"teardown"`
	Include      []string            `yaml:"include"`
	Exclude      []string            `yaml:"exclude"`
	Examples     map[string]Override `yaml:"examples"`
	Concurrency  int                 `yaml:"concurrency"`
	Rate         float64             `yaml:"rate"`
	Timeout      Duration            `yaml:"timeout"`
	Deadline     Duration            `yaml:"deadline"`
	Retries      *int                `yaml:"retries"`
	MaxRetryWait Duration            `yaml:"maxRetryWait"`
	MaxBody      int64               `yaml:"maxBody"`
	AllowWrites  bool                `yaml:"allowWrites"`
	Compare      string              `yaml:"compare"`
	Ignore       []string            `yaml:"ignore"`
	Extra        string              `yaml:"extra"`
}

// Auth says how to get a token.
type Auth struct {
	TokenEnv          string             `yaml:"tokenEnv"`
	ClientCredentials *ClientCredentials `yaml:"clientCredentials"`
}

// ClientCredentials configures the OAuth 2.0 client-credentials grant. The secret is read
// from an environment variable, never from the file.
type ClientCredentials struct {
	TokenURL        string   `yaml:"tokenURL"`
	ClientID        string   `yaml:"clientID"`
	ClientSecretEnv string   `yaml:"clientSecretEnv"`
	Scopes          []string `yaml:"scopes"`
}

// Step is a setup or teardown request.
type Step struct {
	Name    string            `yaml:"name"`
	Method  string            `yaml:"method"`
	URL     string            `yaml:"url"`
	Headers map[string]string `yaml:"headers"`
	// Body is sent as JSON when it is a mapping or a list, as text when it is a string.
	Body Body `yaml:"body"`
	// Capture maps variable names to gjson paths into the answer's body.
	Capture map[string]string `yaml:"capture"`
	Line    int               `yaml:"-"`
}

// Body is a step's body: YAML structures become JSON text.
type Body string

func (b *Body) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" {
		*b = Body(n.Value)
		return nil
	}
	var v any
	if err := n.Decode(&v); err != nil {
		return err
	}
	j, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("line %d: body cannot be JSON: %v", n.Line, err)
	}
	*b = Body(j)
	return nil
}

// Override changes how one example is run.
type Override struct {
	// Skip, when set, skips the example with this reason.
	Skip string `yaml:"skip"`
	// Statuses are actual statuses accepted besides the documented ones.
	Statuses []int `yaml:"statuses"`
	// Ignore adds ignore paths for this example.
	Ignore []string `yaml:"ignore"`
	// Line is where the example's entry is in the file.
	Line int `yaml:"-"`
}

// Duration is a time.Duration written as "30s", "2m".
type Duration time.Duration

func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := time.ParseDuration(n.Value)
	switch {
	case err != nil:
		return fmt.Errorf("line %d: %q is not a duration (write 30s, 2m, 1h)", n.Line, n.Value)
	case v < 0:
		return fmt.Errorf("line %d: %q: a duration must not be negative", n.Line, n.Value)
	}
	*d = Duration(v)
	return nil
}

// Load reads a configuration file.
func Load(path string) (Config, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return Config{}, err
	}
	return Parse(path, src)
}

// Parse reads a configuration file's content; name prefixes errors.
func Parse(name string, src []byte) (Config, error) {
	var c Config
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return c, wrap(name, err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && err.Error() != "EOF" {
		return c, wrap(name, err)
	}
	if err := oneDocument(name, src); err != nil {
		return c, err
	}
	at := func(keys ...string) string { return fmt.Sprintf("%s:%d", name, lineOf(&root, keys...)) }
	if c.Compare != "" && c.Compare != "shape" && c.Compare != "exact" {
		return c, fmt.Errorf("%s: compare must be shape or exact, not %q", at("compare"), c.Compare)
	}
	if c.Extra != "" && c.Extra != "fail" && c.Extra != "warn" && c.Extra != "allow" {
		return c, fmt.Errorf("%s: extra must be fail, warn or allow, not %q", at("extra"), c.Extra)
	}
	if c.Concurrency < 0 {
		return c, fmt.Errorf("%s: concurrency must be at least 1", at("concurrency"))
	}
	if !(c.Rate >= 0) { // NaN (.nan) too: it would mean no cap
		return c, fmt.Errorf("%s: rate must be a number, not negative", at("rate"))
	}
	if c.Retries != nil && *c.Retries < 0 {
		return c, fmt.Errorf("%s: retries must not be negative", at("retries"))
	}
	if c.MaxBody < 0 {
		return c, fmt.Errorf("%s: maxBody must not be negative", at("maxBody"))
	}
	if e := c.Endpoint; e != "" && e != "mock" {
		if u, err := url.Parse(e); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return c, fmt.Errorf("%s: endpoint %q is not an http(s) base URL or \"mock\"", at("endpoint"), e)
		}
	}
	for _, list := range []struct {
		key      string
		patterns []string
	}{{"include", c.Include}, {"exclude", c.Exclude}} {
		for i, p := range list.patterns {
			if _, err := path.Match(p, ""); err != nil {
				return c, fmt.Errorf("%s:%d: %s pattern %q is malformed (an unclosed [ or a trailing \\?)", name, lineOfIndex(&root, list.key, i), list.key, p)
			}
		}
	}
	if cc := c.Auth.ClientCredentials; cc != nil {
		switch {
		case cc.TokenURL == "":
			return c, fmt.Errorf("%s: clientCredentials needs tokenURL", at("auth", "clientCredentials"))
		case cc.ClientID == "":
			return c, fmt.Errorf("%s: clientCredentials needs clientID", at("auth", "clientCredentials"))
		case cc.ClientSecretEnv == "":
			return c, fmt.Errorf("%s: clientCredentials needs clientSecretEnv (the secret is read from the environment, never from this file)", at("auth", "clientCredentials"))
		}
	}
	for id, o := range c.Examples {
		o.Line = lineOf(&root, "examples", id)
		c.Examples[id] = o
	}
	for _, steps := range []struct {
		key   string
		steps []Step
	}{{"setup", c.Setup}, {"teardown", c.Teardown}} {
		for i := range steps.steps {
			s := &steps.steps[i]
			s.Line = lineOfIndex(&root, steps.key, i)
			if s.Method == "" || s.URL == "" {
				return c, fmt.Errorf("%s:%d: a %s step needs method and url", name, s.Line, steps.key)
			}
			s.Method = strings.ToUpper(s.Method)
			if s.Name == "" {
				s.Name = fmt.Sprintf("%s-%d", steps.key, i+1)
			}
		}
	}
	return c, nil
}

// wrap turns yaml's "line N: ..." errors into "file:N: ...".
func wrap(name string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n")
	var lines []string
	for _, l := range strings.Split(msg, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if rest, ok := strings.CutPrefix(l, "line "); ok {
			if n, after, ok := strings.Cut(rest, ": "); ok {
				after = strings.Replace(after, "field ", "unknown key ", 1)
				after = strings.Replace(after, " not found in type config.", " (not a key of ", 1)
				if strings.Contains(after, "(not a key of ") {
					after += ")"
				}
				l = fmt.Sprintf("%s:%s: %s", name, n, after)
			}
		} else {
			l = name + ": " + l
		}
		lines = append(lines, l)
	}
	return fmt.Errorf("%s", strings.Join(lines, "\n"))
}

// lineOf finds the line of a key path in a YAML document (1 when not found).
func lineOf(root *yaml.Node, keys ...string) int {
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := 1
	for _, k := range keys {
		found := false
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == k {
					line = n.Content[i].Line
					n = n.Content[i+1]
					found = true
					break
				}
			}
		}
		if !found {
			return line
		}
	}
	return line
}

// lineOfIndex finds the line of the i-th item of a top-level list.
func lineOfIndex(root *yaml.Node, key string, i int) int {
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if n.Kind != yaml.MappingNode {
		return 1
	}
	for j := 0; j+1 < len(n.Content); j += 2 {
		if n.Content[j].Value == key && n.Content[j+1].Kind == yaml.SequenceNode && i < len(n.Content[j+1].Content) {
			return n.Content[j+1].Content[i].Line
		}
	}
	return 1
}

// LoadVars reads a variables file: a YAML or JSON mapping of names to scalar values.
func LoadVars(path string) (map[string]string, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return nil, wrap(path, err)
	}
	if err := oneDocument(path, src); err != nil {
		return nil, err
	}
	n := &root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if n.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: a variables file is a mapping of names to values", path, n.Line)
	}
	vars := map[string]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("%s:%d: variable %q must be a string or number, not a structure", path, v.Line, k.Value)
		}
		vars[k.Value] = v.Value
	}
	return vars, nil
}

// oneDocument refuses a file holding a second YAML document ("---" and more): only the
// first would be read, the rest silently ignored.
func oneDocument(name string, src []byte) error {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var first, second yaml.Node
	if err := dec.Decode(&first); err != nil {
		return nil // (the first document's errors are reported as such)
	}
	if err := dec.Decode(&second); err == nil {
		line := second.Line
		if second.Kind == yaml.DocumentNode && len(second.Content) > 0 {
			line = second.Content[0].Line
		}
		return fmt.Errorf("%s:%d: a second YAML document; a file holds one (remove the \"---\" before it)", name, line)
	}
	return nil
}
