package specialize

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// The generated files, one per package of a directory: the package, its
// in-package tests, its external tests (package x_test).
const (
	outPackage = "specialized_gen.go"
	outTest    = "specialized_gen_test.go"
	outXTest   = "specialized_gen_ext_test.go"
)

// File is one generated file of a package directory.
type File struct {
	Name string // base name, in the package directory
	// Src is the file's content; nil when nothing in the package is
	// marked for it, and the file must not exist.
	Src []byte
}

// Generate returns the generated files of the package in dir, from its
// hand-written source alone (generated files are never read). It fails,
// naming the position and the reason, on anything it cannot generate
// correctly.
func Generate(dir string) ([]File, error) {
	lp, err := listDir(dir)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	var files [3][]*sourceFile
	var marks [3][]*mark
	for i, names := range [][]string{lp.GoFiles, lp.TestGoFiles, lp.XTestGoFiles} {
		if files[i], err = parseFiles(fset, lp.Dir, names); err != nil {
			return nil, err
		}
		if marks[i], err = findMarks(fset, files[i]); err != nil {
			return nil, err
		}
	}
	out := []File{{Name: outPackage}, {Name: outTest}, {Name: outXTest}}
	if len(marks[0])+len(marks[1])+len(marks[2]) == 0 {
		return out, nil
	}

	// Export data of every import of the variants that need a type-check,
	// but the package itself, which is checked from source.
	var paths []string
	if len(marks[0])+len(marks[1])+len(marks[2]) > 0 {
		paths = append(paths, lp.Imports...)
	}
	if len(marks[1]) > 0 {
		paths = append(paths, lp.TestImports...)
	}
	if len(marks[2]) > 0 {
		paths = append(paths, lp.XTestImports...)
	}
	slices.Sort(paths)
	paths = slices.Compact(paths)
	paths = slices.DeleteFunc(paths, func(p string) bool { return p == lp.ImportPath })
	exports, importers, err := exportData(lp.Dir, paths, lp.ImportPath)
	if err != nil {
		return nil, err
	}
	imp := newImporter(fset, exports)

	// The package.
	if len(marks[0]) > 0 {
		u, err := checkUnit(fset, lp, outPackage, lp.Name, lp.ImportPath, astFiles(files[0]), imp, marks[0], marks[0])
		if err != nil {
			return nil, err
		}
		if out[0].Src, err = u.file(marks[0]); err != nil {
			return nil, err
		}
	}
	// The package's files and its new generated file, which must
	// type-check together.
	withGenerated := astFiles(files[0])
	var self *types.Package
	if out[0].Src != nil {
		f, err := parser.ParseFile(fset, filepath.Join(lp.Dir, outPackage), out[0].Src, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		withGenerated = append(withGenerated, f)
		if self, _, err = check(fset, lp.ImportPath, withGenerated, imp, nil, nil); err != nil {
			return nil, fmt.Errorf("the generated %s does not type-check (a bug of the generator): %v", outPackage, err)
		}
	}
	// Its in-package tests, checked with the package and its generated
	// file, whose copies the test kernels can call.
	if len(marks[1]) > 0 {
		all := append(slices.Clone(withGenerated), astFiles(files[1])...)
		u, err := checkUnit(fset, lp, outTest, lp.Name, lp.ImportPath, all, imp, append(slices.Clone(marks[0]), marks[1]...), marks[1])
		if err != nil {
			return nil, err
		}
		if out[1].Src, err = u.file(marks[1]); err != nil {
			return nil, err
		}
	}
	// Its external tests. They import the package checked from source with
	// its new generated file (export data would be built from the files on
	// disk, which may be stale or absent), unless they also import a
	// package that imports it: that package's export data holds the
	// package's types, which the tests must share, so the package is read
	// from export data too (built with its generated file as it is on disk).
	if len(marks[2]) > 0 {
		if len(importers) > 0 {
			more, _, err := exportData(lp.Dir, []string{lp.ImportPath}, "")
			if err != nil {
				return nil, fmt.Errorf("the external tests import %s, which imports %s, so the generator reads the package as built: %w (if %s is what does not compile, remove it and run go generate again)",
					importers[0], lp.ImportPath, err, outPackage)
			}
			maps.Copy(exports, more)
		} else {
			if self == nil {
				if self, _, err = check(fset, lp.ImportPath, withGenerated, imp, nil, nil); err != nil {
					return nil, err
				}
			}
			imp.pkgs[lp.ImportPath] = self
		}
		u, err := checkUnit(fset, lp, outXTest, lp.Name+"_test", lp.ImportPath+"_test", astFiles(files[2]), imp, marks[2], marks[2])
		if err != nil {
			return nil, err
		}
		if pkg, err := imp.Import(lp.ImportPath); err == nil {
			for _, m := range marks[0] {
				if obj := pkg.Scope().Lookup(m.name()); obj != nil && m.specialize {
					u.copies[obj] = m
				}
			}
		}
		if out[2].Src, err = u.file(marks[2]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// checkUnit type-checks files and returns the unit that writes out for own,
// the marks of this file; marks are all the marks of files.
func checkUnit(fset *token.FileSet, lp *listedPackage, out, pkgName, path string, files []*ast.File, imp types.Importer, marks, own []*mark) (*unit, error) {
	tolerated := map[string]bool{}
	for _, m := range own {
		for _, n := range m.generatedNames() {
			tolerated[n] = true
		}
	}
	copied := slices.DeleteFunc(slices.Clone(own), func(m *mark) bool { return !m.specialize })
	pkg, info, err := check(fset, path, files, imp, tolerated, copied)
	if err != nil {
		return nil, err
	}
	for _, m := range own {
		for _, n := range m.generatedNames() {
			if obj := pkg.Scope().Lookup(n); obj != nil {
				return nil, fmt.Errorf("%s: %s is declared here, and the generator writes a function of that name for %s", fset.PositionFor(obj.Pos(), false), n, m.name())
			}
		}
	}
	u := newUnit(fset, info, pkgName, lp.ImportPath, out)
	for _, m := range marks {
		if err := resolve(fset, m, info); err != nil {
			return nil, err
		}
		if m.specialize {
			u.copies[m.obj] = m
		}
	}
	return u, nil
}

func astFiles(fs []*sourceFile) []*ast.File {
	out := make([]*ast.File, len(fs))
	for i, f := range fs {
		out[i] = f.ast
	}
	return out
}

// Write writes the files into dir, each to a temporary name then renamed,
// and removes those whose Src is nil. A file that is already current is not
// touched.
func Write(dir string, files []File) error {
	for _, f := range files {
		path := filepath.Join(dir, f.Name)
		if f.Src == nil {
			if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
			continue
		}
		if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, f.Src) {
			continue
		}
		tmp := path + ".tmp"
		if err := os.WriteFile(tmp, f.Src, 0o644); err != nil {
			return err
		}
		if err := os.Rename(tmp, path); err != nil {
			return err
		}
	}
	return nil
}

// Check regenerates the files of the package in dir in memory and returns
// an error naming every generated file that differs from what is on disk
// (or exists when it should not, or is missing), with the command that
// brings them up to date. A test of each package with marked functions
// calls it, so that a kernel changed without go generate fails go test.
func Check(dir string) error {
	files, err := Generate(dir)
	if err != nil {
		return err
	}
	var stale []string
	for _, f := range files {
		old, err := os.ReadFile(filepath.Join(dir, f.Name))
		switch {
		case errors.Is(err, os.ErrNotExist):
			if f.Src != nil {
				stale = append(stale, f.Name+" is missing")
			}
		case err != nil:
			return err
		case f.Src == nil:
			stale = append(stale, f.Name+" exists, but nothing in the package is marked for it")
		case !bytes.Equal(old, f.Src):
			stale = append(stale, fmt.Sprintf("%s is out of date (first difference at line %d)", f.Name, firstDiff(old, f.Src)))
		}
	}
	if len(stale) > 0 {
		abs, _ := filepath.Abs(dir)
		return fmt.Errorf("generated code is stale in %s: %s; run go generate (go generate ./... at the repository root) and commit the result", abs, strings.Join(stale, "; "))
	}
	return nil
}

// firstDiff returns the first line (from 1) where a and b differ.
func firstDiff(a, b []byte) int {
	la, lb := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := range min(len(la), len(lb)) {
		if !bytes.Equal(la[i], lb[i]) {
			return i + 1
		}
	}
	return min(len(la), len(lb)) + 1
}
