package layers

import (
	"go/build"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/pennybt/penny"

// TestImportsPointDown reads the imports of every package of the module
// (its non-test files) and fails on an import of a package that Order
// lists at or above the importer, and on a package Order does not list.
func TestImportsPointDown(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if mod, err := os.ReadFile(filepath.Join(root, "go.mod")); err != nil || !strings.Contains(string(mod), "module "+module+"\n") {
		t.Fatalf("%s is not the module's root: %v", root, err)
	}
	rank := map[string]int{}
	for i, p := range Order() {
		if _, dup := rank[p]; dup {
			t.Fatalf("Order lists %s twice", p)
		}
		rank[p] = i
	}
	seen := map[string]bool{}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if path != root && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			return filepath.SkipDir
		}
		pkg, err := build.ImportDir(path, 0)
		if _, none := err.(*build.NoGoError); none {
			return nil
		}
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(path, root+string(filepath.Separator)))
		seen[rel] = true
		r, ok := rank[rel]
		if !ok {
			t.Errorf("package %s is not in layers.Order: place it below every package that imports it", rel)
			return nil
		}
		for _, imp := range pkg.Imports {
			dep, ok := strings.CutPrefix(imp, module+"/")
			if !ok {
				continue
			}
			if rd, ok := rank[dep]; !ok || rd >= r {
				t.Errorf("%s imports %s, which is not below it in layers.Order: imports point down the chain", rel, dep)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range Order() {
		if !seen[p] {
			t.Errorf("layers.Order lists %s, which is not a package of the module", p)
		}
	}
	if len(seen) < 40 || !slices.Contains(Order(), "pkg/engine") {
		t.Errorf("found %d packages: the walk missed the module", len(seen))
	}
}
