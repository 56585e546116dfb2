package backendtest

import (
	"slices"
	"strings"
	"testing"

	"github.com/pennybt/penny/internal/specialize"
	"github.com/pennybt/penny/numeric"
)

//go:generate go run github.com/pennybt/penny/internal/specialize/cmd/specialize

// name returns the name of N's backend.
//
//penny:backends
func name[N numeric.Number[N]]() string { return numeric.Backend[N]() }

// TestRunEveryBackend: Run runs one sub-test per backend of the registry,
// in order, each on its own backend.
func TestRunEveryBackend(t *testing.T) {
	var ran []string
	Run(t, func(b string) (func(*testing.T), bool) {
		f, ok := nameByName(b)
		return func(t *testing.T) {
			if want := "backend=" + f(); !strings.HasSuffix(t.Name(), "/"+want) {
				t.Errorf("sub-test %s runs on %s", t.Name(), f())
			}
			ran = append(ran, f())
		}, ok
	})
	if !slices.Equal(ran, numeric.BackendNames()) {
		t.Fatalf("ran %v, want %v", ran, numeric.BackendNames())
	}
}

func TestRunExact(t *testing.T) {
	var ran []string
	RunExact(t, func(b string) (func(*testing.T), bool) {
		f, ok := nameByName(b)
		return func(*testing.T) { ran = append(ran, f()) }, ok
	})
	var want []string
	for _, b := range numeric.Backends() {
		if b.Exact {
			want = append(want, b.Name)
		}
	}
	if len(want) == 0 || !slices.Equal(ran, want) {
		t.Fatalf("ran %v, want %v", ran, want)
	}
}

func TestEach(t *testing.T) {
	var ran []string
	Each(t, nameByName, func(t *testing.T, b numeric.BackendInfo, f func() string) {
		if f() != b.Name {
			t.Errorf("backend %s runs %s", b.Name, f())
		}
		ran = append(ran, f())
	})
	if !slices.Equal(ran, numeric.BackendNames()) {
		t.Fatalf("ran %v, want %v", ran, numeric.BackendNames())
	}
}

// TestMissing: a backend the dispatcher does not know is reported, not
// skipped silently.
func TestMissing(t *testing.T) {
	byName := func(b string) (func() string, bool) {
		if b == "fixed" {
			return nil, false
		}
		return nameByName(b)
	}
	fs, missing := resolve(all, byName)
	if len(fs) != len(numeric.Backends())-1 || !slices.Equal(missing, []string{"fixed"}) {
		t.Fatalf("resolved %d, missing %v", len(fs), missing)
	}
}

func TestGeneratedCodeIsCurrent(t *testing.T) {
	if err := specialize.Check("."); err != nil {
		t.Fatal(err)
	}
}
