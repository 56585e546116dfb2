package bench

import (
	"math/big"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"
)

// mulFixed rounds a*b/1e8 half-even: checked against math/big.
func TestMulFixed(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	e8 := big.NewInt(1e8)
	check := func(a, b int64) {
		t.Helper()
		p := new(big.Int).Mul(big.NewInt(a), big.NewInt(b))
		q, r := new(big.Int).QuoRem(p, e8, new(big.Int))
		twice := new(big.Int).Lsh(r, 1)
		if c := twice.Cmp(e8); c > 0 || (c == 0 && q.Bit(0) == 1) {
			q.Add(q, big.NewInt(1))
		}
		if got := mulFixed(a, b); !q.IsInt64() || got != q.Int64() {
			t.Fatalf("mulFixed(%d, %d) = %d, want %s", a, b, got, q)
		}
	}
	// Ties: 0.5 units round to even.
	check(1, 50_000_000) // 0.5 -> 0
	check(3, 50_000_000) // 1.5 -> 2
	check(5, 50_000_000) // 2.5 -> 2
	check(1, 50_000_001) // above the tie
	check(100_00000000, 100_00000000)
	for i := 0; i < 10000; i++ {
		check(rng.Int64N(1_000_000_00000000), rng.Int64N(200_00000000))
	}
}

func TestCalibration(t *testing.T) {
	c := newCalibration()
	c2 := newCalibration()
	if c.rep() != c2.rep() {
		t.Error("the kernel is not deterministic")
	}
	reps, cpu := c.timeReps(3)
	if len(reps) != 3 || len(cpu) != 3 {
		t.Fatalf("%d reps, %d CPU times, want 3", len(reps), len(cpu))
	}
	var cpuSum float64
	for k, r := range reps {
		if r <= 0 || cpu[k] < 0 {
			t.Errorf("rep %d took %v ns, %v ns of CPU", k, r, cpu[k])
		}
		cpuSum += cpu[k]
	}
	if runtime.GOOS == "linux" && cpuSum <= 0 {
		t.Errorf("three reps took %v ns of CPU", cpuSum)
	}
}

func TestBatchSize(t *testing.T) {
	tests := []struct {
		one, target int64 // ns
		want        int
	}{
		{2_000_000, 100_000_000, 50},
		{3_000_000, 100_000_000, 34},
		{100_000_000, 100_000_000, 1},
		{500_000_000, 100_000_000, 1},
		{1, 100_000_000, 100000},
		{0, 100_000_000, 100000},
		{2_000_000, 0, 1},
	}
	for _, tt := range tests {
		if got := batchSize(durationNs(tt.one), durationNs(tt.target)); got != tt.want {
			t.Errorf("batchSize(%d, %d) = %d, want %d", tt.one, tt.target, got, tt.want)
		}
	}
}

func durationNs(ns int64) time.Duration { return time.Duration(ns) }
