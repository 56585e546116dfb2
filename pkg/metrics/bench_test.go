package metrics

import (
	"strconv"
	"testing"
	"time"
)

// BenchmarkSummarize is the speed target: every statistic over ten
// years of daily returns (2520 values) in one Summary call, under 1 ms.
func BenchmarkSummarize(b *testing.B) {
	const n = 2520
	returns := sprinkleNaN(dailyReturns(n, 1), 3, 2)
	bench := dailyReturns(n, 3)
	b.Run("n=2520/benchmark=none", func(b *testing.B) {
		for b.Loop() {
			Summarize(returns, Config{})
		}
	})
	b.Run("n=2520/benchmark=aligned", func(b *testing.B) {
		for b.Loop() {
			SummarizeWithBenchmark(returns, bench, Config{})
		}
	})
}

func BenchmarkRollingSharpe(b *testing.B) {
	returns := dailyReturns(2520, 1)
	for _, w := range []int{21, 126} {
		b.Run("n=2520/window="+strconv.Itoa(w), func(b *testing.B) {
			for b.Loop() {
				RollingSharpe(returns, w, 0, Daily)
			}
		})
	}
}

func BenchmarkRoundTrips(b *testing.B) {
	// 10 symbols, 1000 transactions alternating buys and sells.
	r := rng(5)
	txns := make([]Transaction, 1000)
	t0 := time.Date(2015, 1, 2, 21, 0, 0, 0, time.UTC)
	for i := range txns {
		amount := float64(1 + r.IntN(100))
		if r.IntN(2) == 0 {
			amount = -amount
		}
		txns[i] = Transaction{Time: t0.Add(time.Duration(i) * time.Hour), Symbol: "S" + strconv.Itoa(i%10), Amount: amount, Price: 100 + r.Float64(), Commission: 1}
	}
	b.Run("txns=1000", func(b *testing.B) {
		for b.Loop() {
			if _, err := RoundTrips(txns); err != nil {
				b.Fatal(err)
			}
		}
	})
}
