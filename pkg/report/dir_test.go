package report_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/report"
)

func TestFiles(t *testing.T) {
	want := []string{"summary.json", "daily.csv", "transactions.csv", "orders.csv", "actions.csv", "report.html"}
	if got := report.Files(); !slices.Equal(got, want) {
		t.Errorf("Files() = %v, want %v", got, want)
	}
}

// dirEntries returns the names in dir.
func dirEntries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteDirReplaces(t *testing.T) {
	res := runFixture[numeric.Fixed](t, fixtureStart, "2023-03-31")
	dir := t.TempDir()
	stale := filepath.Join(dir, "summary.json")
	if err := os.WriteFile(stale, []byte("stale"), 0o600); err != nil {
		t.Fatal(err)
	}
	keep := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(keep, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteDir(dir, res, report.Options{}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(stale)
	if err != nil || !bytes.HasPrefix(b, []byte("{\n")) {
		t.Errorf("summary.json not replaced: %q, %v", b, err)
	}
	if b, err := os.ReadFile(keep); err != nil || string(b) != "mine" {
		t.Errorf("another file was touched: %q, %v", b, err)
	}
	if got := dirEntries(t, dir); len(got) != 7 {
		t.Errorf("entries %v, want the six files and notes.txt", got)
	}
}

func TestWriteDirFailures(t *testing.T) {
	res := runFixture[numeric.Fixed](t, fixtureStart, "2023-03-31")

	t.Run("parent is a file", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "file")
		if err := os.WriteFile(file, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		err := report.WriteDir(filepath.Join(file, "out"), res, report.Options{})
		if err == nil || !strings.Contains(err.Error(), file) {
			t.Errorf("error %v, want one naming %s", err, file)
		}
	})

	t.Run("rename fails", func(t *testing.T) {
		// report.html is a directory that is not empty: the last rename
		// fails, and no temporary file is left behind.
		dir := t.TempDir()
		if err := os.MkdirAll(filepath.Join(dir, "report.html", "x"), 0o755); err != nil {
			t.Fatal(err)
		}
		err := report.WriteDir(dir, res, report.Options{})
		if err == nil || !strings.Contains(err.Error(), "report.html") {
			t.Errorf("error %v, want one naming report.html", err)
		}
		for _, name := range dirEntries(t, dir) {
			if strings.HasPrefix(name, ".") {
				t.Errorf("temporary file %s left behind", name)
			}
		}
	})
}

// failWriter fails every write after the first n bytes.
type failWriter struct{ n int }

var errDiskFull = errors.New("disk full")

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errDiskFull
	}
	w.n -= len(p)
	return len(p), nil
}

func TestWritersReportErrors(t *testing.T) {
	res := runFixture[numeric.Fixed](t, fixtureStart, "2023-03-31")
	r, err := report.New(res, report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	writers := map[string]func(io.Writer) error{
		"summary.json":     r.Summary.WriteJSON,
		"daily.csv":        r.WriteDaily,
		"transactions.csv": r.WriteTransactions,
		"orders.csv":       r.WriteOrders,
		"report.html":      r.WriteHTML,
	}
	for name, write := range writers {
		for _, n := range []int{0, 100} {
			err := write(&failWriter{n: n})
			if !errors.Is(err, errDiskFull) || !strings.Contains(err.Error(), name) {
				t.Errorf("%s after %d bytes: error %v, want disk full naming the file", name, n, err)
			}
		}
	}
}
