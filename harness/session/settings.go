package session

import (
	"context"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"time"

	"golang.org/x/oauth2/clientcredentials"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/config"
	"github.com/docconform/docconform/harness/docjson"
	"github.com/docconform/docconform/harness/replay"
	"github.com/docconform/docconform/harness/runner"
	"github.com/docconform/docconform/reports"
)

func osGetenv(name string) string { return os.Getenv(name) }

// auth returns how to get the endpoint's token, and the secrets never to show.
func auth(cfg config.Config, getenv func(string) string) (replay.TokenFunc, []string, error) {
	timeout := time.Duration(cfg.Timeout)
	if cc := cfg.Auth.ClientCredentials; cc != nil {
		secret := getenv(cc.ClientSecretEnv)
		if secret == "" {
			return nil, nil, fmt.Errorf("clientCredentials: the environment variable %s (clientSecretEnv) is empty", cc.ClientSecretEnv)
		}
		cc := clientcredentials.Config{ClientID: cc.ClientID, ClientSecret: secret, TokenURL: cc.TokenURL, Scopes: cc.Scopes}
		return replay.ClientCredentials(cc, timeout), []string{secret}, nil
	}
	env, named := cfg.Auth.TokenEnv, cfg.Auth.TokenEnv != ""
	if !named {
		env = config.DefaultTokenEnv
	}
	tok := strings.TrimSpace(getenv(env))
	switch {
	case tok == "" && named:
		// The default variable may be unset (a public endpoint, the mock); one named on
		// purpose may not: requests would go out unauthenticated.
		return nil, nil, fmt.Errorf("the environment variable %s holds no token", env)
	case tok == "":
		return nil, nil, nil
	case strings.ContainsFunc(tok, func(r rune) bool { return r < ' ' || r == 0x7f }):
		return nil, nil, fmt.Errorf("the token in %s holds a control character (a line break?); it cannot be sent in a header", env)
	}
	return func(context.Context) (string, error) { return tok, nil }, []string{tok}, nil
}

// steps are the configured setup or teardown steps as the runner takes them.
func steps(file string, cs []config.Step) []runner.Step {
	var out []runner.Step
	for _, c := range cs {
		st := runner.Step{Name: c.Name, Method: c.Method, URL: c.URL, Body: string(c.Body), Capture: c.Capture,
			Pos: harness.Pos{File: file, Line: c.Line}}
		typed := false
		for _, k := range slices.Sorted(maps.Keys(c.Headers)) {
			st.Headers = append(st.Headers, harness.Header{Name: k, Value: c.Headers[k]})
			typed = typed || strings.EqualFold(k, "Content-Type")
		}
		if o := docjson.Opening(st.Body); !typed && (o == '{' || o == '[') {
			// A body written as YAML is sent as JSON, and says so (Graph refuses it otherwise).
			st.Headers = append(st.Headers, harness.Header{Name: "Content-Type", Value: "application/json"})
		}
		out = append(out, st)
	}
	return out
}

// checkPaths finds, before the run, the output paths it could not write at its end.
func checkPaths(cfg config.Config, s *prepared) error {
	if cfg.Record != "" {
		if info, err := os.Stat(cfg.Record); err == nil && !info.IsDir() {
			return inputErr("--record %s: it is a file; a cassette is a folder", cfg.Record)
		}
	}
	for _, r := range cfg.Reports {
		name, path, _ := strings.Cut(r, "=") // (Merge has checked the form)
		format, err := reports.FormatNamed(name)
		if err != nil {
			return inputErr("--report %s: %v", r, err)
		}
		if info, err := os.Stat(path); err == nil && info.IsDir() {
			return inputErr("--report %s: %s is a folder; name a file in it", r, path)
		}
		s.reports = append(s.reports, reportTo{format: format, path: path})
	}
	return nil
}
