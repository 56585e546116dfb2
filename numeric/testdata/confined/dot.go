package dot

import . "github.com/pennybt/penny/numeric"

func isFixed[N Number[N]](x N) bool {
	_, ok := any(x).(Fixed) // want
	return ok
}
