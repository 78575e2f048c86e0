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
// Command-line flags override the file: docconform run gives each flag it was given to
// Config.SetFlag, and Config.Merge fills in the defaults (Default), reads --vars and checks
// the whole, once, for the run and for docconform compare alike. A message about a bad
// value names where it came from: the flag ("--timeout must be more than 0"), or the file
// and line ("run.yaml:7: timeout must be more than 0"). An unknown key is an
// *UnknownKeyError naming its line and the closest known key ("unknown key concurrncy
// (did you mean concurrency?)"); Config.Warnings says what is doubtful but allowed.
package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
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

	// Settings only the command line gives (docconform run's flags).
	VarsFile      string   `yaml:"-"` // --vars: a file of variables, over Variables
	Run           string   `yaml:"-"` // --run: a regular expression on example IDs
	Shard         string   `yaml:"-"` // --shard K/N
	Record        string   `yaml:"-"` // --record: the cassette folder to record in
	Cassette      string   `yaml:"-"` // --cassette: the cassette folder the mock replays
	Reports       []string `yaml:"-"` // --report FORMAT=FILE
	DryRun        bool     `yaml:"-"` // --dry-run
	AnnotatedOnly bool     `yaml:"-"` // --annotated-only
	MaxPageSize   int64    `yaml:"-"` // --max-page-size, in bytes

	// File is the configuration file's name ("" when there is none).
	File string `yaml:"-"`
	// where each setting was given: a key's line in File, or the flag that set it.
	lines    map[string]int
	flags    map[string]string
	flagVars map[string]string // --var, over the variables file
	merged   bool              // Merge has completed and checked it
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

// Parse reads a configuration file's content; name prefixes errors, which name the line.
// An unknown key is an *UnknownKeyError.
func Parse(name string, src []byte) (Config, error) {
	c := Config{File: name}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return c, wrap(name, err)
	}
	if err := knownKeys(name, &root, reflect.TypeFor[Config]()); err != nil {
		return c, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && err.Error() != "EOF" {
		return c, wrap(name, err)
	}
	c.File = name
	if err := oneDocument(name, src); err != nil {
		return c, err
	}
	c.lines = map[string]int{}
	top := &root
	if top.Kind == yaml.DocumentNode && len(top.Content) > 0 {
		top = top.Content[0]
	}
	if top.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(top.Content); i += 2 {
			c.lines[top.Content[i].Value] = top.Content[i].Line
		}
	}
	c.lines["auth.clientCredentials"] = lineOf(&root, "auth", "clientCredentials")
	for _, key := range []string{"include", "exclude", "ignore"} {
		for i := range c.listOf(key) {
			c.lines[fmt.Sprintf("%s.%d", key, i)] = lineOfIndex(&root, key, i)
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
	return c, c.check()
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
