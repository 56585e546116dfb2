package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// File and directory names inside a bundle directory.
const (
	// ManifestFile is the name of the manifest in an ingest directory.
	ManifestFile = "manifest.json"
	// BarsDir is the folder of Parquet files in an ingest directory.
	BarsDir = "bars"
	// PartialDir is the temporary ingest directory of a bundle: an ingest
	// writes there and renames it into place when complete. A failed
	// ingest leaves it behind, with its staging area, for the next attempt.
	PartialDir = ".partial"
	// StagingDir is the folder inside PartialDir where a source keeps what
	// it has fetched so far, so that an interrupted ingest can resume.
	StagingDir = "staging"

	lockFile = ".lock"
)

// ErrNoBundle is matched (errors.Is) by the errors for a bundle that has
// no ingest.
var ErrNoBundle = errors.New("no such bundle")

// NoBundleError reports a bundle name with no ingest under home.
type NoBundleError struct {
	Name string
	Dir  string // the bundles folder searched
}

func (e *NoBundleError) Error() string {
	return fmt.Sprintf("store: no bundle %q in %s (run penny ingest first)", e.Name, e.Dir)
}

// Is makes NoBundleError match ErrNoBundle.
func (e *NoBundleError) Is(target error) bool { return target == ErrNoBundle }

// ingestLayout is the format of ingest directory names: a UTC time with a
// fixed width, so that lexical order is time order, and no colons, so that
// the names are valid on every file system.
const ingestLayout = "2006-01-02T15-04-05.000000000Z"

// HomeDir returns Penny's home directory: $PENNY_HOME when set, otherwise
// $HOME/.penny. The environment is read through getenv, never directly.
// A home that does not exist yet is fine (the first ingest makes it); one
// that is a file, or whose path cannot be looked at, is an error naming
// it.
func HomeDir(getenv func(string) string) (string, error) {
	if h := getenv("PENNY_HOME"); h != "" {
		return h, checkHome("PENNY_HOME="+h, h)
	}
	if h := getenv("HOME"); h != "" {
		home := filepath.Join(h, ".penny")
		return home, checkHome(home, home)
	}
	return "", errors.New("store: neither PENNY_HOME nor HOME is set: set PENNY_HOME to the folder that holds the bundles")
}

// checkHome reports a home that exists and is not a folder, or that
// cannot be looked at (a file on its path): named as what.
func checkHome(what, dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil // made by the first ingest
	case err != nil:
		return fmt.Errorf("store: %s: %w: set PENNY_HOME to the folder that holds the bundles", what, err)
	case !fi.IsDir():
		return fmt.Errorf("store: %s is a file, not a folder: set PENNY_HOME to the folder that holds the bundles", what)
	}
	return nil
}

// IngestName returns the directory name of an ingest made at t.
func IngestName(t time.Time) string { return t.UTC().Format(ingestLayout) }

// ParseIngestName reads an ingest directory name back as a time.
func ParseIngestName(s string) (time.Time, error) {
	t, err := time.Parse(ingestLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("store: %q is not an ingest name (want e.g. %s)", s, IngestName(time.Date(2024, 5, 1, 12, 30, 0, 0, time.UTC)))
	}
	return t, nil
}

// CheckName reports whether name can name a bundle: non-empty, at most 100
// bytes of letters, digits, '-', '_' and '.', not starting with '.'.
func CheckName(name string) error {
	if name == "" {
		return errors.New("store: empty bundle name")
	}
	if len(name) > 100 {
		return fmt.Errorf("store: bundle name %q is longer than 100 bytes", name)
	}
	if name[0] == '.' {
		return fmt.Errorf("store: bundle name %q starts with '.'", name)
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return fmt.Errorf("store: bundle name %q has the character %q (use letters, digits, '-', '_' and '.')", name, c)
		}
	}
	return nil
}

func bundlesDir(home string) string           { return filepath.Join(home, "bundles") }
func bundleDir(home, name string) string      { return filepath.Join(home, "bundles", name) }
func partialDir(home, name string) string     { return filepath.Join(bundleDir(home, name), PartialDir) }
func ingestDir(home, name, ing string) string { return filepath.Join(bundleDir(home, name), ing) }

// ingests returns the names of the complete ingests of a bundle, oldest
// first. Only directories named like an ingest count: they appear by an
// atomic rename, so each is complete.
func ingests(home, name string) ([]string, error) {
	entries, err := os.ReadDir(bundleDir(home, name))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		return nil, fmt.Errorf("store: %w", err)
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if _, err := ParseIngestName(e.Name()); err == nil {
			out = append(out, e.Name())
		}
	}
	return out, nil // ReadDir sorts by name, which is time order
}

// resolveIngest returns the directory name of the ingest meant by ing:
// "" or "latest" for the latest, an ingest directory name, or an RFC 3339
// time naming an ingest exactly.
func resolveIngest(home, name, ing string) (string, error) {
	if err := CheckName(name); err != nil {
		return "", err
	}
	all, err := ingests(home, name)
	if err != nil {
		return "", err
	}
	if len(all) == 0 {
		return "", &NoBundleError{Name: name, Dir: bundlesDir(home)}
	}
	if ing == "" || ing == "latest" {
		return all[len(all)-1], nil
	}
	want := ing
	if t, err := time.Parse(time.RFC3339Nano, ing); err == nil {
		want = IngestName(t)
	}
	for _, a := range all {
		if a == want {
			return a, nil
		}
	}
	return "", fmt.Errorf("store: bundle %q has no ingest %q (it has %s)", name, ing, strings.Join(all, ", "))
}

// fileName returns the file name, inside BarsDir, of a symbol's bars:
// the symbol with every byte outside [A-Za-z0-9._-] written %XX, so that
// "BTC/USD" is "BTC%2FUSD.parquet" and distinct symbols get distinct
// names.
func fileName(symbol string) string {
	var b strings.Builder
	for i := 0; i < len(symbol); i++ {
		c := symbol[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || (c == '.' && i > 0) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	b.WriteString(".parquet")
	return b.String()
}
