package valgrind

// The requests, from valgrind.h and callgrind.h.
const (
	runningOnValgrind = 0x1001
	callgrindBase     = 'C'<<24 | 'T'<<16
	dumpStats         = callgrindBase + 0
	zeroStats         = callgrindBase + 1
	startInstr        = callgrindBase + 4
	stopInstr         = callgrindBase + 5
)

// Running reports whether the program runs under Valgrind (any tool).
func Running() bool { return request(&[6]uint64{runningOnValgrind}) != 0 }

// ZeroStats sets callgrind's counts to zero, in every thread. Outside
// callgrind it does nothing.
func ZeroStats() { request(&[6]uint64{zeroStats}) }

// DumpStats writes callgrind's counts since the start or the last
// ZeroStats (every thread, summed) to the next numbered dump file and
// zeroes them. Outside callgrind it does nothing.
func DumpStats() { request(&[6]uint64{dumpStats}) }

// StartInstrumentation has callgrind instrument the code from here on: run
// with --instr-atstart=no, a program runs uninstrumented (some 5 times
// slower than alone, rather than some 50) until it asks. Outside callgrind
// it does nothing.
func StartInstrumentation() { request(&[6]uint64{startInstr}) }

// StopInstrumentation has callgrind stop instrumenting (and counting).
// Outside callgrind it does nothing.
func StopInstrumentation() { request(&[6]uint64{stopInstr}) }
