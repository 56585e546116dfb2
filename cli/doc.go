// Package cli is the penny command as a library: run, sweep, bench,
// ingest, bundles, clean, stats and version. The penny binary's main is
// one call to Main.
package cli
