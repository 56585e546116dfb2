package numeric

import (
	"errors"
	"slices"
	"testing"

	"github.com/pennybt/penny/internal/specialize"
)

func TestLookupBackend(t *testing.T) {
	for _, b := range Backends() {
		got, err := LookupBackend(b.Name)
		if err != nil || got != b {
			t.Errorf("LookupBackend(%q) = %+v, %v", b.Name, got, err)
		}
	}
	_, err := LookupBackend("quad")
	if !errors.Is(err, ErrUnknownBackend) || err.Error() != `unknown backend "quad" (want float, fixed or decimal)` {
		t.Errorf("LookupBackend(quad) error = %v", err)
	}
	if _, err := LookupBackend("Fixed"); !errors.Is(err, ErrUnknownBackend) {
		t.Errorf("LookupBackend(Fixed) error = %v: names are lower case", err)
	}
	if got := BackendChoices(); got != "float, fixed or decimal" {
		t.Errorf("BackendChoices = %q", got)
	}
}

// TestBackendsFresh: the registry cannot be changed through the slices it
// hands out.
func TestBackendsFresh(t *testing.T) {
	bs, names := Backends(), BackendNames()
	bs[0].Name, names[0] = "changed", "changed"
	if Backends()[0].Name != floatName || BackendNames()[0] != floatName {
		t.Fatal("the registry changed")
	}
}

// backendFacts returns what backend N says of itself: its name, and 0.1 +
// 0.2 as text.
//
//penny:backends
func backendFacts[N Number[N]]() (name, sum string) {
	return Backend[N](), MustParse[N]("0.1").Add(MustParse[N]("0.2")).String()
}

// TestRegistryMatchesGenerator checks the registry against the generator's
// list of backends (internal/specialize), which the ByName dispatchers are
// written from: the same names in the same order, each dispatched to the
// type whose Backend is that name, and Exact true where decimals are exact.
func TestRegistryMatchesGenerator(t *testing.T) {
	var gen []string
	for _, b := range specialize.Backends() {
		gen = append(gen, b.Name)
	}
	if !slices.Equal(gen, BackendNames()) {
		t.Fatalf("the generator's backends %v, the registry's %v: update internal/specialize/backend.go and run go generate ./...", gen, BackendNames())
	}
	for _, b := range Backends() {
		f, ok := backendFactsByName(b.Name)
		if !ok {
			t.Errorf("%s: no dispatch: run go generate ./...", b.Name)
			continue
		}
		name, sum := f()
		if name != b.Name {
			t.Errorf("%s dispatches to the type of backend %s", b.Name, name)
		}
		if exact := sum == "0.3"; exact != b.Exact {
			t.Errorf("%s: Exact is %v, but 0.1 + 0.2 = %s", b.Name, b.Exact, sum)
		}
	}
	if _, ok := backendFactsByName("quad"); ok {
		t.Error("a dispatch for quad")
	}
}
