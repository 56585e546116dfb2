// Package backends is a golden case of internal/specialize: functions
// dispatched by backend name (//penny:backends) in the package, its
// in-package tests and its external tests, one of them also specialized, and
// a file that imports numeric under another name.
package backends

import (
	"fmt"

	"github.com/pennybt/penny/numeric"
)

// describe parses s on backend N and prints it with the backend's name.
//
//penny:backends
func describe[N numeric.Number[N]](s string) (string, error) {
	x, err := numeric.Parse[N](s)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s %s", numeric.Backend[N](), x), nil
}

// Describe runs describe on the backend named backend.
func Describe(backend, s string) (string, error) {
	f, ok := describeByName(backend)
	if !ok {
		return "", fmt.Errorf("no backend %q", backend)
	}
	return f(s)
}

// name returns the name of N's backend; its dispatcher's parameter cannot
// be called name.
//
//penny:backends
func name[N numeric.Number[N]]() string { return numeric.Backend[N]() }
