package alpaca

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// transport sits under the client library. It sets the credentials on
// every request itself (so that no APCA_* variable of the process
// environment, which the library would read, takes part), counts
// requests, and turns every response with an error status into a
// *statusError before the library sees it: the library then never runs
// its own retry loop (which sleeps a fixed delay on 429 and 500 only),
// and this package's policy governs every retry.
type transport struct {
	base     http.RoundTripper
	creds    Credentials
	requests atomic.Int64
	pages    pages // the page tokens of the call under way
}

// statusError is an HTTP error status, with the server's message
// (credentials removed) and its Retry-After.
type statusError struct {
	code       int
	message    string
	retryAfter time.Duration
}

func (e *statusError) Error() string {
	return "HTTP " + strconv.Itoa(e.code) + " " + http.StatusText(e.code) + ": " + e.message
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.Header.Del("Authorization")
	r.Header.Set("APCA-API-KEY-ID", t.creds.KeyID)
	r.Header.Set("APCA-API-SECRET-KEY", t.creds.SecretKey)
	if err := t.follow(r); err != nil {
		return nil, err
	}
	t.requests.Add(1)
	resp, err := t.base.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode < 400 {
		return resp, nil
	}
	defer resp.Body.Close()
	return nil, &statusError{
		code:       resp.StatusCode,
		message:    clip(t.creds.redact(errorMessage(resp)), 200),
		retryAfter: retryAfter(resp.Header.Get("Retry-After")),
	}
}

// errorMessage returns the message of an error response: the "message"
// of Alpaca's JSON error body, or the start of the body's text; the
// caller redacts it, then clips it.
func errorMessage(resp *http.Response) string {
	var r io.Reader = io.LimitReader(resp.Body, 4096)
	if strings.EqualFold(resp.Header.Get("Content-Encoding"), "gzip") {
		if zr, err := gzip.NewReader(r); err == nil {
			r = io.LimitReader(zr, 4096)
		}
	}
	body, _ := io.ReadAll(r)
	var v struct {
		Message string `json:"message"`
	}
	msg := strings.TrimSpace(string(body))
	if json.Unmarshal(body, &v) == nil && v.Message != "" {
		msg = v.Message
	}
	return msg
}

// retryAfter reads a Retry-After header in seconds (the HTTP-date form is
// ignored).
func retryAfter(h string) time.Duration {
	s, err := strconv.Atoi(strings.TrimSpace(h))
	if err != nil || s < 0 {
		return 0
	}
	return time.Duration(s) * time.Second
}

// clip cuts s to n bytes, on a rune boundary, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8Start(s[n]) {
		n--
	}
	return s[:n] + "..."
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }
