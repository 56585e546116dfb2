// Package backendsig: a function dispatched by name whose signature
// depends on the backend.
package backendsig

import "github.com/pennybt/penny/numeric"

//penny:backends
func parse[N numeric.Number[N]](s string) (N, error) { return numeric.Parse[N](s) }
