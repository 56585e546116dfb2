package strategies

import (
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/pennybt/penny/internal/strictyaml"
	"github.com/pennybt/penny/numeric"
)

// DecodeParams decodes a strategy's params node into p strictly, from
// the node itself, so that errors give the lines of the config file: an
// unknown key is `unknown key "strategy.params.fsat" at line 12 (did you
// mean "strategy.params.fast"?)`, a value of the wrong type
// `strategy.params.slow (line 13): want a whole number, got "ten"`. A
// nil, empty or null node leaves p as it is (the strategy's defaults).
func DecodeParams(node *yaml.Node, p any) error {
	return strictyaml.DecodeNode(node, p, "strategy.params")
}

// MaxWindow is the longest window, in bars, a strategy param accepts (a
// moving average's, a lookback's): a million bars, about ten years of
// minute bars. Windows are allocated when a run starts, so a typo of
// 2000000000 would otherwise exhaust the memory before the first bar.
const MaxWindow = 1_000_000

// CheckWindow reports a window param above MaxWindow, naming key.
func CheckWindow(key string, n int) error {
	if n > MaxWindow {
		return fmt.Errorf("strategy.params.%s: %d is above %d bars, the longest window Penny accepts", key, n, MaxWindow)
	}
	return nil
}

// Number converts a decimal parameter to the backend N exactly; key names
// the parameter in the error (Fixed refuses more than 8 decimals).
func Number[N numeric.Number[N]](key string, d numeric.Decimal) (N, error) {
	v, err := numeric.Parse[N](d.String())
	if err != nil {
		return v, fmt.Errorf("strategy.params.%s: %w", key, err)
	}
	return v, nil
}
