// Package valgrind lets a Go program that runs under Valgrind's callgrind
// tool mark the part of its run to count: [ZeroStats] discards the counts
// so far, [DumpStats] writes those since to a dump file that callgrind
// numbers (its --callgrind-out-file with ".1" for the first dump), and,
// for a program started with --instr-atstart=no (which then runs some 5
// times slower than alone instead of some 50), [StartInstrumentation] and
// [StopInstrumentation] turn the instrumentation on and off around it. The
// bench counts the instructions of one backtest this way (a count that
// other processes on the machine do not change, unlike a time).
//
// The calls are Valgrind's client requests: a sequence of instructions
// that does nothing on a real processor and that Valgrind's translator
// recognises. They cost a few nanoseconds outside Valgrind, where
// [Running] reports false. They exist on amd64 only; elsewhere Running is
// false and the others do nothing.
//
// Go programs under callgrind need GODEBUG=asyncpreemptoff=1: the
// preemption signals trip an assertion of callgrind 3.19's signal
// handling. Profiling signals (runtime/pprof) do the same.
package valgrind
