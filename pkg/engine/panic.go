package engine

import (
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/order"
)

// RunError is returned when a run stops on a panic the engine recovers: a
// numeric failure anywhere in the loop (a Fixed overflow, a division by
// zero: a *numeric.ArithmeticError), or any panic raised while the engine
// was calling the strategy (one of its hooks or scheduled functions; see
// the package doc, "Failures"). It names the bar, the phase of the loop and
// the order being handled, and carries the stack of the panic.
type RunError struct {
	Bar     int
	Time    time.Time
	Phase   string   // "init", "before trading start", "fill", "strategy", "scheduled function", "on session end", "session end"
	OrderID order.ID // 0 when no order was being handled
	// Err is the *numeric.ArithmeticError of a numeric failure, or else an
	// error describing the strategy's panic: it wraps the panic value when
	// that is an error.
	Err error
	// InStrategy is set when the panic was raised while the engine was
	// calling the strategy (its code, or Penny's code it called).
	InStrategy bool
	// Value is the value the panic was raised with.
	Value any
	// Stack is the stack of the goroutine at the panic, from the function
	// that raised it down, one "function\n\tfile:line\n" per frame, as in
	// a Go traceback.
	Stack string
}

func (e *RunError) Error() string {
	s := fmt.Sprintf("engine: bar %d (%s), %s", e.Bar, e.Time.Format(time.RFC3339), e.Phase)
	if e.OrderID != 0 {
		s += fmt.Sprintf(", order %d", e.OrderID)
	}
	return s + ": " + e.Err.Error()
}

func (e *RunError) Unwrap() error { return e.Err }

// recovered is Run's deferred handler: it turns a numeric failure, or any
// panic raised in the strategy, into a *RunError, and lets every other
// panic (a bug in Penny's engine, ledger or execution, or in a model or
// callback of the Config) go on to the caller with its stack.
func (e *Engine[N]) recovered(r any) *RunError {
	ae, isNumeric := numeric.Recover(r)
	if !isNumeric && !e.inStrategy {
		panic(r) // not ours to hide; the traceback still shows where it was raised
	}
	stack, at := panicStack()
	re := &RunError{Bar: e.bar, Time: e.reported(e.now), Phase: e.phase, OrderID: e.current,
		InStrategy: e.inStrategy, Value: r, Stack: stack}
	if isNumeric {
		re.Err = ae
	} else if err, ok := r.(error); ok {
		re.Err = fmt.Errorf("panic in %s: %w", at, err)
	} else {
		re.Err = fmt.Errorf("panic in %s: %v", at, r)
	}
	return re
}

// panicStack returns the stack of a panic and the name of the function
// that raised it. Called from a deferred function while the panic runs
// it (the panicking frames are still on the stack then), it skips its own
// frames and the recovery's, down to runtime.gopanic, and returns the
// frames from the function that raised the panic down.
func panicStack() (stack, at string) {
	pcs := make([]uintptr, 64)
	for {
		n := runtime.Callers(1, pcs)
		if n < len(pcs) {
			pcs = pcs[:n]
			break
		}
		pcs = make([]uintptr, 2*len(pcs))
	}
	frames := runtime.CallersFrames(pcs)
	var b strings.Builder
	state := 0 // 0: above the panic, 1: runtime frames of the panic, 2: the panicking code and below
	for {
		f, more := frames.Next()
		switch {
		case state == 0 && f.Function == "runtime.gopanic":
			state = 1
		case state > 0 && strings.HasPrefix(f.Function, "runtime."):
			// the runtime's panic helpers (panicIndex, sigpanic...) above
			// the panicking code, runtime.main and goexit below it: left
			// out, as Go's tracebacks do
		case state > 0:
			if state == 1 {
				state, at = 2, f.Function
			}
			fmt.Fprintf(&b, "%s\n\t%s:%d\n", f.Function, f.File, f.Line)
		}
		if !more {
			break
		}
	}
	if at == "" {
		at = "an unknown function"
	}
	return b.String(), at
}
