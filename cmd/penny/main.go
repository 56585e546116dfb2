// Command penny runs backtests, benchmarks numeric backends, ingests data
// bundles and computes performance statistics. Run "penny help" for the
// list of commands. It is package cli's Main.
package main

import "github.com/pennybt/penny/cli"

func main() { cli.Main() }
