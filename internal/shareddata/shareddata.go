// Package shareddata locates the reference data that tests and examples
// read: the real OHLCV files and the NYSE session list kept beside the
// repository in ../shared/data (see that folder's README.md).
package shareddata

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the shared data folder, found as ../shared/data next to the
// module root (the folder holding go.mod) of the working directory, or ""
// when there is none.
func Dir() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			d := filepath.Join(dir, "..", "shared", "data")
			if st, err := os.Stat(d); err == nil && st.IsDir() {
				return d
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Path returns the path of a shared data file (e.g. "2006-day-001.txt",
// "calendars/xnys-sessions-1990-2023.csv"). It fails the test with a clear
// message when the file is missing: a test that needs the data never passes
// silently without it.
func Path(tb testing.TB, name string) string {
	tb.Helper()
	d := Dir()
	if d == "" {
		tb.Fatalf("shared data folder ../shared/data not found beside the module root; it holds %s (see the README)", name)
	}
	p := filepath.Join(d, name)
	if _, err := os.Stat(p); err != nil {
		tb.Fatalf("shared data file missing: %v", err)
	}
	return p
}
