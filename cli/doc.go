// Package cli is the penny command as a library: run, sweep, bench,
// ingest, bundles, clean, stats and version. The penny binary's main is
// one call to Main.
//
// Every command follows the same conventions (flags.go): flags are
// written --flag, before, between or after the arguments; -h, --help and
// "penny help CMD" print the command's help on stdout with status 0; a
// usage error is told on stderr with the command's usage line, status 2.
// Exit statuses are the same everywhere: 0 success, 1 the run failed, 2
// bad usage or bad input, 130 interrupted (interrupt.go).
package cli
