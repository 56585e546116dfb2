package builtin_test

import (
	"slices"
	"testing"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/strategies/builtin"
	"github.com/pennybt/penny/strategies/buyhold"
	"github.com/pennybt/penny/strategies/meanrev"
	"github.com/pennybt/penny/strategies/momentum"
	"github.com/pennybt/penny/strategies/smacross"
)

// TestStrategies: Penny's own strategies, each on every backend of the
// registry, in its order (the constructors come from the generated
// dispatchers: a backend added to numeric reaches them by go generate).
func TestStrategies(t *testing.T) {
	var names []string
	for _, e := range builtin.Strategies() {
		names = append(names, e.Name())
		if !slices.Equal(e.Backends(), numeric.BackendNames()) {
			t.Errorf("%s runs on %v, want every backend %v", e.Name(), e.Backends(), numeric.BackendNames())
		}
	}
	if want := []string{smacross.Name, momentum.Name, meanrev.Name, buyhold.Name}; !slices.Equal(names, want) {
		t.Errorf("names %v, want %v", names, want)
	}
	if got := builtin.Table().Names(); !slices.Equal(got, names) {
		t.Errorf("table names %v", got)
	}
}
