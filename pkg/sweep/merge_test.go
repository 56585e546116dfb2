package sweep

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// shards runs every shard of n into a new folder and returns it.
func shards(t *testing.T, spec Spec, n int, bs []Backend, m Meta) string {
	t.Helper()
	dir := t.TempDir()
	for i := range n {
		run(t, spec, Options{Out: dir, Workers: 2, Shard: Shard{Index: i, Count: n}, Meta: m}, bs)
	}
	return dir
}

func TestMergeErrors(t *testing.T) {
	spec := parseSweep(t, crossSweep)
	bs := backends(t, 1)[:1]
	merge := func(dir string, m Meta) error {
		_, err := Merge(context.Background(), spec, Options{Out: dir, Meta: m}, bs...)
		return err
	}
	tests := []struct {
		name   string
		break_ func(t *testing.T, dir string)
		meta   Meta
		want   string
	}{
		{"missing shards", func(t *testing.T, dir string) {
			os.RemoveAll(filepath.Join(dir, "shards", "1-of-4"))
			os.RemoveAll(filepath.Join(dir, "shards", "3-of-4"))
		}, meta(), "missing shard 1/4, 3/4"},
		{"unfinished shard", func(t *testing.T, dir string) {
			os.Rename(filepath.Join(dir, "shards", "2-of-4"), filepath.Join(dir, "shards", ".2-of-4.partial"))
		}, meta(), "unfinished shard 2/4 (run it again with --resume)"},
		{"duplicated shard", func(t *testing.T, dir string) {
			os.RemoveAll(filepath.Join(dir, "shards", "2-of-4"))
			copyDir(t, filepath.Join(dir, "shards", "1-of-4"), filepath.Join(dir, "shards", "2-of-4"))
		}, meta(), "shards/2-of-4 holds shard 1/4: shard 1/4 is duplicated and 2/4 missing"},
		{"other count", func(t *testing.T, dir string) {
			copyDir(t, filepath.Join(dir, "shards", "1-of-4"), filepath.Join(dir, "shards", "1-of-3"))
		}, meta(), "holds shards of different counts (3 and 4)"},
		{"other config", func(t *testing.T, dir string) {
			other := shards(t, spec, 4, bs, Meta{Version: "test", Config: []byte("another config")})
			os.RemoveAll(filepath.Join(dir, "shards", "3-of-4"))
			copyDir(t, filepath.Join(other, "shards", "3-of-4"), filepath.Join(dir, "shards", "3-of-4"))
		}, meta(), "cannot be merged: they come from different configs"},
		{"other version", func(t *testing.T, dir string) {
			other := shards(t, spec, 4, bs, Meta{Version: "v2", Config: []byte("the config")})
			os.RemoveAll(filepath.Join(dir, "shards", "0-of-4"))
			copyDir(t, filepath.Join(other, "shards", "0-of-4"), filepath.Join(dir, "shards", "0-of-4"))
		}, meta(), "written by different Penny versions (v2 and test)"},
		{"not this sweep", func(t *testing.T, dir string) {}, Meta{Version: "test", Config: []byte("yet another")}, "the shards of"},
		{"duplicated row", func(t *testing.T, dir string) {
			p := filepath.Join(dir, "shards", "1-of-4", "results.csv")
			lines := strings.SplitAfter(read(t, p), "\n")
			text := strings.Join(lines[:3], "") + lines[2] + strings.Join(lines[3:], "")
			os.WriteFile(p, []byte(text), 0o644)
		}, meta(), "shards/1-of-4: expected index 9 (backend fixed), found index 5 (backend fixed): a row is duplicated"},
		{"missing row", func(t *testing.T, dir string) {
			p := filepath.Join(dir, "shards", "2-of-4", "results.csv")
			lines := strings.SplitAfter(read(t, p), "\n")
			os.WriteFile(p, []byte(strings.Join(lines[:2], "")+strings.Join(lines[3:], "")), 0o644)
		}, meta(), "shards/2-of-4: expected index 6 (backend fixed), found index 10 (backend fixed): a row is missing"},
		{"extra row", func(t *testing.T, dir string) {
			p := filepath.Join(dir, "shards", "0-of-4", "results.csv")
			text := read(t, p)
			lines := strings.SplitAfter(text, "\n")
			os.WriteFile(p, []byte(text+lines[len(lines)-2]), 0o644)
		}, meta(), "holds a row past the sweep's (index 20, backend fixed): rows are duplicated"},
		{"no shards", func(t *testing.T, dir string) { os.RemoveAll(filepath.Join(dir, "shards")) }, meta(), "no shards to merge"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := shards(t, spec, 4, bs, meta())
			tc.break_(t, dir)
			err := merge(dir, tc.meta)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v\nwant %q", err, tc.want)
			}
			for _, f := range []string{"results.csv", "results.parquet", "best", "sweep.json"} {
				if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
					t.Fatalf("a failed merge wrote %s", f)
				}
			}
		})
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
