// Package backendtest runs a package's per-backend tests on every backend
// of numeric's registry, so that no test lists the backends: a backend
// added to numeric (and to the generator's list, then go generate) is
// tested everywhere at once.
//
// A per-backend test is a generic function marked //penny:backends, for
// which go generate (internal/specialize) writes a dispatcher by backend
// name; [Run] calls it for each backend:
//
//	func TestLot(t *testing.T) { backendtest.Run(t, testLotByName) }
//
//	// testLot checks lot rounding on backend N.
//	//
//	//penny:backends
//	func testLot[N numeric.Number[N]](t *testing.T) { ... }
//
// The package needs the go:generate line of the generator (see
// internal/specialize) and a test that calls specialize.Check, like every
// package with marked functions. Package numeric's own tests cannot import
// this package (it imports numeric) and have a copy of [Run].
package backendtest

import (
	"testing"

	"github.com/pennybt/penny/numeric"
)

// Run runs the test byName returns for each backend of the registry, in its
// order, as sub-tests named backend=<name>. A backend byName does not know
// (go generate has not run since it was added) fails the test.
func Run(t *testing.T, byName func(name string) (func(*testing.T), bool)) {
	t.Helper()
	Each(t, byName, func(t *testing.T, _ numeric.BackendInfo, test func(*testing.T)) { test(t) })
}

// RunExact is [Run] on the exact backends only (numeric.BackendInfo.Exact):
// for tests that compare with exact rationals digit for digit.
func RunExact(t *testing.T, byName func(name string) (func(*testing.T), bool)) {
	t.Helper()
	each(t, exactOnly, byName, func(t *testing.T, _ numeric.BackendInfo, test func(*testing.T)) { test(t) })
}

// Each is [Run] for functions of any signature: for each backend of the
// registry, in a sub-test named backend=<name>, it calls run with the
// backend and the function byName returns, which run calls with its
// arguments:
//
//	backendtest.Each(t, testValuesByName, func(t *testing.T, _ numeric.BackendInfo, f func(*testing.T, []bar)) {
//		f(t, bars)
//	})
func Each[F any](t *testing.T, byName func(name string) (F, bool), run func(t *testing.T, b numeric.BackendInfo, f F)) {
	t.Helper()
	each(t, all, byName, run)
}

func all(numeric.BackendInfo) bool         { return true }
func exactOnly(b numeric.BackendInfo) bool { return b.Exact }

func each[F any](t *testing.T, keep func(numeric.BackendInfo) bool, byName func(name string) (F, bool), run func(t *testing.T, b numeric.BackendInfo, f F)) {
	t.Helper()
	fs, missing := resolve(keep, byName)
	for _, name := range missing {
		t.Errorf("no test for backend %s: run go generate", name)
	}
	for _, f := range fs {
		t.Run("backend="+f.b.Name, func(t *testing.T) { run(t, f.b, f.f) })
	}
}

// named is a backend and its function.
type named[F any] struct {
	b numeric.BackendInfo
	f F
}

// resolve returns byName's function for each backend of the registry that
// keep keeps, and the names of those byName does not know.
func resolve[F any](keep func(numeric.BackendInfo) bool, byName func(name string) (F, bool)) (fs []named[F], missing []string) {
	for _, b := range numeric.Backends() {
		if !keep(b) {
			continue
		}
		f, ok := byName(b.Name)
		if !ok {
			missing = append(missing, b.Name)
			continue
		}
		fs = append(fs, named[F]{b, f})
	}
	return fs, missing
}
