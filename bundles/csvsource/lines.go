package csvsource

import (
	"errors"
	"io"
	"strings"
)

const (
	chunkSize   = 256 << 10 // bytes read at a time
	maxLineSize = 1 << 20   // longest line accepted
)

// lineReader splits a stream into lines without allocating per line: it
// reads the stream in large chunks, turns each chunk into one string, and
// hands out substrings of it. A trailing "\r" is removed, so CRLF files
// read as LF files. The strings handed out are immutable and may be kept;
// keeping one pins its chunk, so errors copy what they keep.
type lineReader struct {
	r     io.Reader
	buf   []byte
	chunk string // the current chunk
	pos   int    // start of the next line in chunk
	line  int    // number of the last line returned (1-based)
	eof   bool
	err   error // a read error other than io.EOF
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{r: r, buf: make([]byte, chunkSize)}
}

// next returns the next line and true, or "" and false at the end of the
// input or on error (see Err).
func (lr *lineReader) next() (string, bool) {
	for {
		if i := strings.IndexByte(lr.chunk[lr.pos:], '\n'); i >= 0 {
			s := lr.chunk[lr.pos : lr.pos+i]
			lr.pos += i + 1
			lr.line++
			return trimCR(s), true
		}
		if lr.err != nil {
			return "", false // a partial line is not data
		}
		if lr.eof {
			if lr.pos < len(lr.chunk) {
				s := lr.chunk[lr.pos:]
				lr.pos = len(lr.chunk)
				lr.line++
				return trimCR(s), true
			}
			return "", false
		}
		lr.fill()
	}
}

// fill moves the unfinished line to the front of the buffer and reads
// until the buffer is full or the input ends.
func (lr *lineReader) fill() {
	rest := len(lr.chunk) - lr.pos
	if rest >= maxLineSize {
		lr.err = ErrLineTooLong
		lr.chunk, lr.pos = "", 0
		return
	}
	if rest > len(lr.buf)/2 {
		nb := make([]byte, 2*len(lr.buf))
		lr.buf = nb
	}
	n := copy(lr.buf, lr.chunk[lr.pos:])
	for n < len(lr.buf) {
		m, err := lr.r.Read(lr.buf[n:])
		n += m
		if err != nil {
			if !errors.Is(err, io.EOF) {
				lr.err = err
			}
			lr.eof = true
			break
		}
	}
	lr.chunk, lr.pos = string(lr.buf[:n]), 0
}

// Err returns the read error that ended the input, if any.
func (lr *lineReader) Err() error { return lr.err }

func trimCR(s string) string {
	if len(s) > 0 && s[len(s)-1] == '\r' {
		return s[:len(s)-1]
	}
	return s
}

// splitFields cuts line at each delim into fields, trimming spaces and one
// pair of surrounding double quotes ("" inside quotes reads as "). It
// reuses fields and returns it; the fields are substrings of line unless a
// quoted field holds an escaped quote. A delimiter inside quotes does not
// split. Quoted fields cannot hold line breaks.
func splitFields(fields []string, line string, delim byte) []string {
	fields = fields[:0]
	if strings.IndexByte(line, '"') < 0 {
		for {
			i := strings.IndexByte(line, delim)
			if i < 0 {
				return append(fields, trimSpace(line))
			}
			fields = append(fields, trimSpace(line[:i]))
			line = line[i+1:]
		}
	}
	return splitQuoted(fields, line, delim)
}

func splitQuoted(fields []string, line string, delim byte) []string {
	for {
		f := trimSpaceLeft(line)
		if len(f) == 0 || f[0] != '"' {
			i := strings.IndexByte(line, delim)
			if i < 0 {
				return append(fields, trimSpace(line))
			}
			fields = append(fields, trimSpace(line[:i]))
			line = line[i+1:]
			continue
		}
		// A quoted field: find the closing quote, stepping over "".
		i, escaped := 1, false
		for ; i < len(f); i++ {
			if f[i] == '"' {
				if i+1 < len(f) && f[i+1] == '"' {
					escaped = true
					i++
					continue
				}
				break
			}
		}
		val := f[1:min(i, len(f))]
		if escaped {
			val = strings.ReplaceAll(val, `""`, `"`)
		}
		// Text after the closing quote, up to the delimiter, is kept as
		// is: a malformed field then fails to parse with its text shown.
		rest := f[min(i+1, len(f)):]
		j := strings.IndexByte(rest, delim)
		tail := rest
		if j >= 0 {
			tail = rest[:j]
		}
		if t := trimSpace(tail); t != "" {
			val += t
		}
		fields = append(fields, val)
		if j < 0 {
			return fields
		}
		line = rest[j+1:]
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

func trimSpaceLeft(s string) string {
	for len(s) > 0 && isSpace(s[0]) {
		s = s[1:]
	}
	return s
}

func trimSpace(s string) string {
	s = trimSpaceLeft(s)
	for len(s) > 0 && isSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}
