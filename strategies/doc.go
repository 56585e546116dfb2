// Package strategies is how configs name strategies, and what Penny's own
// strategies share.
//
// A Table maps the names configs give (strategy.name) to strategies: each
// entry, made by Define, has the strategy's params type and one
// constructor per backend, made by For from the strategy's generic
// constructor instantiated for that backend. A program builds its table
// in main and passes it down (package cli does, with Penny's own
// strategies from package builtin and those of the program); nothing is
// registered anywhere else. Build decodes a config's strategy.params
// strictly into the params type, from the config's own YAML node so that
// an error names the key and its line in the file (DecodeParams), calls
// the params' Validate method if it has one, and builds the strategy for
// the run's backend.
//
// Penny's strategies live in one package each (smacross, momentum,
// meanrev, buyhold), next to the indicators they use (indicator); each is
// written on the public engine API exactly as a user's strategy would be,
// and defined in package builtin exactly as a user's is.
package strategies
