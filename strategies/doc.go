// Package strategies holds what Penny's example strategies share: strict
// decoding of their parameters from a config's YAML. The strategies
// themselves live in one package each (smacross, momentum, meanrev), next
// to the indicators they use (indicator); each is written on the public
// engine API exactly as a user's strategy would be.
package strategies
