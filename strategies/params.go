package strategies

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"gopkg.in/yaml.v3"

	"github.com/pennybt/penny/internal/strictyaml"
	"github.com/pennybt/penny/numeric"
)

// DecodeParams decodes a strategy's params mapping into p strictly: an
// unknown key or a value of the wrong type is an error naming it. A nil
// node leaves p as it is (the strategy's defaults).
func DecodeParams(node *yaml.Node, p any) error {
	if node == nil || node.Kind == 0 {
		return nil
	}
	if node.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: strategy.params must be a mapping", node.Line)
	}
	if err := strictyaml.Whole(node, p, "strategy.params"); err != nil {
		return err
	}
	text, err := yaml.Marshal(node)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(bytes.NewReader(text))
	dec.KnownFields(true)
	if err := dec.Decode(p); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("strategy.params: %w", err)
	}
	return nil
}

// Number converts a decimal parameter to the backend N exactly; key names
// the parameter in the error (Fixed refuses more than 8 decimals).
func Number[N numeric.Number[N]](key string, d numeric.Decimal) (N, error) {
	v, err := numeric.Parse[N](d.String())
	if err != nil {
		return v, fmt.Errorf("strategy.params.%s: %w", key, err)
	}
	return v, nil
}
