package strictyaml

import (
	"bytes"

	"gopkg.in/yaml.v3"
)

// Decode decodes the single YAML document of b into v (a pointer)
// strictly: a key v has no field for, a second document ([One]) or a
// number with a fraction for a whole-number field ([Whole], its keys
// named from path) is an error. Errors of yaml.v3 are returned as it
// words them, for the caller to locate; an empty input returns io.EOF.
func Decode(b []byte, v any, path string) error {
	root, err := One(b)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return err
	}
	return Whole(root, v, path)
}
