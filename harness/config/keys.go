package config

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/docconform/docconform/harness/internal/editdist"
)

// UnknownKeyError is a key a configuration file may not hold at its place.
type UnknownKeyError struct {
	File string
	Line int
	Key  string
	// In is the mapping the key is in ("" for the top level, "auth", "setup step", ...).
	In string
	// Known are the keys allowed there; Suggestion is the closest of them to Key ("" when
	// none is close).
	Known      []string
	Suggestion string
}

func (e *UnknownKeyError) Error() string {
	where := ""
	if e.In != "" {
		where = " in " + e.In
	}
	msg := fmt.Sprintf("%s:%d: unknown key %s%s", e.File, e.Line, e.Key, where)
	if e.Suggestion != "" {
		return msg + fmt.Sprintf(" (did you mean %s?)", e.Suggestion)
	}
	return msg + " (known: " + strings.Join(e.Known, ", ") + ")"
}

// knownKeys checks every mapping key of n against the YAML keys of t, at every depth the
// type describes (structs, pointers, lists and maps of them).
func knownKeys(file string, n *yaml.Node, t reflect.Type) error {
	return walkKeys(file, n, t, "")
}

func walkKeys(file string, n *yaml.Node, t reflect.Type, in string) error {
	if n.Kind == yaml.DocumentNode {
		for _, c := range n.Content {
			if err := walkKeys(file, c, t, in); err != nil {
				return err
			}
		}
		return nil
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Slice:
		if n.Kind == yaml.SequenceNode {
			for _, c := range n.Content {
				if err := walkKeys(file, c, t.Elem(), singular(in)); err != nil {
					return err
				}
			}
		}
		return nil
	case reflect.Map:
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if err := walkKeys(file, n.Content[i+1], t.Elem(), in+" "+n.Content[i].Value); err != nil {
					return err
				}
			}
		}
		return nil
	case reflect.Struct:
	default:
		return nil
	}
	if n.Kind != yaml.MappingNode || t.Implements(reflect.TypeFor[yaml.Unmarshaler]()) || reflect.PointerTo(t).Implements(reflect.TypeFor[yaml.Unmarshaler]()) {
		return nil
	}
	fields := map[string]reflect.Type{}
	var known []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		fields[name] = f.Type
		known = append(known, name)
	}
	slices.Sort(known)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		ft, ok := fields[k.Value]
		if !ok {
			return &UnknownKeyError{File: file, Line: k.Line, Key: k.Value, In: strings.TrimSpace(in), Known: known, Suggestion: closest(k.Value, known)}
		}
		if err := walkKeys(file, n.Content[i+1], ft, k.Value); err != nil {
			return err
		}
	}
	return nil
}

// singular names one item of a list key: "setup" → "setup step".
func singular(key string) string {
	switch key {
	case "setup", "teardown":
		return key + " step"
	}
	return key
}

// closest is the known key nearest to key, when it is near enough to be a typo.
func closest(key string, known []string) string {
	best, dist := "", 0
	for _, k := range known {
		d := editdist.Strings(strings.ToLower(key), strings.ToLower(k))
		if best == "" || d < dist {
			best, dist = k, d
		}
	}
	if best == "" || dist > max(2, len(key)/3) {
		return ""
	}
	return best
}
