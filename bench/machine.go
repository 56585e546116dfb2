package bench

import (
	"sync"
	"time"
)

// spinRounds is the work of one goroutine of the machine kernel: about
// a tenth of a second on a 2-4 GHz core.
const spinRounds = 1 << 26

// machineSpeedup measures what the machine itself gives w goroutines at
// once, for the sweep's speedup to be read against: a compute kernel
// that touches no memory and allocates nothing (xorshift and multiply
// rounds in registers) runs on one goroutine, then the same work on
// each of w goroutines at once; the speedup is w times the first time
// over the second. On cores of its own a machine gives w. Cores shared
// with other tenants, SMT siblings, or a host that lowers the clock when
// more of its cores are busy give less, and no code can scale beyond it.
func machineSpeedup(w int) float64 {
	if w <= 1 {
		return 1
	}
	one := spinOn(1)
	many := spinOn(w)
	return float64(w) * one.Seconds() / many.Seconds()
}

// spinOn runs the kernel on w goroutines at once and returns the time.
func spinOn(w int) time.Duration {
	out := make([]uint64, w)
	var wg sync.WaitGroup
	start := time.Now()
	for k := range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[k] = spin(uint64(k)+1, spinRounds)
		}()
	}
	wg.Wait()
	took := time.Since(start)
	for _, x := range out {
		if x == 0 { // never: keeps the kernel's result live
			return 0
		}
	}
	return took
}

// spin runs n xorshift-multiply rounds from the non-zero seed x; the
// result is never zero.
func spin(x uint64, n int) uint64 {
	for range n {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		x *= 0x9E3779B97F4A7C15
	}
	return x | 1
}
