// Package strictyaml decodes Penny's YAML (a run's config, a strategy's
// params, the csv and synthetic source configs) strictly, and explains
// what it refuses in the words of the YAML, never of Go. A key the
// value's type does not have is
//
//	unknown key "captial" at line 3 (did you mean "capital"?)
//
// and a value of the wrong kind is
//
//	data.assets (line 7): want a whole number, got "many"
//
// with the key's path and the line of the file the node came from. A node
// decoded where it lies in the document it was parsed from (a config's
// strategy.params, kept as a yaml.Node and decoded later into the
// strategy's own params type) keeps the lines of that document, so its
// errors point into the user's file. A value reached through an alias
// is reported at its anchor's line, with the alias that reached it:
//
//	strategy.params.slow (line 1, reached through the alias *w at line 7): want a whole number, got "ten"
//
// so that the key holding the anchor (line 1) is not taken for the one at
// fault.
//
// DecodeNode walks the node against the type before decoding it, with
// yaml.v3's rules for field names (the yaml tag, else the field name in
// lower case; ",inline" structs and maps; "-" skipped), and makes the
// checks yaml.v3 does not: a number with a fraction where the type holds
// whole numbers (yaml.v3 decodes 5.99 into an int as 5, silently), and a
// key given twice. A type that decodes itself (yaml.Unmarshaler, or
// encoding.TextUnmarshaler for a scalar) is trusted with its node: its
// errors are kept, with the key and line added when they name neither.
//
// Decode reads text: One parses it, refusing a file of several documents
// (yaml.v3's decoder reads the first one and drops the rest without a
// word), then DecodeNode decodes it.
//
// UnknownKey and Errorf make the same errors for code that walks nodes by
// hand (the execution, sweep and walk_forward blocks).
package strictyaml
