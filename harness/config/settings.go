package config

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/docconform/docconform/harness/compare"
	"github.com/docconform/docconform/harness/extract"
	"github.com/docconform/docconform/harness/internal/docurl"
	"github.com/docconform/docconform/harness/replay"
)

// Default is the configuration of a run given no file and no flag.
func Default() Config {
	retries := replay.DefaultRetries
	return Config{
		Endpoint:     "mock",
		APIVersion:   "v1.0",
		Concurrency:  4,
		Timeout:      Duration(replay.DefaultTimeout),
		Retries:      &retries,
		MaxRetryWait: Duration(replay.DefaultMaxRetryWait),
		MaxBody:      replay.DefaultMaxBody,
		Compare:      "shape",
		Extra:        "fail",
		MaxPageSize:  extract.DefaultMaxPageSize,
		Auth:         Auth{TokenEnv: DefaultTokenEnv},
	}
}

// DefaultTokenEnv is the environment variable a bearer token is read from by default.
const DefaultTokenEnv = "DOCCONFORM_TOKEN"

// flagKeys maps docconform run's flags to the settings they give (the file's key, or a
// setting only flags give).
var flagKeys = map[string]string{
	"endpoint": "endpoint", "api-version": "apiVersion", "concurrency": "concurrency",
	"rate": "rate", "timeout": "timeout", "deadline": "deadline", "retries": "retries",
	"max-retry-wait": "maxRetryWait", "max-body": "maxBody", "allow-writes": "allowWrites",
	"compare": "compare", "ignore": "ignore", "extra": "extra", "token-env": "auth.tokenEnv",
	"var": "variables", "vars": "vars", "run": "run", "shard": "shard", "record": "record",
	"cassette": "cassette", "report": "report", "dry-run": "dryRun",
	"annotated-only": "annotatedOnly", "max-page-size": "maxPageSize",
}

// SetFlag gives the setting of a command-line flag (a list flag once per value): it
// overrides the file, and messages about it name the flag. It reports false for a flag
// that is not a setting of the run (such as --show-skipped).
func (c *Config) SetFlag(flag, value string) (bool, error) {
	key, ok := flagKeys[flag]
	if !ok {
		return false, nil
	}
	if c.flags == nil {
		c.flags = map[string]string{}
	}
	c.flags[key] = "--" + flag
	bad := func(what string) (bool, error) {
		return true, fmt.Errorf("--%s %q: %s", flag, value, what)
	}
	strs := map[string]*string{"endpoint": &c.Endpoint, "apiVersion": &c.APIVersion, "compare": &c.Compare,
		"extra": &c.Extra, "vars": &c.VarsFile, "run": &c.Run, "shard": &c.Shard, "record": &c.Record, "cassette": &c.Cassette}
	var err error
	switch key {
	case "auth.tokenEnv":
		c.Auth.TokenEnv = value
		c.Auth.ClientCredentials = nil // a token variable named on purpose wins
	case "ignore":
		c.Ignore = append(c.Ignore, value)
	case "report":
		c.Reports = append(c.Reports, value)
	case "variables":
		k, v, ok := strings.Cut(value, "=")
		if !ok || k == "" {
			return bad("write NAME=VALUE")
		}
		if c.flagVars == nil {
			c.flagVars = map[string]string{}
		}
		c.flagVars[k] = v
	case "concurrency":
		c.Concurrency, err = strconv.Atoi(value)
	case "retries":
		var n int
		n, err = strconv.Atoi(value)
		c.Retries = &n
	case "rate":
		c.Rate, err = strconv.ParseFloat(value, 64)
	case "maxBody":
		c.MaxBody, err = strconv.ParseInt(value, 10, 64)
	case "maxPageSize":
		c.MaxPageSize, err = strconv.ParseInt(value, 10, 64)
	case "timeout", "deadline", "maxRetryWait":
		var d time.Duration
		if d, err = time.ParseDuration(value); err == nil {
			*c.duration(key) = Duration(d)
		}
	case "allowWrites", "dryRun", "annotatedOnly":
		var b bool
		if b, err = strconv.ParseBool(value); err == nil {
			*c.boolean(key) = b
		}
	default:
		*strs[key] = value
	}
	if err != nil {
		return bad("not a value of this flag")
	}
	return true, nil
}

func (c *Config) duration(key string) *Duration {
	switch key {
	case "timeout":
		return &c.Timeout
	case "deadline":
		return &c.Deadline
	}
	return &c.MaxRetryWait
}

func (c *Config) boolean(key string) *bool {
	switch key {
	case "allowWrites":
		return &c.AllowWrites
	case "dryRun":
		return &c.DryRun
	}
	return &c.AnnotatedOnly
}

// Merge completes a configuration, read from a file and given flags, with the defaults
// and the variables file, and checks it: the one place a run's settings are validated.
// Errors name the flag, or the file and line, that gave the setting at fault.
func (c Config) Merge() (Config, error) {
	if c.merged {
		return c, nil // (a merged configuration is complete and checked: its --vars are read)
	}
	d := Default()
	if c.Endpoint == "" {
		c.Endpoint = d.Endpoint
	}
	if c.APIVersion == "" {
		c.APIVersion = d.APIVersion
	}
	if c.Compare == "" {
		c.Compare = d.Compare
	}
	if c.Extra == "" {
		c.Extra = d.Extra
	}
	if c.Concurrency == 0 && !c.given("concurrency") {
		c.Concurrency = d.Concurrency
	}
	if c.Timeout == 0 && !c.given("timeout") {
		c.Timeout = d.Timeout
	}
	if c.MaxRetryWait == 0 && !c.given("maxRetryWait") {
		c.MaxRetryWait = d.MaxRetryWait
	}
	if c.Retries == nil {
		c.Retries = d.Retries
	}
	if c.MaxBody == 0 && !c.given("maxBody") {
		c.MaxBody = d.MaxBody
	}
	if c.MaxPageSize == 0 && !c.given("maxPageSize") {
		c.MaxPageSize = d.MaxPageSize
	}
	vars := map[string]string{}
	for k, v := range c.Variables {
		vars[k] = v
	}
	if c.VarsFile != "" {
		vs, err := LoadVars(c.VarsFile)
		if err != nil {
			return c, fmt.Errorf("--vars: %v", err)
		}
		for k, v := range vs {
			vars[k] = v
		}
	}
	for k, v := range c.flagVars {
		vars[k] = v
	}
	c.Variables = vars
	if err := c.check(); err != nil {
		return c, err
	}
	c.merged = true
	return c, nil
}

// given reports whether a file or a flag gave the setting.
func (c *Config) given(key string) bool {
	_, flag := c.flags[key]
	_, line := c.lines[key]
	return flag || line
}

// at is how a message names a setting: the flag that gave it ("--timeout"), else its
// place in the file ("run.yaml:3: timeout"), else its key.
func (c *Config) at(key string) string {
	if f, ok := c.flags[key]; ok {
		return f
	}
	base, _, _ := strings.Cut(key, ".")
	if f, ok := c.flags[base]; ok {
		return f
	}
	line, ok := c.lines[key]
	if !ok {
		line, ok = c.lines[base]
	}
	if ok && c.File != "" {
		return fmt.Sprintf("%s:%d: %s", c.File, line, keyName(key))
	}
	return keyName(key)
}

// keyName is a setting's key as the file writes it: "auth.clientCredentials" →
// "clientCredentials", "include.2" → "include".
func keyName(key string) string {
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		if _, err := strconv.Atoi(key[i+1:]); err == nil {
			key = key[:i]
		}
	}
	return key[strings.LastIndexByte(key, '.')+1:]
}

func (c *Config) listOf(key string) []string {
	switch key {
	case "include":
		return c.Include
	case "exclude":
		return c.Exclude
	}
	return c.Ignore
}

// check validates every setting that is set.
func (c *Config) check() error {
	switch {
	case c.Compare != "" && c.Compare != "shape" && c.Compare != "exact":
		return fmt.Errorf("%s must be shape or exact, not %q", c.at("compare"), c.Compare)
	case c.Extra != "" && c.Extra != "fail" && c.Extra != "warn" && c.Extra != "allow":
		return fmt.Errorf("%s must be fail, warn or allow, not %q", c.at("extra"), c.Extra)
	case c.Concurrency < 0 || (c.Concurrency == 0 && c.given("concurrency")):
		return fmt.Errorf("%s must be at least 1", c.at("concurrency"))
	case c.Rate < 0 || c.Rate != c.Rate:
		return fmt.Errorf("%s must not be negative (0: no cap), not %v", c.at("rate"), c.Rate)
	case c.Retries != nil && *c.Retries < 0:
		return fmt.Errorf("%s must not be negative, not %d", c.at("retries"), *c.Retries)
	case c.MaxBody < 0 || (c.MaxBody == 0 && c.given("maxBody")):
		return fmt.Errorf("%s must be more than 0, not %d", c.at("maxBody"), c.MaxBody)
	case c.MaxPageSize < 0 || (c.MaxPageSize == 0 && c.given("maxPageSize")):
		return fmt.Errorf("%s must be more than 0, not %d", c.at("maxPageSize"), c.MaxPageSize)
	case c.Timeout < 0 || (c.Timeout == 0 && c.given("timeout")):
		return fmt.Errorf("%s must be more than 0, not %s", c.at("timeout"), time.Duration(c.Timeout))
	case c.Deadline < 0:
		return fmt.Errorf("%s must not be negative (0: none), not %s", c.at("deadline"), time.Duration(c.Deadline))
	case c.MaxRetryWait < 0:
		return fmt.Errorf("%s must not be negative, not %s", c.at("maxRetryWait"), time.Duration(c.MaxRetryWait))
	}
	if e := c.Endpoint; e != "" && e != "mock" {
		if u, err := url.Parse(e); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("%s %q is not an http(s) base URL or \"mock\"", c.at("endpoint"), e)
		}
	}
	for _, key := range []string{"include", "exclude"} {
		for i, p := range c.listOf(key) {
			if _, err := path.Match(p, ""); err != nil {
				return fmt.Errorf("%s pattern %q is malformed (an unclosed [ or a trailing \\?)", c.at(fmt.Sprintf("%s.%d", key, i)), p)
			}
		}
	}
	for i, p := range c.Ignore {
		if err := compare.ValidIgnore(p); err != nil {
			return fmt.Errorf("%s: %v", c.at(fmt.Sprintf("ignore.%d", i)), err)
		}
	}
	for id, o := range c.Examples {
		for _, p := range o.Ignore {
			if err := compare.ValidIgnore(p); err != nil {
				return fmt.Errorf("%s:%d: examples %s: ignore: %v", c.File, o.Line, id, err)
			}
		}
	}
	if cc := c.Auth.ClientCredentials; cc != nil {
		at := c.at("auth.clientCredentials")
		switch {
		case cc.TokenURL == "":
			return fmt.Errorf("%s needs tokenURL", at)
		case cc.ClientID == "":
			return fmt.Errorf("%s needs clientID", at)
		case cc.ClientSecretEnv == "":
			return fmt.Errorf("%s needs clientSecretEnv (the secret is read from the environment, never from this file)", at)
		}
	}
	if c.Run != "" {
		if _, err := regexp.Compile(c.Run); err != nil {
			return fmt.Errorf("%s: %v", c.at("run"), err)
		}
	}
	if c.Shard != "" {
		if _, _, err := c.ShardKN(); err != nil {
			return err
		}
	}
	for _, r := range c.Reports {
		if _, _, ok := strings.Cut(r, "="); !ok || strings.HasSuffix(r, "=") {
			return fmt.Errorf("--report %q: write FORMAT=FILE, e.g. json=report.json", r)
		}
	}
	return nil
}

// Warnings are what is doubtful in the settings, though not wrong: a message a line.
func (c *Config) Warnings() []string {
	var ws []string
	if u, err := url.Parse(c.Endpoint); err == nil && c.Endpoint != "mock" {
		if last := path.Base(strings.TrimRight(u.Path, "/")); docurl.IsVersion(last) {
			msg := fmt.Sprintf("ends in /%s, and the documented paths bring their own version (/%s/v1.0/..., /%s/beta/...); leave it out unless the service wants both", last, last, last)
			at := c.at("endpoint")
			if pos, key, ok := strings.Cut(at, ": "); ok && !strings.HasPrefix(at, "--") {
				ws = append(ws, pos+": warning: "+key+" "+msg)
			} else {
				ws = append(ws, "warning: "+at+" "+msg)
			}
		}
	}
	return ws
}

// ShardKN is --shard K/N as numbers (0, 0 when there is no shard).
func (c *Config) ShardKN() (int, int, error) {
	if c.Shard == "" {
		return 0, 0, nil
	}
	ks, ns, ok := strings.Cut(c.Shard, "/")
	k, err1 := strconv.Atoi(ks)
	n, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil || n < 1 || k < 1 || k > n {
		return 0, 0, fmt.Errorf("%s %q: write K/N with 1 ≤ K ≤ N, e.g. 2/4", c.at("shard"), c.Shard)
	}
	return k, n, nil
}

// CompareOptions are the comparison settings as options of package compare.
func (c *Config) CompareOptions() []compare.Option {
	var opts []compare.Option
	if c.Compare == "exact" {
		opts = append(opts, compare.WithMode(compare.Exact))
	}
	switch c.Extra {
	case "warn":
		opts = append(opts, compare.Extra(compare.ExtraWarn))
	case "allow":
		opts = append(opts, compare.Extra(compare.ExtraAllow))
	}
	return append(opts, compare.Ignore(c.Ignore...))
}
