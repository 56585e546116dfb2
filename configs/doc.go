// Package configs holds the shipped example runs (the YAML files of this
// folder) and the golden tests that run each of them on every numeric
// backend. The Go package exists only for those tests.
package configs
