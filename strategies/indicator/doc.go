// Package indicator computes technical indicators incrementally, one value
// at a time, for every numeric backend, with backtrader's definitions.
//
// An indicator is built by a constructor that checks its parameters and
// allocates its windows, and is then fed one value (or one bar) per update:
//
//	sma, err := indicator.NewSMA[numeric.Fixed](30) // *ParamError if period < 1
//	...
//	for _, bar := range bars {
//		if v, ok := sma.Update(bar.Close); ok {
//			// v is the average of the last 30 closes
//		}
//	}
//
// Every indicator has the same face: Update(x) (or Update(high, low,
// close)) returns the new value and whether it exists yet; Value returns
// the last one; Ready reports whether it exists; WarmUp is the number of
// updates that yield the first value (backtrader's minperiod); Period (or
// Periods) returns the parameters. Indicators with several lines return a
// small struct ([MACDValue], [BollingerValue], [StochasticValue]). Before
// WarmUp updates the value is the zero value and the flag false.
//
// The zero value of an indicator is not usable: call its constructor. An
// indicator is not safe for concurrent use; a strategy keeps one per asset.
//
// # Definitions
//
//	indicator              value                                          WarmUp
//	SMA(p)                 sum of the last p / p                          p
//	EMA(p)                 alpha 2/(p+1), seeded with the SMA of the      p
//	                       first p values
//	SMMA(p)                alpha 1/p (Wilder), seeded likewise            p
//	WMA(p)                 weights 1..p, newest heaviest                  p
//	RSI(p)                 SMMA(p) of up and down moves,                  p+1
//	                       100 - 100/(1 + up/down)
//	ATR(p)                 SMMA(p) of max(h, prevC) - min(l, prevC)       p+1
//	Bollinger(p, k)        SMA(p), SMA +- k * StdDev(p)                   p
//	MACD(f, s, g)          EMA(f) - EMA(s); signal EMA(g) of it;          s+g-1
//	                       histogram MACD - signal
//	StochasticFast(p, d)   %K = 100 (c - LL)/(HH - LL) over p bars,       p+d-1
//	                       %D = SMA(d) of %K
//	Stochastic(p, d, e)    %K = SMA(d) of the fast %K, %D = SMA(e) of it  p+d+e-2
//	ROC(p)                 (x - x[-p]) / x[-p]                            p+1
//	Momentum(p)            x - x[-p]                                      p+1
//	Highest(p), Lowest(p)  max, min of the last p                         p
//	StdDev(p)              population standard deviation of the last p   p
//	ZScore(p)              (x - SMA(p)) / StdDev(p), x in the window      p
//
// Where backtrader's formula divides by zero the package defines the value
// as backtrader does with safediv=True: RSI is 100 when the smoothed down
// move is zero, and 50 when the up move is zero too; the fast %K of a flat
// window (HH = LL) is 0. ZScore, which backtrader lacks, is 0 when the
// deviation is zero. ROC panics when x[-p] is zero (see Panics).
//
// # Speed
//
// Each update is O(1) work (Highest, Lowest and the stochastics amortized
// O(1), with a monotonic deque) and allocates nothing in Float and Fixed
// (Decimal allocates its results). Each indicator's update step is one
// generic function marked //penny:specialize, of which go generate writes
// a concrete copy per backend (internal/specialize); the constructor picks
// the copy for N once, so that Update is one indirect call into code where
// every arithmetic method is a direct, inlined call. Composite indicators
// (RSI, MACD, Bollinger, the stochastics) call their parts' steps
// directly. Constants (the period as N, 100, the devfactor) are converted
// once, at construction. BenchmarkUpdate measures every indicator on every
// backend against a hand-written float64 SMA.
//
// # Exactness and rounding
//
// Sums and differences are exact in Fixed, and in Decimal while they fit
// its 34 digits (always, for prices and quantities). Rolling sums add the
// new value and subtract the one leaving the window, exactly, so they do
// not drift however long the series: SMA.Sum is the exact sum of the
// window, and a strategy can compare two SMAs exactly by cross-multiplying
// their sums with the other's period. Highest, Lowest and Momentum are
// exact. Everywhere else a value rounds at the points listed here, each by
// the backend's own rule: Fixed's Mul, Div and Sqrt round half-even to 8
// decimals; Decimal's round half-even to 34 significant digits (so do its
// Add and Sub, past 34 digits); Float rounds every operation.
//
//   - SMA, WMA: one Div (sum / p; weighted sum / (p(p+1)/2)).
//   - EMA, SMMA: the seed is one Div (sum / p); each later step computes
//     prev + k(x - prev)/den, k = 2, den = p+1 (EMA) or k = 1, den = p
//     (SMMA), with one Div: alpha itself is never rounded. The errors of
//     successive steps are damped by (1 - alpha), so the value stays
//     within 0.5 ulp / alpha of the exact recursion: (p+1)/4 * 1e-8 for
//     EMA and p/2 * 1e-8 for SMMA in Fixed.
//   - RSI: the two SMMAs, then 100*up/(up + down) (algebraically backtrader's
//     100 - 100/(1 + up/down)) with one Div.
//   - ATR: the true range is exact; then SMMA.
//   - MACD: two EMAs, an exact difference, the signal EMA, an exact
//     histogram.
//   - Stochastic: fast %K = 100(c - LL)/(HH - LL) with one Div; each SMA
//     over it one Div. In Fixed the running sums of %K are exact like any
//     other. In Decimal, %K carries 34 digits, so those sums round at each
//     add and subtract, by at most half a unit in their 34th digit (5e-32
//     for sums under 1000), and these errors add up over the series: the
//     one place in this package where a Decimal rolling sum is not exact
//     (an SMA a user runs over such values is another).
//   - ROC: one Div. ZScore: x - mean exact, then one Div by the deviation.
//   - StdDev, Bollinger, ZScore: from exact running sums of d = x - a and
//     d*d, a an anchor value (the first value, then again the newest one
//     each time the window has been replaced, every p updates, when the
//     sums are rebuilt from the window in O(p)). mean = (S1 + p*a)/p, one
//     Div, the same value as SMA's; variance = S2/p - (S1/p)^2 (mean of
//     squares minus square of mean, as backtrader's StandardDeviation),
//     two Divs and a Mul, clamped at zero; the deviation is its Sqrt. The
//     bands are mean +- devfactor*std, one Mul added and subtracted. A
//     square d*d is exact when d has at most 4 decimals in Fixed (prices
//     do); otherwise the Mul rounds it, the same way as it enters and as
//     it leaves S2, which therefore does not drift.
//
// The tests check every indicator on every backend against big.Rat
// recomputations from the definitions: Fixed and Decimal digit for digit
// against a model of these rounding points, and the bounds above.
//
// # Panics and ranges
//
// Arithmetic failures panic with *numeric.ArithmeticError, as everywhere in
// Penny; the engine recovers them and stops the run naming the bar (use
// numeric.Recover elsewhere). ROC's Update panics with ErrDivisionByZero
// when x[-p] is zero. Fixed panics with ErrOverflow when an intermediate
// leaves +-92233720368.54775807 (F); Float does not check overflow and
// Decimal's exponent range is never reached by prices. In Fixed an
// indicator stays in range while:
//
//	SMA, EMA, SMMA, MACD   p * max|x| <= F (the window's or the seed's sum):
//	                       prices up to 4.6e9 at p = 20, 4.6e8 at p = 200
//	WMA                    p(p+1)/2 * max|x| <= F: 4.4e8 at p = 20,
//	                       4.6e6 at p = 200 (p <= 429496 at all)
//	RSI, ATR               p * max move <= F and 100 * max move <= F
//	Stochastic             100 * (HH - LL) <= F: ranges up to 9.2e8
//	StdDev, Bollinger,     p * R^2 <= F, with R the range (max - min) of the
//	ZScore                 last p+1 values, and p * max|x| <= F:
//	                       R up to 96038 at p = 10, 67909 at p = 20,
//	                       42949 at p = 50, 21474 at p = 200, 9603 at
//	                       p = 1000
//	ROC, Momentum          |x - x[-p]| <= F
//
// Constructors never panic: parameters out of range are a *ParamError
// naming the indicator, the parameter, its value and the rule. Periods are
// limited to [MaxPeriod], since windows are allocated at construction.
package indicator

//go:generate go run github.com/pennybt/penny/internal/specialize/cmd/specialize
