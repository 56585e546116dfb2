package sweep

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
)

// resultsWriter appends rows to a results file, each row handed to the
// operating system as soon as it is written (a killed sweep loses no
// finished row; at most the row being written is torn, and a resume
// drops it).
type resultsWriter struct {
	f  *os.File
	bw *bufio.Writer
	cw *csv.Writer
	l  *layout
}

// createResults creates path (replacing it) and writes the header.
func createResults(path string, l *layout) (*resultsWriter, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, err
	}
	w := newResultsWriter(f, l)
	if err := w.cw.Write(l.header()); err != nil {
		_ = f.Close()
		return nil, err
	}
	return w, w.flush()
}

// appendResults opens path for appending after its first size bytes.
func appendResults(path string, size int64, l *layout) (*resultsWriter, error) {
	f, err := os.OpenFile(path, os.O_WRONLY, 0o644)
	if err != nil {
		return nil, err
	}
	if err := f.Truncate(size); err == nil {
		_, err = f.Seek(size, io.SeekStart)
	}
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return newResultsWriter(f, l), nil
}

func newResultsWriter(f *os.File, l *layout) *resultsWriter {
	bw := bufio.NewWriterSize(f, 64<<10)
	return &resultsWriter{f: f, bw: bw, cw: csv.NewWriter(bw), l: l}
}

// write appends a row.
func (w *resultsWriter) write(r *Row) error {
	if err := w.cw.Write(w.l.record(r)); err != nil {
		return err
	}
	return w.flush()
}

// writeRecord appends a record as it is.
func (w *resultsWriter) writeRecord(rec []string) error { return w.cw.Write(rec) }

func (w *resultsWriter) flush() error {
	w.cw.Flush()
	if err := w.cw.Error(); err != nil {
		return err
	}
	return w.bw.Flush()
}

// close flushes the file to disk and closes it.
func (w *resultsWriter) close() error {
	err := w.flush()
	if err == nil {
		err = w.f.Sync()
	}
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// abort closes the file without caring for errors.
func (w *resultsWriter) abort() { _ = w.f.Close() }

// resultsReader reads a results file record by record.
type resultsReader struct {
	path string
	f    *os.File
	cr   *csv.Reader
	l    *layout
	line int
	size int64
}

// openResults opens a results file and checks its header against l.
func openResults(path string, l *layout) (*resultsReader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	cr := csv.NewReader(bufio.NewReaderSize(f, 64<<10))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	r := &resultsReader{path: path, f: f, cr: cr, l: l, size: st.Size()}
	head, err := cr.Read()
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("%s: no header: %w", path, err)
	}
	if !slices.Equal(head, l.header()) {
		_ = f.Close()
		return nil, fmt.Errorf("%s: its columns are not this sweep's (%d columns, want %d: %v)", path, len(head), len(l.header()), l.header())
	}
	return r, nil
}

// next returns the next record and its row; io.EOF at the end.
func (r *resultsReader) next() ([]string, Row, error) {
	rec, err := r.cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, Row{}, io.EOF
		}
		return nil, Row{}, fmt.Errorf("%s: %w", r.path, err)
	}
	line, _ := r.cr.FieldPos(0)
	row, err := r.l.parse(rec)
	if err != nil {
		return nil, Row{}, fmt.Errorf("%s: line %d: %w", r.path, line, err)
	}
	return rec, row, nil
}

// offset returns the byte offset of the end of the last record read.
func (r *resultsReader) offset() int64 { return r.cr.InputOffset() }

// whole reports whether the last record read ends with its newline (a
// record at the end of the file without one may have been torn by a
// kill).
func (r *resultsReader) whole() bool {
	off := r.offset()
	if off < r.size {
		return true
	}
	var b [1]byte
	_, err := r.f.ReadAt(b[:], off-1)
	return err == nil && b[0] == '\n'
}

func (r *resultsReader) close() { _ = r.f.Close() }
