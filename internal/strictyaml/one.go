package strictyaml

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"gopkg.in/yaml.v3"
)

// One parses b as a single YAML document and returns its node: a stream
// of two documents or more is an error naming the line of the second (a
// decoder reads the first one only and drops the rest without a word). An
// empty input returns io.EOF.
func One(b []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
		return &doc, nil
	case err != nil:
		return nil, err
	}
	return nil, fmt.Errorf("line %d: a second YAML document (after ---): a file holds one", next.Line)
}
