package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// names lists the entries of dir.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "summary.json")
	if err := WriteFile(path, []byte("first\n")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("second\n")); err != nil {
		t.Fatal(err)
	}
	if got := read(t, path); got != "second\n" {
		t.Errorf("file holds %q, want the second write", got)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != Perm {
		t.Errorf("mode %v, want %v", st.Mode().Perm(), Perm)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"summary.json"}) {
		t.Errorf("folder holds %v, want the file alone", got)
	}
}

// TestFailedWriteKeepsOld: a write that fails half way, or a rename that
// fails, leaves the old file as it was and no temporary file.
func TestFailedWriteKeepsOld(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "daily.csv")
	if err := WriteFile(path, []byte("old\n")); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("disk on fire")
	err := Write(path, func(w io.Writer) error {
		if _, err := io.WriteString(w, strings.Repeat("new row\n", 100_000)); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("error %v, want the writer's", err)
	}
	if got := read(t, path); got != "old\n" {
		t.Errorf("after a failed write the file holds %d bytes, want the old ones", len(got))
	}
	if got := names(t, dir); !slices.Equal(got, []string{"daily.csv"}) {
		t.Errorf("folder holds %v after a failed write, want the old file alone", got)
	}

	// A rename that fails: the final name is a folder that is not empty.
	busy := filepath.Join(dir, "busy")
	if err := os.MkdirAll(filepath.Join(busy, "inside"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(busy, []byte("x")); err == nil {
		t.Error("writing over a folder succeeded")
	}
	if st, err := os.Stat(filepath.Join(busy, "inside")); err != nil || !st.IsDir() {
		t.Errorf("the folder was damaged: %v", err)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"busy", "daily.csv"}) {
		t.Errorf("folder holds %v after a failed rename, want no temporary file", got)
	}

	// No folder: nothing to write into.
	if err := WriteFile(filepath.Join(dir, "nosuch", "f"), nil); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("writing into a missing folder: %v, want ErrNotExist", err)
	}
}

// TestFiles: several files closed before any is committed; a discarded
// one leaves its old file; Discard after Commit keeps the new one.
func TestFiles(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	if err := WriteFile(b, []byte("old b")); err != nil {
		t.Fatal(err)
	}
	fa, err := Create(a)
	if err != nil {
		t.Fatal(err)
	}
	defer fa.Discard()
	fb, err := Create(b)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(fa, "new a"); err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(fb, "new b"); err != nil {
		t.Fatal(err)
	}
	for _, f := range []*File{fa, fb} {
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := fa.Write([]byte("late")); err == nil {
		t.Error("Write after Close succeeded")
	}
	if _, err := os.Stat(a); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a.txt exists before Commit: %v", err)
	}
	if err := fa.Commit(); err != nil {
		t.Fatal(err)
	}
	fb.Discard()
	fa.Discard() // after Commit: nothing
	if err := fa.Commit(); err == nil {
		t.Error("a second Commit succeeded")
	}
	if got := read(t, a); got != "new a" {
		t.Errorf("a.txt holds %q", got)
	}
	if got := read(t, b); got != "old b" {
		t.Errorf("b.txt holds %q after a discarded write, want the old content", got)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"a.txt", "b.txt"}) {
		t.Errorf("folder holds %v, want no temporary file", got)
	}
}

func TestSyncDir(t *testing.T) {
	if err := SyncDir(t.TempDir()); err != nil {
		t.Error(err)
	}
	if err := SyncDir(filepath.Join(t.TempDir(), "nosuch")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("SyncDir of a missing folder: %v", err)
	}
}
