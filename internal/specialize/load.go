package specialize

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	goimporter "go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// listedPackage is what go list reports of the package in a directory.
type listedPackage struct {
	ImportPath   string
	Name         string
	Dir          string
	GoFiles      []string
	TestGoFiles  []string
	XTestGoFiles []string
	Imports      []string
	TestImports  []string
	XTestImports []string
	Error        *struct{ Err string }
}

// goList runs go list in dir and returns its standard output.
func goList(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("go", append([]string{"list"}, args...)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list %s: %v\n%s", strings.Join(args, " "), err, bytes.TrimSpace(stderr.Bytes()))
	}
	return out, nil
}

// listDir asks the go command for the package in dir: its import path and
// its files (those the current build configuration selects).
func listDir(dir string) (*listedPackage, error) {
	out, err := goList(dir, "-e", "-json=ImportPath,Name,Dir,GoFiles,TestGoFiles,XTestGoFiles,Imports,TestImports,XTestImports,Error", ".")
	if err != nil {
		return nil, err
	}
	var p listedPackage
	if err := json.Unmarshal(out, &p); err != nil {
		return nil, fmt.Errorf("go list: %v", err)
	}
	if p.Error != nil {
		return nil, fmt.Errorf("go list: %s", p.Error.Err)
	}
	return &p, nil
}

// exportData returns the file of compiled export data of every package in
// paths and their dependencies, by import path, and the import paths of
// those that import the package self. It builds them, as go build would, or
// takes them from the build cache.
func exportData(dir string, paths []string, self string) (files map[string]string, importers []string, err error) {
	files = map[string]string{}
	if len(paths) == 0 {
		return files, nil, nil
	}
	out, err := goList(dir, append([]string{"-e", "-export", "-deps", "-json=ImportPath,Export,Imports,Error"}, paths...)...)
	if err != nil {
		return nil, nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p struct {
			ImportPath, Export string
			Imports            []string
			Error              *struct{ Err string }
		}
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, nil, fmt.Errorf("go list: %v", err)
		}
		if p.Error != nil {
			return nil, nil, fmt.Errorf("building %s: %s", p.ImportPath, p.Error.Err)
		}
		if p.Export != "" {
			files[p.ImportPath] = p.Export
		}
		if slices.Contains(p.Imports, self) {
			importers = append(importers, p.ImportPath)
		}
	}
	return files, importers, nil
}

// importer imports the packages of pkgs, checked from source, and every
// other from export data.
type importer struct {
	pkgs   map[string]*types.Package
	export types.Importer
}

// newImporter returns an importer that reads the export data listed in
// files (see exportData).
func newImporter(fset *token.FileSet, files map[string]string) *importer {
	return &importer{pkgs: map[string]*types.Package{}, export: goimporter.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		f, ok := files[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(f)
	})}
}

func (im *importer) Import(path string) (*types.Package, error) {
	if p, ok := im.pkgs[path]; ok {
		return p, nil
	}
	return im.export.Import(path)
}

// sourceFile is a parsed source file and its text.
type sourceFile struct {
	name string // base name
	ast  *ast.File
	src  []byte
}

// isGenerated reports whether the file name is one the generator writes.
// Generated files are never read: the output depends on the hand-written
// source alone.
func isGenerated(name string) bool { return strings.HasPrefix(name, "specialized_gen") }

// parseFiles parses the named files of dir, skipping generated ones.
func parseFiles(fset *token.FileSet, dir string, names []string) ([]*sourceFile, error) {
	names = slices.Clone(names)
	sort.Strings(names)
	var out []*sourceFile
	for _, name := range names {
		if isGenerated(name) {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		out = append(out, &sourceFile{name: name, ast: f, src: src})
	}
	return out, nil
}

// check type-checks files as one package. Errors of the form "undefined:
// X", X a name the generator writes (in tolerated), are expected, since
// generated files are not read, and ignored outside the functions of copied
// (whose copies could not be written: they must refer to the marked
// functions themselves); any other error fails, naming its position.
func check(fset *token.FileSet, path string, files []*ast.File, imp types.Importer, tolerated map[string]bool, copied []*mark) (*types.Package, *types.Info, error) {
	info := &types.Info{
		Types:     map[ast.Expr]types.TypeAndValue{},
		Defs:      map[*ast.Ident]types.Object{},
		Uses:      map[*ast.Ident]types.Object{},
		Instances: map[*ast.Ident]types.Instance{},
	}
	var errs []string
	conf := types.Config{
		Importer: imp,
		Error: func(err error) {
			te, ok := err.(types.Error)
			if !ok {
				errs = append(errs, err.Error())
				return
			}
			if name, found := strings.CutPrefix(te.Msg, "undefined: "); found && tolerated[name] {
				m := enclosing(copied, te.Pos)
				if m == nil {
					return
				}
				errs = append(errs, fmt.Sprintf("%s: %s refers to %s, which the generator writes: refer to the marked function itself (the generator redirects the reference in each copy to the copy for the same backend)",
					fset.PositionFor(te.Pos, false), m.decl.Name.Name, name))
				return
			}
			errs = append(errs, fmt.Sprintf("%s: %s", fset.PositionFor(te.Pos, false), te.Msg))
		},
	}
	pkg, _ := conf.Check(path, fset, files, info)
	if len(errs) > 0 {
		if len(errs) > 10 {
			errs = append(errs[:10], fmt.Sprintf("(and %d more errors)", len(errs)-10))
		}
		return nil, nil, fmt.Errorf("type-checking %s:\n\t%s", path, strings.Join(errs, "\n\t"))
	}
	return pkg, info, nil
}

// enclosing returns the marked function whose declaration holds pos, or nil.
func enclosing(marks []*mark, pos token.Pos) *mark {
	for _, m := range marks {
		if m.decl.Pos() <= pos && pos < m.decl.End() {
			return m
		}
	}
	return nil
}
