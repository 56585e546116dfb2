package edge

import (
	"fmt"

	num "github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

type fixed = num.Fixed

type price = fixed

func kind[N num.Number[N]](x N, ds any) string {
	if _, ok := any(x).(price); ok { // want
		return "fixed"
	}
	if _, ok := ds.(*market.Dataset[num.Decimal]); ok { // want
		return "decimal dataset"
	}
	if _, ok := any(x).(num.Number[N]); ok {
		return "a number"
	}
	if _, ok := any(x).(fmt.Stringer); ok {
		return "a stringer"
	}
	switch v := any(&x).(type) {
	case *num.Float, // want
		*fixed: // want
		return fmt.Sprint("binary ", v)
	case nil:
		return "nil"
	}
	return num.Backend[N]()
}
