package ingest

import (
	"context"
	"errors"
)

// InputError is an error the input causes: a bad value or row in a file,
// a bar the store cannot hold exactly, a request the API refuses, a symbol
// with no data. Running the same ingest again will not help; changing the
// input or the options will.
type InputError struct {
	Err error
}

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// interrupted reports whether err is a context's: the ingest was
// cancelled or ran out of time, whatever it was doing.
func interrupted(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
