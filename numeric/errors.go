package numeric

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel conditions. Errors returned or panicked by this package match one
// of them with [errors.Is].
var (
	// ErrOverflow: the exact result does not fit the backend's range.
	ErrOverflow = errors.New("overflow")
	// ErrDivisionByZero: a division or remainder by zero.
	ErrDivisionByZero = errors.New("division by zero")
	// ErrInvalid: an operation with no real result (square root of a
	// negative value, an invalid rounding mode or decimal count).
	ErrInvalid = errors.New("invalid operation")
	// ErrSyntax: text that is not a finite decimal number.
	ErrSyntax = errors.New("invalid syntax")
	// ErrPrecision: text with more decimals than the backend holds exactly.
	ErrPrecision = errors.New("too many decimals")
)

// ArithmeticError is the value panicked by an arithmetic method whose exact
// result cannot be represented (overflow), or that has no result (division
// by zero, square root of a negative). It names the backend, the operation
// and its operands, so that a run stopped by it can say what went wrong.
// The engine recovers it and reports it with the bar and order at fault.
type ArithmeticError struct {
	Backend  string   // "fixed", "float", "decimal"
	Op       string   // "add", "sub", "mul", "div", "neg", "abs", "sqrt", "int", "quantize"
	Operands []string // canonical strings of the operands
	Err      error    // ErrOverflow, ErrDivisionByZero or ErrInvalid
}

func (e *ArithmeticError) Error() string {
	return fmt.Sprintf("numeric: %s %s %s: %v", e.Backend, e.Op, strings.Join(e.Operands, ", "), e.Err)
}

// Unwrap returns the condition (ErrOverflow, ErrDivisionByZero, ErrInvalid).
func (e *ArithmeticError) Unwrap() error { return e.Err }

// ParseError is returned when text cannot be read as a value of a backend.
type ParseError struct {
	Backend string // "fixed", "float", "decimal"
	Input   string // the text as given (cut to 64 bytes)
	Err     error  // ErrSyntax, ErrPrecision or ErrOverflow
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("numeric: parsing %q as %s: %v", e.Input, e.Backend, e.Err)
}

// Unwrap returns the condition (ErrSyntax, ErrPrecision, ErrOverflow).
func (e *ParseError) Unwrap() error { return e.Err }

func parseError(backend, s string, err error) *ParseError {
	if len(s) > 64 {
		s = s[:61] + "..."
	}
	return &ParseError{Backend: backend, Input: s, Err: err}
}

// Recover turns a recovered panic value into an error when it is an
// *ArithmeticError raised by this package, and reports whether it was one.
// Use it in a deferred function at a boundary that must report numeric
// failures as errors instead of crashing:
//
//	defer func() {
//		if r := recover(); r != nil {
//			if e, ok := numeric.Recover(r); ok {
//				err = e
//				return
//			}
//			panic(r)
//		}
//	}()
func Recover(r any) (*ArithmeticError, bool) {
	e, ok := r.(*ArithmeticError)
	return e, ok
}
