package indicator_test

import (
	"fmt"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/strategies/indicator"
)

// prices parses decimal text into backend N.
func prices[N numeric.Number[N]](xs ...string) []N {
	out := make([]N, len(xs))
	for i, x := range xs {
		out[i] = numeric.MustParse[N](x)
	}
	return out
}

// The same code on the three backends: EMA(2) has alpha 2/3, so its steps
// divide by 3 and each backend rounds by its own rule.
func Example() {
	fmt.Println(lastEMA[numeric.Fixed]())
	fmt.Println(lastEMA[numeric.Decimal]())
	fmt.Println(lastEMA[numeric.Float]())
	// Output:
	// 3.16666667
	// 3.166666666666666666666666666666667
	// 3.166666666666667
}

func lastEMA[N numeric.Number[N]]() N {
	ema, err := indicator.NewEMA[N](2)
	if err != nil {
		panic(err)
	}
	var v N
	for _, x := range prices[N]("1", "2", "4") {
		v, _ = ema.Update(x) // seed (1+2)/2 = 1.5, then 1.5 + 2*(4-1.5)/3
	}
	return v
}

func ExampleSMA() {
	sma, _ := indicator.NewSMA[numeric.Fixed](3)
	for _, x := range prices[numeric.Fixed]("10", "11", "12.5", "13", "14") {
		v, ok := sma.Update(x)
		fmt.Println(x, v, ok, sma.Sum())
	}
	// Output:
	// 10 0 false 10
	// 11 0 false 21
	// 12.5 11.16666667 true 33.5
	// 13 12.16666667 true 36.5
	// 14 13.16666667 true 39.5
}

// Two SMAs compared exactly, without the rounding of their divisions:
// fast > slow exactly when fast.Sum()*slow.Period() > slow.Sum()*fast.Period().
func ExampleSMA_Sum() {
	fast, _ := indicator.NewSMA[numeric.Fixed](3)
	slow, _ := indicator.NewSMA[numeric.Fixed](6)
	fp, sp := numeric.Int[numeric.Fixed](3), numeric.Int[numeric.Fixed](6)
	// The fast average (10+10+10)/3 and the slow one (11+9+10+10+10+10)/6
	// are both 10: the comparison is exactly 0, a tie.
	for _, x := range prices[numeric.Fixed]("11", "9", "10", "10", "10", "10") {
		fast.Update(x)
		slow.Update(x)
	}
	fmt.Println(fast.Sum().Mul(sp).Cmp(slow.Sum().Mul(fp)))
	// Output: 0
}

func ExampleEMA() {
	ema, _ := indicator.NewEMA[numeric.Fixed](3) // alpha = 2/(3+1) = 0.5
	for _, x := range prices[numeric.Fixed]("1", "2", "3", "5", "4") {
		fmt.Println(ema.Update(x))
	}
	// Output:
	// 0 false
	// 0 false
	// 2 true
	// 3.5 true
	// 3.75 true
}

func ExampleSMMA() {
	smma, _ := indicator.NewSMMA[numeric.Fixed](2) // alpha = 1/2
	for _, x := range prices[numeric.Fixed]("1", "2", "3", "5") {
		fmt.Println(smma.Update(x))
	}
	// Output:
	// 0 false
	// 1.5 true
	// 2.25 true
	// 3.625 true
}

func ExampleWMA() {
	wma, _ := indicator.NewWMA[numeric.Fixed](3) // weights 1, 2, 3: (1*a + 2*b + 3*c)/6
	for _, x := range prices[numeric.Fixed]("1", "2", "3", "6") {
		fmt.Println(wma.Update(x))
	}
	// Output:
	// 0 false
	// 0 false
	// 2.33333333 true
	// 4.33333333 true
}

func ExampleRSI() {
	rsi, _ := indicator.NewRSI[numeric.Fixed](2)
	for _, x := range prices[numeric.Fixed]("10", "11", "10.5", "12") {
		fmt.Println(rsi.Update(x))
	}
	// Output:
	// 0 false
	// 0 false
	// 66.66666667 true
	// 88.88888889 true
}

func ExampleATR() {
	atr, _ := indicator.NewATR[numeric.Fixed](2)
	bars := [][3]string{{"10", "9", "9.5"}, {"11", "9.5", "10.5"}, {"10.8", "10", "10.2"}, {"10.4", "9.6", "10"}}
	for _, b := range bars {
		hlc := prices[numeric.Fixed](b[0], b[1], b[2])
		fmt.Println(atr.Update(hlc[0], hlc[1], hlc[2]))
	}
	// Output:
	// 0 false
	// 0 false
	// 1.15 true
	// 0.975 true
}

func ExampleBollinger() {
	bb, _ := indicator.NewBollinger(4, numeric.Int[numeric.Fixed](2))
	var v indicator.BollingerValue[numeric.Fixed]
	for _, x := range prices[numeric.Fixed]("1", "2", "3", "4") {
		v, _ = bb.Update(x)
	}
	fmt.Println(v.Bottom, v.Mid, v.Top)
	// Output: 0.26393202 2.5 4.73606798
}

func ExampleMACD() {
	macd, _ := indicator.NewMACD[numeric.Fixed](1, 3, 2)
	for _, x := range prices[numeric.Fixed]("1", "2", "3", "5", "4", "6") {
		if v, ok := macd.Update(x); ok {
			fmt.Println(v.MACD, v.Signal, v.Histogram)
		}
	}
	fmt.Println(macd.WarmUp())
	// Output:
	// 1.5 1.25 0.25
	// 0.25 0.58333333 -0.33333333
	// 1.125 0.94444444 0.18055556
	// 4
}

func ExampleStochastic() {
	st, _ := indicator.NewStochastic[numeric.Fixed](3, 2, 2)
	bars := [][3]string{{"10", "8", "9"}, {"11", "9", "10"}, {"12", "10", "11"}, {"11", "9", "9.5"}, {"12", "10", "12"}, {"13", "11", "12"}}
	for _, b := range bars {
		hlc := prices[numeric.Fixed](b[0], b[1], b[2])
		if v, ok := st.Update(hlc[0], hlc[1], hlc[2]); ok {
			fmt.Println(v.K, v.D)
		}
	}
	// Output:
	// 58.33333334 52.08333334
	// 87.5 72.91666667
}

func ExampleStochasticFast() {
	st, _ := indicator.NewStochasticFast[numeric.Fixed](3, 2)
	bars := [][3]string{{"10", "8", "9"}, {"11", "9", "10"}, {"12", "10", "11"}, {"11", "9", "9.5"}, {"12", "10", "12"}}
	for _, b := range bars {
		hlc := prices[numeric.Fixed](b[0], b[1], b[2])
		if v, ok := st.Update(hlc[0], hlc[1], hlc[2]); ok {
			fmt.Println(v.K, v.D)
		}
	}
	// Output:
	// 16.66666667 45.83333334
	// 100 58.33333334
}

func ExampleROC() {
	roc, _ := indicator.NewROC[numeric.Fixed](2)
	mom, _ := indicator.NewMomentum[numeric.Fixed](2)
	for _, x := range prices[numeric.Fixed]("100", "102", "105", "99") {
		r, ok := roc.Update(x)
		m, _ := mom.Update(x)
		fmt.Println(r, m, ok)
	}
	// Output:
	// 0 0 false
	// 0 0 false
	// 0.05 5 true
	// -0.02941176 -3 true
}

func ExampleHighest() {
	hi, _ := indicator.NewHighest[numeric.Fixed](3)
	lo, _ := indicator.NewLowest[numeric.Fixed](3)
	for _, x := range prices[numeric.Fixed]("5", "3", "8", "6", "2", "4") {
		if h, ok := hi.Update(x); ok {
			l, _ := lo.Update(x)
			fmt.Println(h, l)
		} else {
			lo.Update(x)
		}
	}
	// Output:
	// 8 3
	// 8 3
	// 8 2
	// 6 2
}

func ExampleStdDev() {
	sd, _ := indicator.NewStdDev[numeric.Fixed](8)
	var v numeric.Fixed
	for _, x := range prices[numeric.Fixed]("2", "4", "4", "4", "5", "5", "7", "9") {
		v, _ = sd.Update(x)
	}
	mean, _ := sd.Mean()
	fmt.Println(mean, v)
	// Output: 5 2
}

func ExampleZScore() {
	z, _ := indicator.NewZScore[numeric.Fixed](4)
	for _, x := range prices[numeric.Fixed]("1", "2", "3", "4", "4") {
		if v, ok := z.Update(x); ok {
			fmt.Println(v)
		}
	}
	// Output:
	// 1.34164078
	// 0.90453403
}
