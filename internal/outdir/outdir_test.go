package outdir

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func fill(files map[string]string) func(string) error {
	return func(tmp string) error {
		for name, text := range files {
			p := filepath.Join(tmp, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				return err
			}
		}
		return nil
	}
}

func TestWriteNewAndReplace(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "out")
	if err := Write(dir, nil, fill(map[string]string{"summary.json": "1", "float/daily.csv": "2"})); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dir, "float", "daily.csv")); got != "2" {
		t.Fatalf("daily.csv = %q", got)
	}
	if m := read(t, filepath.Join(dir, Marker)); !strings.Contains(m, "\nfloat/daily.csv\nsummary.json\n") {
		t.Fatalf("marker:\n%s", m)
	}
	// A second run replaces Penny's own output as a whole.
	if err := Write(dir, nil, fill(map[string]string{"summary.json": "3"})); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dir, "summary.json")); got != "3" {
		t.Fatalf("summary.json = %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "float")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the previous output's float/ is left: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Fatalf("left beside the output: %v", entries)
	}
}

func TestWriteRefusesForeignFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "daily.csv"), "the user's own data")
	err := Write(dir, nil, fill(map[string]string{"daily.csv": "penny's"}))
	var oe *Error
	if !errors.As(err, &oe) || !strings.Contains(err.Error(), "daily.csv") {
		t.Fatalf("err = %v, want an *Error naming daily.csv", err)
	}
	if got := read(t, filepath.Join(dir, "daily.csv")); got != "the user's own data" {
		t.Fatalf("the user's file was overwritten: %q", got)
	}
	// A file added to a folder of Penny's after it wrote it.
	out := filepath.Join(t.TempDir(), "out")
	if err := Write(out, nil, fill(map[string]string{"summary.json": "1"})); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(out, "sub", "notes.txt"), "mine")
	if err := Write(out, nil, fill(map[string]string{"summary.json": "2"})); !errors.As(err, &oe) || !strings.Contains(err.Error(), "sub/notes.txt") {
		t.Fatalf("err = %v, want an *Error naming sub/notes.txt", err)
	}
	if got := read(t, filepath.Join(out, "sub", "notes.txt")); got != "mine" {
		t.Fatalf("notes.txt = %q", got)
	}
}

func TestWriteRefusesInputs(t *testing.T) {
	root := t.TempDir()
	cfg := filepath.Join(root, "out", "c.yaml")
	// The config inside the folder, even listed by a marker.
	write(t, cfg, "name: x")
	write(t, filepath.Join(root, "out", Marker), "c.yaml\n")
	err := Write(filepath.Join(root, "out"), []string{cfg}, fill(map[string]string{"c.yaml": "penny's"}))
	if err == nil || !strings.Contains(err.Error(), "contains the input") {
		t.Fatalf("err = %v", err)
	}
	if got := read(t, cfg); got != "name: x" {
		t.Fatalf("config overwritten: %q", got)
	}
	// The output folder is the input folder itself.
	data := filepath.Join(root, "data")
	if err := Write(data, []string{data}, fill(nil)); err == nil {
		t.Fatal("writing into the data folder: no error")
	}
	// A file where the folder should be.
	if err := Write(cfg, nil, fill(nil)); err == nil || !strings.Contains(err.Error(), "is a file") {
		t.Fatalf("err = %v", err)
	}
}

func TestWriteFailureLeavesNothing(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "out")
	if err := Write(out, nil, fill(map[string]string{"summary.json": "old"})); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(out, nil, func(tmp string) error {
		_ = fill(map[string]string{"summary.json": "new"})(tmp)
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if got := read(t, filepath.Join(out, "summary.json")); got != "old" {
		t.Fatalf("summary.json = %q after a failed write", got)
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 {
		t.Fatalf("left beside the output: %v", entries)
	}
}

func TestCheckNames(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "sweep.json"), "{}")
	if err := CheckNames(dir, []string{"sweep.json", "results.csv"}, nil); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "prices.csv"), "x")
	if err := CheckNames(dir, []string{"sweep.json"}, nil); err == nil || !strings.Contains(err.Error(), "prices.csv") {
		t.Fatalf("err = %v", err)
	}
}
