package metrics

import (
	"strconv"
	"testing"
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
