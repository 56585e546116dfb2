package indicator

import (
	"fmt"
	"strconv"

	"github.com/pennybt/penny/numeric"
)

// MaxPeriod is the largest window any indicator accepts. Every window is
// allocated at construction, so the bound keeps a mistyped period from
// asking for gigabytes.
const MaxPeriod = 1_000_000

// ParamError reports a parameter an indicator's constructor refused: the
// indicator, the parameter, the value given and the rule it breaks.
type ParamError struct {
	Indicator string // "SMA", "MACD", ...
	Param     string // "period", "fast", "devfactor", ...
	Value     string // the value given, as text
	Reason    string // the rule, e.g. "must be between 1 and 1000000"
}

func (e *ParamError) Error() string {
	return fmt.Sprintf("indicator %s: %s %s: %s", e.Indicator, e.Param, e.Value, e.Reason)
}

// checkPeriod checks that a window length is in [1, MaxPeriod].
func checkPeriod(ind, param string, v int) error {
	if v < 1 || v > MaxPeriod {
		return &ParamError{ind, param, strconv.Itoa(v), fmt.Sprintf("must be between 1 and %d", MaxPeriod)}
	}
	return nil
}

// intN returns v as an N, and false when v is beyond N's range (Fixed
// holds integers up to 92233720368).
func intN[N numeric.Number[N]](v int64) (N, bool) {
	x, err := numeric.Parse[N](strconv.FormatInt(v, 10))
	return x, err == nil
}
