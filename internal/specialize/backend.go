package specialize

import "slices"

// numericPath is the import path of the package that defines the backends
// and the Number constraint.
const numericPath = "github.com/pennybt/penny/numeric"

// Backend is one numeric backend as the generator knows it.
type Backend struct {
	// Type is the backend's type in package numeric ("Fixed"), and the
	// suffix of the specialized copies (smaStepFixed).
	Type string
	// Name is the name numeric's registry knows the backend by ("fixed"):
	// the ByName functions switch on it.
	Name string
}

// backends is the generator's list of backends, in the order of numeric's
// registry (numeric.Backends). A test in package numeric checks that the two
// lists agree, name for name and type for type.
var backends = [...]Backend{
	{Type: "Float", Name: "float"},
	{Type: "Fixed", Name: "fixed"},
	{Type: "Decimal", Name: "decimal"},
}

// Backends returns the generator's list of backends, a fresh slice.
func Backends() []Backend { return slices.Clone(backends[:]) }
