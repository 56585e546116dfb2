package alpaca

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// The conditions an error of this package matches with errors.Is.
var (
	// ErrAuth: the API refused the credentials (HTTP 401 or 403). Never
	// retried.
	ErrAuth = errors.New("authentication failed: check APCA_API_KEY_ID and APCA_API_SECRET_KEY")
	// ErrRefused: the API refused the request (another 4xx status, such
	// as 400 for a bad parameter or 422 for an unknown symbol). Never
	// retried.
	ErrRefused = errors.New("request refused")
	// ErrRetries: a retryable failure (HTTP 429 or 5xx, a network error, a
	// truncated or garbled body) persisted through every attempt.
	ErrRetries = errors.New("retries exhausted")
	// ErrNoData: a symbol has no bars in the requested range.
	ErrNoData = errors.New("no bars")
	// ErrOffSession: a bar outside the calendar's sessions, with
	// OffSessionError.
	ErrOffSession = errors.New("bar outside the calendar's sessions")
	// ErrRepeatedPage: the API answered a page with a next_page_token it
	// had already given for the same call: following it would loop
	// forever. Never retried.
	ErrRepeatedPage = errors.New("the API repeated a page token")
	// ErrUnreachable: a failure that another try cannot heal: the API's
	// host name does not resolve, its TLS certificate is not trusted, the
	// URL cannot be used. Never retried.
	ErrUnreachable = errors.New("the API cannot be reached")
	// ErrStaging: the staging area holds a damaged window file.
	ErrStaging = errors.New("damaged staging file")
)

// RequestError reports a request that failed: the endpoint, the symbols
// and month asked for, the HTTP status (0 for a network or body error),
// the number of attempts made, and the server's message. Its text never
// holds the credentials.
type RequestError struct {
	Endpoint string
	Symbols  []string
	Window   string // the month, "2024-01"
	Status   int
	Attempts int
	Message  string
	Err      error // ErrAuth, ErrRefused, ErrRetries, or the context's error
}

func (e *RequestError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "alpaca: GET %s (%s; %s): ", e.Endpoint, listSymbols(e.Symbols), e.Window)
	if e.Status != 0 {
		fmt.Fprintf(&b, "HTTP %d: ", e.Status)
	}
	b.WriteString(e.Err.Error())
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " after %d attempts", e.Attempts)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	return b.String()
}

func (e *RequestError) Unwrap() error { return e.Err }

// NoDataError reports symbols that have no bars in the range asked for.
type NoDataError struct {
	Symbols    []string
	Start, End time.Time
	Feed       string
}

func (e *NoDataError) Error() string {
	feed := ""
	if e.Feed != "" {
		feed = " on feed " + e.Feed
	}
	return fmt.Sprintf("alpaca: no bars for %s from %s to %s%s: check the symbols, the dates and the feed",
		strings.Join(e.Symbols, ", "), e.Start.Format(time.DateOnly), e.End.Format(time.DateOnly), feed)
}

func (e *NoDataError) Unwrap() error { return ErrNoData }

// listSymbols names up to five symbols and counts the rest.
func listSymbols(s []string) string {
	if len(s) <= 5 {
		return strings.Join(s, ",")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(s[:5], ","), len(s)-5)
}
