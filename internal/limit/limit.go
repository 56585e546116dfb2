package limit

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// The limits on what Penny reads (see the package doc).
const (
	Config = 1 << 20
	JSON   = 64 << 20
	Line   = 1 << 20
)

// ErrTooLarge is the error of a file or line over its limit.
var ErrTooLarge = errors.New("too large")

// TooLargeError is a file over its limit.
type TooLargeError struct {
	Path  string
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: larger than %s, the limit of such a file: not the file you meant?", e.Path, Size(e.Limit))
}

func (e *TooLargeError) Unwrap() error { return ErrTooLarge }

// ReadFile reads the file at path whole, or returns a *TooLargeError
// once it holds more than max bytes (reading at most max+1 of them:
// /dev/zero too).
func ReadFile(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(f, path, max)
}

// Read reads r to its end, or returns a *TooLargeError naming name once
// it holds more than max bytes.
func Read(r io.Reader, name string, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, &TooLargeError{Path: name, Limit: max}
	}
	return b, nil
}

// LineError is a line over its limit.
type LineError struct {
	Line  int // 1-based
	Limit int
}

func (e *LineError) Error() string {
	return fmt.Sprintf("line %d is longer than %s, the limit of a line", e.Line, Size(int64(e.Limit)))
}

func (e *LineError) Unwrap() error { return ErrTooLarge }

// Lines returns a reader of r that fails with a *LineError on a line of
// more than max bytes (the newline not counted).
func Lines(r io.Reader, max int) io.Reader { return &lines{r: r, max: max, line: 1} }

type lines struct {
	r    io.Reader
	max  int
	cur  int // bytes of the current line so far
	line int
	err  error
}

func (l *lines) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	for i, c := range p[:n] {
		if c == '\n' {
			l.cur = 0
			l.line++
			continue
		}
		l.cur++
		if l.cur > l.max {
			l.err = &LineError{Line: l.line, Limit: l.max}
			return i, l.err
		}
	}
	return n, err
}

// Clip returns s, or its first bytes and how long it was when s is longer
// than 64 bytes, for quoting a value in an error. The result is a copy.
func Clip(s string) string {
	const show = 48
	if len(s) <= 64 {
		return strings.Clone(s)
	}
	cut := show
	for cut > 0 && cut < len(s) && s[cut]&0xC0 == 0x80 {
		cut-- // not inside a UTF-8 sequence
	}
	return s[:cut] + fmt.Sprintf("... (%s in all)", Size(int64(len(s))))
}

// Size writes n bytes in B, KiB, MiB or GiB.
func Size(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	case n < 1<<30 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n < 1<<30:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	}
	return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
}
