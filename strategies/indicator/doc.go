// Package indicator: placeholder doc, rewritten below.
package indicator

//go:generate go run github.com/pennybt/penny/internal/specialize
