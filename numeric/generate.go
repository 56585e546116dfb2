package numeric

// The specialized copies of the package's marked kernels (all in its
// tests: see kernel_test.go) are written by internal/specialize.
//
//go:generate go run github.com/pennybt/penny/internal/specialize/cmd/specialize
