package csvsource

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pennybt/penny/numeric"
)

// The conditions a [ParseError] wraps, to test with [errors.Is]. Number
// errors wrap a *[numeric.ParseError] instead, which matches
// [numeric.ErrSyntax], [numeric.ErrPrecision] or [numeric.ErrOverflow].
var (
	// ErrEmpty: the file holds no header (zero bytes or blank lines only).
	ErrEmpty = errors.New("empty file")
	// ErrNoData: the file, or the selected time range of it, holds no bar.
	ErrNoData = errors.New("no bars")
	// ErrMissingColumn: a required column is not in the header.
	ErrMissingColumn = errors.New("missing column")
	// ErrDuplicateColumn: two header columns have the same meaning.
	ErrDuplicateColumn = errors.New("duplicate column")
	// ErrFieldCount: a row has a different number of fields than the header.
	ErrFieldCount = errors.New("wrong number of fields")
	// ErrTime: a date or time that cannot be read.
	ErrTime = errors.New("invalid date or time")
	// ErrUnsorted: a bar stamped before the bar above it.
	ErrUnsorted = errors.New("timestamps not increasing")
	// ErrDuplicate: a bar stamped at the same time as the bar above it.
	ErrDuplicate = errors.New("duplicate timestamp")
	// ErrOffGrid: an intraday bar that does not start a whole number of
	// bar lengths after its session's open (09:31:30 in a minute file).
	// Off-calendar repairs drop it.
	ErrOffGrid = errors.New("off the bar grid")
	// ErrFrequency: rows that do not fit the frequency the file is read
	// at (two times of day on one date in a file read as daily).
	ErrFrequency = errors.New("frequency mismatch")
	// ErrNegative: a negative volume.
	ErrNegative = errors.New("negative value")
	// ErrNotPositive: a price of zero or below. No asset, equity or
	// crypto, trades at zero: such a row is a vendor's placeholder, and a
	// zero low turns a drawdown of a few percent into one of -50% or
	// worse.
	ErrNotPositive = errors.New("price zero or below")
	// ErrHighBelowLow: a bar whose high is below its low.
	ErrHighBelowLow = errors.New("high below low")
	// ErrOutsideRange: an open or close outside [low, high].
	ErrOutsideRange = errors.New("outside [low, high]")
	// ErrOffCalendar: a bar that falls in no session of the calendar.
	ErrOffCalendar = errors.New("not in a session of the calendar")
	// ErrLineTooLong: a line longer than the reader accepts (1 MiB).
	ErrLineTooLong = errors.New("line too long")
)

// ParseError reports bad input: the file, the line, the field and the
// value at fault, and why (Err). Line is 1-based (the header is line 1 of
// most files) and 0 when the error is about the file as a whole; Field is
// the column name as the header writes it, or "" when the error is about
// the whole line or file. Value is the offending text, cut to 64 bytes.
//
// Err is one of the sentinel errors of this package (possibly wrapped with
// detail), a *[numeric.ParseError] for a number that cannot be read
// exactly, or an I/O error; errors.Is and errors.As see through it.
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
	b.WriteString(errorText(e.Err))
	return b.String()
}

// Unwrap returns the cause.
func (e *ParseError) Unwrap() error { return e.Err }

// errorText words the cause; a number with more decimals than Fixed holds
// says so and names the way out.
func errorText(err error) string {
	var pe *numeric.ParseError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(err, numeric.ErrPrecision) && pe.Backend == "fixed":
			return "more decimals than the fixed backend holds (8); use the decimal backend for this file"
		case errors.Is(err, numeric.ErrOverflow):
			return fmt.Sprintf("number out of the range of the %s backend", pe.Backend)
		case errors.Is(err, numeric.ErrSyntax):
			return "not a decimal number"
		}
	}
	if err == nil {
		return "unknown error"
	}
	return err.Error()
}

// clip copies s (so that an error does not pin the reader's buffer) and
// cuts it to 64 bytes.
func clip(s string) string {
	if len(s) > 64 {
		s = s[:61] + "..."
	}
	return strings.Clone(s)
}
