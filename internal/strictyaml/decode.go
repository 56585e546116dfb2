package strictyaml

import (
	"encoding"
	"errors"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

var (
	unmarshalerType     = reflect.TypeFor[yaml.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	nodeType            = reflect.TypeFor[yaml.Node]()
	durationType        = reflect.TypeFor[time.Duration]()
	timeType            = reflect.TypeFor[time.Time]()
)

// Decode decodes the single YAML document of b into v (a non-nil
// pointer) strictly: DecodeNode of the document One returns, so that a
// second document is an error too. An empty input returns io.EOF.
func Decode(b []byte, v any, path string) error {
	root, err := One(b)
	if err != nil {
		return err
	}
	return DecodeNode(root, v, path)
}

// DecodeNode decodes the node n into v, a non-nil pointer, strictly: a
// key that v's type does not have, a key given twice, a value of the
// wrong kind, or a number with a fraction for a whole-number field (5.99
// for an int: yaml.v3 would decode 5) is an error naming the key's path
// (path is n's own: "" for a document or its root mapping,
// "strategy.params" for a config's params) and its line. Every problem is
// reported, in the order of the document, joined with errors.Join. A nil
// or empty node leaves v as it is; so does a null one. DecodeNode panics
// if v is not a non-nil pointer.
func DecodeNode(n *yaml.Node, v any, path string) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		panic(fmt.Sprintf("strictyaml: DecodeNode into %T, not a non-nil pointer", v))
	}
	if n == nil || n.Kind == 0 {
		return nil
	}
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return nil
		}
		n = n.Content[0]
	}
	var c checker
	c.check(n, rv.Type().Elem(), path)
	if len(c.errs) > 0 {
		return errors.Join(c.errs...)
	}
	if err := n.Decode(v); err != nil {
		return decodeError(err, path, n)
	}
	return nil
}

// checker walks a node against a type, collecting what will not decode.
type checker struct {
	errs []error
	// aliased are the anchored nodes checked, with the type they were
	// checked against: an alias to one is checked once, so that aliases
	// of aliases (a "billion laughs") cost no more than the document.
	aliased map[aliasKey]bool
	// via names the alias the walk is inside ("*d at line 7"), for the
	// errors found there: their line is the anchored value's, on the key
	// holding the anchor, which would otherwise be blamed.
	via string
}

type aliasKey struct {
	n *yaml.Node
	t reflect.Type
}

func (c *checker) add(err error) {
	if c.via != "" {
		var e *Error
		var u *UnknownKeyError
		switch {
		case errors.As(err, &e):
			e.Via = c.via
		case errors.As(err, &u):
			u.Via = c.via
		default:
			err = fmt.Errorf("%w (reached through the alias %s)", err, c.via)
		}
	}
	c.errs = append(c.errs, err)
}

func (c *checker) check(n *yaml.Node, t reflect.Type, path string) {
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return
		}
		if c.via == "" {
			c.via = fmt.Sprintf("*%s at line %d", n.Value, n.Line)
			defer func() { c.via = "" }()
		}
		n = n.Alias
		k := aliasKey{n, t}
		if c.aliased[k] {
			return
		}
		if c.aliased == nil {
			c.aliased = map[aliasKey]bool{}
		}
		c.aliased[k] = true
	}
	if isNull(n) {
		return
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nodeType || t.Kind() == reflect.Interface {
		return
	}
	pt := reflect.PointerTo(t)
	text := pt.Implements(textUnmarshalerType)
	if text && n.Kind != yaml.ScalarNode {
		// Text is a single value, whatever else the type reads.
		c.add(Errorf(path, n.Line, "want a single value, got %s", describe(n)))
		return
	}
	if pt.Implements(unmarshalerType) {
		if err := n.Decode(reflect.New(t).Interface()); err != nil {
			if n.Kind == yaml.ScalarNode && text && lineRef.MatchString(err.Error()) {
				// A line but no key (numeric's numbers): the same
				// refusal from the text, to be given both.
				if terr := reflect.New(t).Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(n.Value)); terr != nil {
					err = terr
				}
			}
			c.add(ownError(err, path, n))
		}
		return
	}
	if text {
		// As yaml.v3 decodes it: a timestamp resolves to a time.Time
		// without its UnmarshalText.
		if err := n.Decode(reflect.New(t).Interface()); err != nil {
			if t == timeType {
				c.add(Errorf(path, n.Line, "want a date (2006-01-02) or a time (2006-01-02T15:04:05Z), got %q", n.Value))
				return
			}
			c.add(ownError(err, path, n))
		}
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			c.add(Errorf(path, n.Line, "want a mapping of keys to values, got %s", describe(n)))
			return
		}
		fields, inline := structFields(t)
		known := make([]string, 0, len(fields))
		for _, f := range fields {
			known = append(known, f.key)
		}
		c.mapping(n, path, func(key string) (reflect.Type, bool) {
			for _, f := range fields {
				if f.key == key {
					return f.typ, true
				}
			}
			if inline != nil {
				return inline.Elem(), true
			}
			return nil, false
		}, known, t)
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			c.add(Errorf(path, n.Line, "want a mapping of keys to values, got %s", describe(n)))
			return
		}
		c.mapping(n, path, func(key string) (reflect.Type, bool) { return t.Elem(), true }, nil, t)
		if kt := t.Key(); kt.Kind() != reflect.String && kt.Kind() != reflect.Interface {
			for i := 0; i+1 < len(n.Content); i += 2 {
				c.check(n.Content[i], kt, join(path, n.Content[i].Value))
			}
		}
	case reflect.Slice, reflect.Array:
		if n.Kind != yaml.SequenceNode {
			c.add(Errorf(path, n.Line, "want a list, got %s", describe(n)))
			return
		}
		if t.Kind() == reflect.Array && len(n.Content) != t.Len() {
			c.add(Errorf(path, n.Line, "want a list of %d values, got %d", t.Len(), len(n.Content)))
		}
		for i, item := range n.Content {
			c.check(item, t.Elem(), fmt.Sprintf("%s[%d]", path, i))
		}
	case reflect.Bool, reflect.String, reflect.Float32, reflect.Float64,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if n.Kind != yaml.ScalarNode {
			c.add(Errorf(path, n.Line, "want %s, got %s", want(t), describe(n)))
			return
		}
		if k := t.Kind(); k >= reflect.Int && k <= reflect.Uintptr && n.ShortTag() == "!!float" && !isWhole(n.Value) {
			c.add(Errorf(path, n.Line, "%s is not a whole number", clip(n.Value)))
			return
		}
		if err := n.Decode(reflect.New(t).Interface()); err != nil {
			c.add(Errorf(path, n.Line, "want %s, got %q", want(t), n.Value))
		}
	}
}

// mapping checks the pairs of the mapping n: field gives the type of a
// key's value (false for an unknown key), known lists the keys for the
// error. Merge keys (<<) merge their mappings' keys in.
func (c *checker) mapping(n *yaml.Node, path string, field func(string) (reflect.Type, bool), known []string, t reflect.Type) {
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Value == "<<" && k.ShortTag() == "!!merge" {
			merged := []*yaml.Node{v}
			if v.Kind == yaml.SequenceNode {
				merged = v.Content
			}
			for _, m := range merged {
				c.check(m, t, path)
			}
			continue
		}
		if k.Kind != yaml.ScalarNode {
			c.add(Errorf(path, k.Line, "want a key, got %s", describe(k)))
			continue
		}
		if first, dup := seen[k.Value]; dup {
			c.add(Errorf(join(path, k.Value), k.Line, "given twice (first at line %d)", first))
			continue
		}
		seen[k.Value] = k.Line
		ft, ok := field(k.Value)
		if !ok {
			c.add(UnknownKey(path, k.Value, k.Line, known))
			continue
		}
		c.check(v, ft, join(path, k.Value))
	}
}

// field is a key of a struct with the type of its value.
type field struct {
	key string
	typ reflect.Type
}

// structFields returns the keys of struct type t as yaml.v3 decodes them:
// the yaml tag's name, else the field's name in lower case; the fields of
// ",inline" structs in place; inline is the type of an ",inline" map,
// which takes every other key.
func structFields(t reflect.Type) (fields []field, inline reflect.Type) {
	for i := range t.NumField() {
		f := t.Field(i)
		if f.PkgPath != "" && !f.Anonymous {
			continue
		}
		tag := f.Tag.Get("yaml")
		if tag == "" && !strings.Contains(string(f.Tag), ":") {
			tag = string(f.Tag)
		}
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if slices.Contains(strings.Split(opts, ","), "inline") {
			ft := f.Type
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			switch ft.Kind() {
			case reflect.Map:
				inline = ft
			case reflect.Struct:
				sub, subInline := structFields(ft)
				fields = append(fields, sub...)
				if subInline != nil {
					inline = subInline
				}
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		fields = append(fields, field{name, f.Type})
	}
	return fields, inline
}

// isNull reports a null scalar (~, null or nothing), which leaves any
// value as it is.
func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// want says what a value of a basic kind must be.
func want(t reflect.Type) string {
	if t == durationType {
		return "a duration such as 90s or 1h30m"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "a single value"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Int, reflect.Int64:
		return "a whole number"
	case reflect.Int8, reflect.Int16, reflect.Int32:
		max := int64(1)<<(t.Bits()-1) - 1
		return fmt.Sprintf("a whole number from %d to %d", -max-1, max)
	case reflect.Uint, reflect.Uint64, reflect.Uintptr:
		return "a whole number, not negative"
	}
	return fmt.Sprintf("a whole number from 0 to %d", uint64(math.MaxUint64)>>(64-t.Bits()))
}

// describe names a node's value for an error.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.DocumentNode:
		return "a document"
	}
	return fmt.Sprintf("%q", n.Value)
}

// lineRef matches an error that already names its line.
var lineRef = regexp.MustCompile(`\bline \d+\b`)

// ownError is the error of a type that decodes itself: kept when it names
// its line, else given the key and line.
func ownError(err error, path string, n *yaml.Node) error {
	if lineRef.MatchString(err.Error()) {
		return err
	}
	return Errorf(path, n.Line, "%s", strings.TrimPrefix(err.Error(), "yaml: "))
}

// decodeError explains an error of yaml.v3 after the walk found none (a
// type the walk does not know): without its Go type names.
func decodeError(err error, path string, n *yaml.Node) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return ownError(err, path, n)
	}
	var errs []error
	for _, msg := range te.Errors {
		line := n.Line
		if _, e := fmt.Sscanf(msg, "line %d:", &line); e == nil {
			_, msg, _ = strings.Cut(msg, ": ")
		}
		if m := typeMismatch.FindStringSubmatch(msg); m != nil {
			msg = fmt.Sprintf("cannot hold %s", m[1])
		}
		errs = append(errs, Errorf(path, line, "%s", msg))
	}
	return errors.Join(errs...)
}

// typeMismatch matches yaml.v3's "cannot unmarshal !!str `abc` into T".
var typeMismatch = regexp.MustCompile("^cannot unmarshal !!\\w+ (.*) into .*$")

// isWhole reports whether a YAML float is a whole number (5.0, 1e3).
func isWhole(s string) bool {
	r, ok := new(big.Rat).SetString(strings.ReplaceAll(s, "_", ""))
	return ok && r.IsInt()
}

// clip cuts a value to 64 bytes for an error message.
func clip(s string) string {
	if len(s) > 64 {
		return s[:61] + "..."
	}
	return s
}
