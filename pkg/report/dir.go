package report

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
)

// Files lists the files WriteDir writes, in the order it writes them.
func Files() []string {
	return []string{"summary.json", "daily.csv", "transactions.csv", "orders.csv", "report.html"}
}

// WriteDir writes the report of res into dir (see Report.WriteDir).
func WriteDir[N numeric.Number[N]](dir string, res *engine.Result[N], opts Options) error {
	r, err := New(res, opts)
	if err != nil {
		return err
	}
	return r.WriteDir(dir)
}

// WriteDir writes summary.json, daily.csv, transactions.csv, orders.csv
// and report.html into dir, creating it (and its parents) if needed. Each
// file is written in full to a temporary name in dir first; only when all
// five are written are they renamed into place, so a failure leaves the
// files that were there before untouched (a failure between two renames,
// which only the file system can cause, may leave some files new and some
// old). Files get mode 0644 (set with chmod, whatever the umask) and replace
// existing ones of the same name.
func (r *Report[N]) WriteDir(dir string) (err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	writers := map[string]func(io.Writer) error{
		"summary.json":     r.Summary.WriteJSON,
		"daily.csv":        r.WriteDaily,
		"transactions.csv": r.WriteTransactions,
		"orders.csv":       r.WriteOrders,
		"report.html":      r.WriteHTML,
	}
	var temps []string
	defer func() {
		if err != nil {
			for _, t := range temps {
				_ = os.Remove(t)
			}
		}
	}()
	for _, name := range Files() {
		tmp, err := writeTemp(dir, name, writers[name])
		if tmp != "" {
			temps = append(temps, tmp)
		}
		if err != nil {
			return err
		}
	}
	for i, name := range Files() {
		if err := os.Rename(temps[i], filepath.Join(dir, name)); err != nil {
			temps = temps[i:]
			return fmt.Errorf("report: %w", err)
		}
	}
	temps = nil
	return nil
}

// writeTemp writes a file of dir under a temporary name with write,
// flushes it to disk and closes it; it returns the temporary's path (""
// if it could not be created).
func writeTemp(dir, name string, write func(io.Writer) error) (string, error) {
	f, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return "", fmt.Errorf("report: %w", err)
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		_ = f.Close()
		return f.Name(), err // the writers' errors name the file
	}
	err = bw.Flush()
	if err == nil {
		err = f.Chmod(0o644)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return f.Name(), fmt.Errorf("report: %s: %w", name, err)
	}
	return f.Name(), nil
}
