package numeric

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// BackendInfo describes one backend of the registry.
type BackendInfo struct {
	// Name is the backend's name in configs, flags, reports and errors,
	// and what [Backend] returns for its type.
	Name string
	// Description says in one line what the backend is.
	Description string
	// Exact reports whether the backend holds every decimal within its
	// precision exactly, so that money is exact or rounded at documented
	// points (Fixed, Decimal). Float approximates decimals in binary.
	Exact bool
}

// registry lists the backends: Float first, the speed baseline every
// overhead is measured against; Decimal last, the reference every drift is
// measured from. The generator's list (internal/specialize) follows it;
// TestRegistryMatchesGenerator checks that the two agree.
var registry = [...]BackendInfo{
	{Name: floatName, Description: "float64, IEEE 754 binary64: the speed baseline"},
	{Name: fixedName, Description: "int64 counting 1e-8 units: exact money at float speed", Exact: true},
	{Name: decimalName, Description: "decimal of 34 significant digits: the arbitrary-precision reference", Exact: true},
}

// ErrUnknownBackend is wrapped by the error of [LookupBackend] for a name no
// backend has.
var ErrUnknownBackend = errors.New("unknown backend")

// Backends returns every backend of the registry, in its order (Float
// first, Decimal last), as a new slice.
func Backends() []BackendInfo { return slices.Clone(registry[:]) }

// BackendNames returns the names of [Backends], in order, as a new slice.
func BackendNames() []string {
	names := make([]string, len(registry))
	for i, b := range registry {
		names[i] = b.Name
	}
	return names
}

// BackendChoices returns the names of the backends as a message lists
// them: "float, fixed or decimal".
func BackendChoices() string {
	names := BackendNames()
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// LookupBackend returns the backend named name. For any other name the
// error wraps [ErrUnknownBackend] and lists the names: unknown backend
// "quad" (want float, fixed or decimal).
func LookupBackend(name string) (BackendInfo, error) {
	for _, b := range registry {
		if b.Name == name {
			return b, nil
		}
	}
	return BackendInfo{}, fmt.Errorf("%w %q (want %s)", ErrUnknownBackend, name, BackendChoices())
}
