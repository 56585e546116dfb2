package csvsource

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Estimate is what Load would read, counted before reading it.
type Estimate struct {
	// Files is the number of files (one asset each).
	Files int
	// Rows is the rows Load makes room for over every file: each file's
	// size over the mean length of the lines of its first chunk (256 KiB),
	// as the reader preallocates its columns.
	Rows int64
	// MaxRows is the most rows of any file.
	MaxRows int64
	// Bytes is the size of the text over every file (a .gz file's
	// guessed, unpacked): the reader turns it into strings, chunk by
	// chunk, that are garbage once parsed.
	Bytes int64
}

// EstimateRows counts, before reading them, the files cfg names and the
// rows they hold, from their sizes and their first chunk of lines: a
// bound on what Load holds without parsing a row. A file that cannot be
// opened is an error naming it.
func EstimateRows(cfg Config) (Estimate, error) {
	files, err := cfg.files()
	if err != nil {
		return Estimate{}, err
	}
	est := Estimate{Files: len(files)}
	for _, f := range files {
		n, size, err := estimateFile(f.path)
		if err != nil {
			return Estimate{}, &ParseError{File: f.path, Err: err}
		}
		est.Rows += n
		est.Bytes += size
		est.MaxRows = max(est.MaxRows, n)
	}
	return est, nil
}

// estimateFile estimates the rows of one file from its size and its first
// chunk (a .gz file's size times 4, its first chunk decompressed), and
// returns them with the size.
func estimateFile(path string) (rows, size int64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, 0, err
	}
	size = st.Size()
	var r io.Reader = f
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return 0, 0, fmt.Errorf("gzip: %w", err)
		}
		defer zr.Close()
		r, size = zr, size*gzipRatio
	}
	buf := make([]byte, chunkSize)
	n, err := io.ReadFull(r, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return 0, 0, err
	}
	return int64(capacityFor(size, string(buf[:n]))), size, nil
}

// gzipRatio is the guess of a .gz file's size unpacked over packed:
// numeric text compresses about 4:1.
const gzipRatio = 4

// capacityFor returns the rows to make room for in a file of size bytes
// whose first chunk is chunk: the size over the chunk's mean line length,
// plus 64, at most 1<<26 (columns grow past it); 0 when the chunk has no
// whole line.
func capacityFor(size int64, chunk string) int {
	n := strings.Count(chunk, "\n")
	if n == 0 {
		return 0
	}
	rows := int(size/int64(len(chunk)/n+1)) + 64
	return min(rows, 1<<26)
}
