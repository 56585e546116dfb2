package report

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/pennybt/penny/internal/atomicfile"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
)

// Files lists the files WriteDir writes, in the order it writes them.
func Files() []string {
	return []string{"summary.json", "daily.csv", "transactions.csv", "orders.csv", "actions.csv", "report.html"}
}

// WriteDir writes the report of res into dir (see Report.WriteDir).
func WriteDir[N numeric.Number[N]](dir string, res *engine.Result[N], opts Options) error {
	r, err := New(res, opts)
	if err != nil {
		return err
	}
	return r.WriteDir(dir)
}

// WriteDir writes summary.json, daily.csv, transactions.csv, orders.csv,
// actions.csv and report.html into dir, creating it (and its parents) if needed. Each
// file is written in full to a temporary name in dir first; only when all
// six are written are they renamed into place, so a failure leaves the
// files that were there before untouched (a failure between two renames,
// which only the file system can cause, may leave some files new and some
// old). Files get mode 0644 (set with chmod, whatever the umask) and replace
// existing ones of the same name.
func (r *Report[N]) WriteDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	writers := map[string]func(io.Writer) error{
		"summary.json":     r.Summary.WriteJSON,
		"daily.csv":        r.WriteDaily,
		"transactions.csv": r.WriteTransactions,
		"orders.csv":       r.WriteOrders,
		"actions.csv":      r.WriteActions,
		"report.html":      r.WriteHTML,
	}
	var files []*atomicfile.File
	defer func() {
		for _, f := range files {
			f.Discard() // nothing once committed
		}
	}()
	for _, name := range Files() {
		f, err := writeTemp(filepath.Join(dir, name), writers[name])
		if f != nil {
			files = append(files, f)
		}
		if err != nil {
			return err
		}
	}
	for _, f := range files {
		if err := f.Commit(); err != nil {
			return fmt.Errorf("report: %w", err)
		}
	}
	return nil
}

// writeTemp writes the file at path under a temporary name with write,
// flushes it to disk and closes it, ready to commit; the file is nil if it
// could not be created.
func writeTemp(path string, write func(io.Writer) error) (*atomicfile.File, error) {
	f, err := atomicfile.Create(path)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		return f, err // the writers' errors name the file
	}
	if err := bw.Flush(); err != nil {
		return f, fmt.Errorf("report: %s: %w", filepath.Base(path), err)
	}
	if err := f.Close(); err != nil {
		return f, fmt.Errorf("report: %w", err)
	}
	return f, nil
}
