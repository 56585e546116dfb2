package numeric_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/pennybt/penny/numeric"
)

// Exact decimal arithmetic with Fixed, where float64 drifts.
func Example() {
	price := numeric.MustParse[numeric.Fixed]("0.1")
	total := numeric.Zero[numeric.Fixed]()
	for range 10 {
		total = total.Add(price)
	}
	f := 0.0
	for range 10 {
		f += 0.1
	}
	fmt.Println(total, f)
	// Output: 1 0.9999999999999999
}

// A function written once over the constraint runs on every backend.
func ExampleNumber() {
	fmt.Println(cost(numeric.MustParse[numeric.Fixed]("3"), numeric.MustParse[numeric.Fixed]("0.1")))
	fmt.Println(cost(numeric.MustParse[numeric.Decimal]("3"), numeric.MustParse[numeric.Decimal]("0.1")))
	fmt.Println(cost(numeric.MustParse[numeric.Float]("3"), numeric.MustParse[numeric.Float]("0.1")))
	// Output:
	// 0.305
	// 0.305
	// 0.30500000000000005
}

// cost is quantity times price plus a commission of half a cent.
func cost[N numeric.Number[N]](qty, price N) N {
	commission := numeric.MustParse[N]("0.005")
	return qty.Mul(price).Add(commission)
}

func ExampleParse() {
	_, err := numeric.Parse[numeric.Fixed]("0.000000001")
	fmt.Println(err)
	fmt.Println(errors.Is(err, numeric.ErrPrecision))
	v, _ := numeric.Parse[numeric.Decimal]("1.2e-05")
	fmt.Println(v)
	// Output:
	// numeric: parsing "0.000000001" as fixed: too many decimals
	// true
	// 0.000012
}

func ExampleFixed_DivRound() {
	cash := numeric.MustParse[numeric.Fixed]("10000")
	price := numeric.MustParse[numeric.Fixed]("333.33")
	shares := cash.DivRound(price, 0, numeric.Down) // whole shares affordable
	fmt.Println(shares, cash.Div(price))
	// Output: 30 30.0003
}

func ExampleFixed_Mul_overflow() {
	defer func() {
		e, _ := numeric.Recover(recover())
		fmt.Println(e)
		fmt.Println(errors.Is(e, numeric.ErrOverflow))
	}()
	big := numeric.MustParse[numeric.Fixed]("1000000")
	_ = big.Mul(big)
	// Output:
	// numeric: fixed mul 1000000, 1000000: overflow
	// true
}

func ExampleFromFloat64() {
	v, _ := numeric.FromFloat64[numeric.Fixed](0.1)
	d, _ := numeric.FromFloat64[numeric.Decimal](1.0 / 3)
	fmt.Println(v, d)
	// Output: 0.1 0.3333333333333333
}

func ExampleFixed_Quantize() {
	fee := numeric.MustParse[numeric.Fixed]("1.2345")
	fmt.Println(fee.Quantize(2, numeric.HalfEven), fee.Quantize(2, numeric.Ceiling), fee.Quantize(2, numeric.Down))
	// Output: 1.23 1.24 1.23
}

func ExampleDecimal_MarshalJSON() {
	b, _ := json.Marshal(map[string]numeric.Decimal{"cash": numeric.MustParse[numeric.Decimal]("100000.10")})
	fmt.Println(string(b))
	// Output: {"cash":"100000.1"}
}

func ExampleDot() {
	qty := []numeric.Fixed{numeric.Int[numeric.Fixed](100), numeric.Int[numeric.Fixed](-50)}
	price := []numeric.Fixed{numeric.MustParse[numeric.Fixed]("12.34"), numeric.MustParse[numeric.Fixed]("99.99")}
	fmt.Println(numeric.Dot(qty, price))
	// Output: -3765.5
}

func ExampleBackends() {
	for _, b := range numeric.Backends() {
		fmt.Printf("%-8s exact=%-5v %s\n", b.Name, b.Exact, b.Description)
	}
	// Output:
	// float    exact=false float64, IEEE 754 binary64: the speed baseline
	// fixed    exact=true  int64 counting 1e-8 units: exact money at float speed
	// decimal  exact=true  decimal of 34 significant digits: the arbitrary-precision reference
}

func ExampleLookupBackend() {
	b, err := numeric.LookupBackend("fixed")
	fmt.Println(b.Name, b.Exact, err)
	_, err = numeric.LookupBackend("quad")
	fmt.Println(err, errors.Is(err, numeric.ErrUnknownBackend))
	// Output:
	// fixed true <nil>
	// unknown backend "quad" (want float, fixed or decimal) true
}
