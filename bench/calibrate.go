package bench

import (
	"math/bits"
	"time"
)

// calibrationSize is the length of the calibration kernel's arrays: 32 KiB
// of float64 and of int64, so the workload runs from L1/L2 cache and
// measures the core, not the memory of the machine.
const calibrationSize = 4096

// calibrationPasses is how many times one calibration rep sweeps the
// arrays: about 2 ms on the 2-core EPYC the bench was written on.
const calibrationPasses = 64

// calibration holds the calibration kernel's inputs, built once.
type calibration struct {
	f    []float64
	i    []int64
	sink uint64 // the kernel's checksums, kept so nothing is optimised away
}

func newCalibration() *calibration {
	c := &calibration{f: make([]float64, calibrationSize), i: make([]int64, calibrationSize)}
	// A fixed pseudo-random walk (a 64-bit LCG): the same inputs on every
	// machine, no branch the predictor can learn from a pattern.
	x := uint64(0x9E3779B97F4A7C15)
	p := int64(100_00000000)
	for k := range c.f {
		x = x*6364136223846793005 + 1442695040888963407
		p += int64(x>>40)%2_000_000 - 1_000_000
		c.i[k] = p
		c.f[k] = float64(p) / 1e8
	}
	return c
}

// rep runs the kernel once and returns a checksum (so that nothing is
// optimised away): per pass, a float64 rolling mean and variance over a
// 32-value window, and an int64 fixed-point (1e-8) multiply with
// half-even rounding accumulated with overflow checks, the two kinds of
// arithmetic the engine's backends do per bar.
func (c *calibration) rep() uint64 {
	var sum float64
	var acc int64
	for pass := 0; pass < calibrationPasses; pass++ {
		var s, ss float64
		const w = 32
		for k, v := range c.f {
			s += v
			ss += v * v
			if k >= w {
				o := c.f[k-w]
				s -= o
				ss -= o * o
			}
			m := s / w
			sum += ss/w - m*m
		}
		q := int64(pass + 1)
		for _, v := range c.i {
			acc = mulFixed(acc%1_000_000_00000000, v) + q
		}
	}
	return uint64(acc) ^ uint64(int64(sum))
}

// mulFixed multiplies two int64 fixed-point numbers with 8 decimals,
// rounding half-even (magnitudes only: the calibration's inputs are
// positive).
func mulFixed(a, b int64) int64 {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	q, r := bits.Div64(hi, lo, 1e8)
	if r > 1e8/2 || (r == 1e8/2 && q&1 == 1) {
		q++
	}
	return int64(q)
}

// timeReps times n reps of the kernel and returns their wall and process
// CPU times in ns.
func (c *calibration) timeReps(n int) (wall, cpu []float64) {
	wall, cpu = make([]float64, n), make([]float64, n)
	for k := range wall {
		c0 := processCPU()
		t := time.Now()
		c.sink ^= c.rep()
		wall[k] = float64(time.Since(t).Nanoseconds())
		cpu[k] = float64(processCPU() - c0)
	}
	return wall, cpu
}
