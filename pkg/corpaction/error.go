package corpaction

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pennybt/penny/numeric"
)

// The conditions a [ParseError] wraps, to test with [errors.Is].
var (
	ErrEmpty           = errors.New("empty file: no header")
	ErrMissingColumn   = errors.New("missing column")
	ErrDuplicateColumn = errors.New("duplicate column")
	ErrUnknownColumn   = errors.New("unknown column")
	ErrFieldCount      = errors.New("wrong number of fields")
	ErrType            = errors.New("unknown action type")
	ErrDate            = errors.New("invalid date")
	ErrMissing         = errors.New("missing value")
	ErrUnused          = errors.New("value not used by this type")
	ErrRatio           = errors.New("invalid ratio")
	ErrAmount          = errors.New("invalid amount")
	ErrPayBeforeEx     = errors.New("date before the ex-date")
	ErrDuplicate       = errors.New("duplicate action")
	ErrSymbol          = errors.New("invalid symbol")
	ErrUnknownSymbol   = errors.New("symbol not in the data")
)

// ParseError reports bad input: the file, the line (1-based, 0 for the
// file as a whole), the field as the header names it and the value at
// fault, and why (Err: a sentinel of this package, a
// *numeric.ParseError, or an I/O error).
type ParseError struct {
	File  string
	Line  int
	Field string
	Value string
	Err   error
}

func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, ": field %q", e.Field)
	}
	if e.Field != "" || e.Value != "" {
		fmt.Fprintf(&b, " value %q", e.Value)
	}
	b.WriteString(": ")
	var pe *numeric.ParseError
	switch {
	case errors.As(e.Err, &pe) && errors.Is(e.Err, numeric.ErrPrecision):
		fmt.Fprintf(&b, "more decimals than the %s backend holds", pe.Backend)
	case errors.As(e.Err, &pe) && errors.Is(e.Err, numeric.ErrOverflow):
		fmt.Fprintf(&b, "out of the range of the %s backend", pe.Backend)
	case errors.As(e.Err, &pe):
		b.WriteString("not a decimal number")
	case e.Err != nil:
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *ParseError) Unwrap() error { return e.Err }

// Warning is something Resolve did to an action and says so: moved to
// the next session, or left out. It names where the action was read.
type Warning struct {
	Origin Origin
	Action string // the action, as Action.String writes it
	What   string
}

func (w Warning) String() string { return w.Origin.String() + ": " + w.Action + ": " + w.What }

func clip(s string) string {
	if len(s) > 64 {
		s = s[:61] + "..."
	}
	return strings.Clone(s)
}
