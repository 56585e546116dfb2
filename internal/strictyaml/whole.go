package strictyaml

import (
	"encoding"
	"fmt"
	"math/big"
	"reflect"
	"strings"

	"gopkg.in/yaml.v3"
)

// maxDepth bounds the walk: deeper YAML than any Penny type is left to
// the decoder.
const maxDepth = 64

var (
	unmarshalerType     = reflect.TypeFor[yaml.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	nodeType            = reflect.TypeFor[yaml.Node]()
)

// Whole reports the first scalar of n that is a number with a fraction
// (5.99, -3.5, 1e-3) where v, a pointer to the value n decodes into,
// holds a whole number (an int or uint kind). path names n in the error
// ("strategy.params"); the error reads
//
//	strategy.params.fast (line 7): 5.99 is not a whole number
//
// Keys the type does not have, and types that decode themselves (a
// yaml.Unmarshaler or encoding.TextUnmarshaler), are left to the decoder.
func Whole(n *yaml.Node, v any, path string) error {
	if n == nil {
		return nil
	}
	t := reflect.TypeOf(v)
	if t == nil {
		return nil
	}
	return whole(n, t, path, 0)
}

func whole(n *yaml.Node, t reflect.Type, path string, depth int) error {
	if depth > maxDepth {
		return nil
	}
	for n.Kind == yaml.AliasNode && n.Alias != nil && depth < maxDepth {
		n, depth = n.Alias, depth+1
	}
	if n.Kind == yaml.DocumentNode {
		for _, c := range n.Content {
			if err := whole(c, t, path, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	for t.Kind() == reflect.Pointer {
		if t.Implements(unmarshalerType) || t.Implements(textUnmarshalerType) {
			return nil
		}
		t = t.Elem()
	}
	if t == nodeType || reflect.PointerTo(t).Implements(unmarshalerType) || reflect.PointerTo(t).Implements(textUnmarshalerType) {
		return nil
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!float" && !isWhole(n.Value) {
			return fmt.Errorf("%s (line %d): %s is not a whole number", path, n.Line, clip(n.Value))
		}
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return nil
		}
		fields := structFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Value == "<<" {
				// A merge key: its mapping's keys are this struct's.
				if err := whole(val, t, path, depth+1); err != nil {
					return err
				}
				continue
			}
			ft, ok := fields[k.Value]
			if !ok {
				continue
			}
			if err := whole(val, ft, join(path, k.Value), depth+1); err != nil {
				return err
			}
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return nil
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if err := whole(n.Content[i+1], t.Elem(), join(path, n.Content[i].Value), depth+1); err != nil {
				return err
			}
		}
	case reflect.Slice, reflect.Array:
		if n.Kind != yaml.SequenceNode {
			return nil
		}
		for i, c := range n.Content {
			if err := whole(c, t.Elem(), fmt.Sprintf("%s[%d]", path, i), depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// structFields maps the YAML keys of struct type t to their types, inline
// structs' keys included, as yaml.v3 names them (the tag's name, or the
// field's name in lower case).
func structFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() && !f.Anonymous {
			continue
		}
		tag := f.Tag.Get("yaml")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if strings.Contains(","+opts+",", ",inline,") {
			ft := f.Type
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				for k, v := range structFields(ft) {
					out[k] = v
				}
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = f.Type
	}
	return out
}

// isWhole reports whether a YAML float is a whole number (5.0, 1e3).
func isWhole(s string) bool {
	r, ok := new(big.Rat).SetString(strings.ReplaceAll(s, "_", ""))
	return ok && r.IsInt()
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// clip cuts a value to 64 bytes for an error message.
func clip(s string) string {
	if len(s) > 64 {
		return s[:61] + "..."
	}
	return s
}
