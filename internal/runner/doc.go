// Package runner turns a config into a run: it loads the data the config
// names (synthetic, CSV files or an ingested bundle), builds the run's
// clock, the strategy (from the table of strategies the program passes
// in Env: package cli builds it, there is no registry here), the
// execution models and the account, and runs the engine. The penny
// command and the bench share it.
package runner

//go:generate go run github.com/pennybt/penny/internal/specialize/cmd/specialize
