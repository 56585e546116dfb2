// Package specialize is Penny's code generator. From functions marked with
// one of two directives it writes, per package directory, the code that
// instantiates them for every numeric backend: concrete copies of the hot
// kernels (//penny:specialize), and dispatchers that pick an instantiation
// by backend name (//penny:backends). Command specialize (cmd/specialize)
// runs it from go generate:
//
//	//go:generate go run github.com/pennybt/penny/internal/specialize/cmd/specialize
//
// and a test of every package with marked functions calls [Check], so that
// a marked function changed without go generate fails go test.
//
// # //penny:specialize: concrete copies of a kernel
//
// Why: in Go 1.26 a method call on a type parameter (x.Add(y) inside
// func F[N numeric.Number[N]]) goes through the instantiation's dictionary
// as an indirect call, is never inlined, and costs several times the
// arithmetic it performs. A copy of the same source with N replaced by a
// concrete type calls the methods directly, and the compiler inlines them.
//
//	// smaStep advances the rolling sum by one value.
//	//
//	//penny:specialize
//	func smaStep[N numeric.Number[N]](s *smaState[N], x N) { ... }
//
// For each such function the generator writes:
//
//   - smaStepFloat, smaStepFixed, smaStepDecimal: the function with its type
//     parameter list removed and every use of the type parameter replaced by
//     numeric.Float, numeric.Fixed, numeric.Decimal. Names are resolved
//     with go/types: only identifiers whose object is the type parameter
//     are replaced (a field, a variable or a comment named N is left alone),
//     and every reference to a specialized function (a call, or a value such
//     as f := smaPush[N], or smaPush passed as an argument, instantiated
//     explicitly or by inference) goes to the copy for its type argument: N
//     gives the copy for the same backend, numeric.Fixed the Fixed copy.
//     Any other type argument has no copy: the generator fails.
//   - smaStepFor[N](): returns the copy for N, or the generic function for
//     any other type. Call it once, when a kernel is set up, and keep the
//     result: the per-bar call is then one indirect call into concrete code.
//
// Each copy is preceded by a //line directive naming the original file and
// line (as the package's import path and file name, the form go build
// -trimpath gives every file), and keeps the lines of the source one for
// one, so that panics, profiles and compiler errors point into the source,
// not into the generated file.
//
// # //penny:backends: one dispatcher by backend name
//
// Go cannot pass an uninstantiated generic function, so code that must run
// a generic function on the backend named in a config, a flag or a test
// table needs one instantiation per backend, listed somewhere. The
// generator lists them, from its list of backends:
//
//	//penny:backends
//	func runBackend[N numeric.Number[N]](cfg *config.Config) (outcome, error) { ... }
//
// gives
//
//	func runBackendByName(name string) (func(cfg *config.Config) (outcome, error), bool)
//
// which returns runBackend[numeric.Float] for "float", and so on for every
// backend of numeric's registry, and false for any other name. The
// parameters and results must not mention the type parameter (the
// dispatcher returns one function type). A function marked with both
// directives is dispatched to its specialized copies. Command penny, the
// bench, config-driven runs and the per-backend tests (internal/backendtest)
// dispatch this way, so none of them lists the backends.
//
// # Rules
//
// A marked function is a function, not a method, with one type parameter
// constrained by numeric.Number (written on one line), in a file without
// dot imports. The generator fails, printing the position and the reason,
// and writes nothing, when a rule is broken, when the package does not
// type-check, when a specialized function refers to a generated name (such
// as smaPushFor) instead of the marked function, when a name it would write
// is declared by hand, or when a reference cannot be redirected.
//
// # Output
//
// The package's marked functions go to specialized_gen.go, those of its
// in-package test files to specialized_gen_test.go, and those of its
// external test package (package x_test) to specialized_gen_ext_test.go.
// The output depends on the hand-written source alone: generated files are
// never read, and references to the names they declare are expected to be
// undefined while the package is type-checked. (One exception: external
// tests that import a package importing the package under test must see
// the package as built, with its generated file as it is on disk; if that
// file does not compile, remove it and run go generate again.) Dependencies are read from
// export data that go list -export builds, so the generator runs offline,
// with no module beyond the standard library. The generated package file
// is type-checked before it is written.
//
// # Adding a backend
//
// The generator's list of backends (backend.go) follows numeric's registry:
// a fourth backend is a type and a registry entry in package numeric, an
// entry here, and go generate ./... (see "Adding a backend" in package
// numeric). A test in package numeric fails while the two lists disagree.
package specialize
