package numeric

import (
	"bytes"
	"encoding/json"
	"fmt"

	"gopkg.in/yaml.v3"
)

func marshalJSONText(text []byte) []byte {
	b := make([]byte, 0, len(text)+2)
	b = append(b, '"')
	b = append(b, text...)
	return append(b, '"')
}

// unmarshalJSONWith passes the text of a JSON string or number to set.
// null leaves the value unchanged, as encoding/json does.
func unmarshalJSONWith(b []byte, set func([]byte) error) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		return set([]byte(s))
	}
	if !json.Valid(b) {
		return fmt.Errorf("numeric: invalid JSON number %q", b)
	}
	return set(b)
}

// yamlScalar returns a plain YAML scalar node for canonical decimal text, so
// that it is written unquoted, as a number.
func yamlScalar(text string) *yaml.Node {
	tag := "!!int"
	if bytes.ContainsAny([]byte(text), ".eE") {
		tag = "!!float"
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: text}
}

// unmarshalYAMLWith passes the text of a YAML scalar to set, exactly as
// written in the file (never through float64).
func unmarshalYAMLWith(n *yaml.Node, set func([]byte) error) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("numeric: line %d: want a number, got a YAML %s", n.Line, yamlKind(n.Kind))
	}
	if err := set([]byte(n.Value)); err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	return nil
}

func yamlKind(k yaml.Kind) string {
	switch k {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "sequence"
	case yaml.AliasNode:
		return "alias"
	}
	return "document"
}

// MarshalYAML writes x as a plain YAML number in canonical form.
func (x Fixed) MarshalYAML() (any, error) { return yamlScalar(x.String()), nil }

// UnmarshalYAML reads a YAML scalar exactly with [Fixed.Parse].
func (x *Fixed) UnmarshalYAML(n *yaml.Node) error { return unmarshalYAMLWith(n, x.UnmarshalText) }

// MarshalYAML writes x as a plain YAML number in canonical form.
func (x Float) MarshalYAML() (any, error) { return yamlScalar(x.String()), nil }

// UnmarshalYAML reads a YAML scalar with [Float.Parse].
func (x *Float) UnmarshalYAML(n *yaml.Node) error { return unmarshalYAMLWith(n, x.UnmarshalText) }

// MarshalText implements [encoding.TextMarshaler] with the canonical form.
func (x Float) MarshalText() ([]byte, error) { return []byte(x.String()), nil }

// UnmarshalText implements [encoding.TextUnmarshaler] with [Float.Parse].
func (x *Float) UnmarshalText(b []byte) error {
	v, err := Float(0).Parse(string(b))
	if err != nil {
		return err
	}
	*x = v
	return nil
}

// MarshalJSON writes x as a JSON string holding the canonical form.
func (x Float) MarshalJSON() ([]byte, error) { return marshalJSONText([]byte(x.String())), nil }

// UnmarshalJSON reads a JSON string or number.
func (x *Float) UnmarshalJSON(b []byte) error { return unmarshalJSONWith(b, x.UnmarshalText) }
