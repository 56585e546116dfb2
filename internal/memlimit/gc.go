package memlimit

import "runtime/debug"

// SweepGCPercent is the collector's GOGC during a sweep under a memory
// limit. A sweep's live heap is its data and a bounded amount per worker,
// and each combination allocates its results and drops them: at the
// default GOGC=100 the collector runs about every combination, on the
// other core when one worker runs and against the workers when they fill
// the cores. With room for four times the live heap (and the limit as a
// ceiling, see TuneGC), penny bench --scenario sweep measured 23-27% more
// combinations per second on the 2-vCPU Intel Xeon it was written on.
const SweepGCPercent = 400

// TuneGC gives the collector room for a long run of short, independent
// computations (a sweep): GOGC percent, with the limit's bytes as the
// runtime's soft memory limit, so that the heap never grows past what
// --max-memory allows (near the limit the collector runs as often as it
// must, whatever percent says). It changes nothing, and returns a restore
// that does nothing, when the user chose for themselves (GOGC or
// GOMEMLIMIT in the environment, read through getenv) or when there is
// no limit (a higher percent without a ceiling could outgrow the
// machine). restore puts back the settings it replaced.
func TuneGC(lim Limit, percent int, getenv func(string) string) (restore func()) {
	if lim.Bytes <= 0 || getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	oldPercent := debug.SetGCPercent(percent)
	oldLimit := debug.SetMemoryLimit(lim.Bytes)
	return func() {
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}
}
