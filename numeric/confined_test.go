package numeric

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// numericPath is this package's import path.
const numericPath = "github.com/pennybt/penny/numeric"

// TestBackendSwitchesStayInNumeric walks every Go file of the module
// outside numeric/ (test files, generated files and testdata excepted) and
// fails on each type assertion or type-switch case whose type names a
// backend (x.(numeric.Fixed), case []numeric.Float, x.(*market.Dataset[
// numeric.Decimal]), through an import alias, a dot import or a type
// alias too): code per backend belongs in numeric, behind an operation of
// Number or a function of this package.
func TestBackendSwitchesStayInNumeric(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if mod, err := os.ReadFile(filepath.Join(root, "go.mod")); err != nil || !strings.Contains(string(mod), "module github.com/pennybt/penny\n") {
		t.Fatalf("%s is not the module's root: %v", root, err)
	}
	backends := backendTypes(t)
	pkgs := map[string][]*ast.File{} // by directory and package name
	fset := token.NewFileSet()
	checked := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") ||
				path == filepath.Join(root, "numeric")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		if ast.IsGenerated(f) {
			return nil
		}
		key := filepath.Dir(path) + " " + f.Name.Name
		pkgs[key] = append(pkgs[key], f)
		checked++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 100 {
		t.Fatalf("only %d files checked: the walk missed the module", checked)
	}
	for _, files := range pkgs {
		for _, p := range backendSwitches(fset, files, backends) {
			rel, _ := filepath.Rel(root, p.Filename)
			t.Errorf("%s:%d: a backend type outside numeric: move the code per backend into numeric", rel, p.Line)
		}
	}
}

// TestBackendSwitchesFound runs the check on the code that lived outside
// numeric before it moved in (testdata/confined: ledger's mulDiv,
// execution's impact price, order's lots, store's encode and decode,
// synthetic's prices, bench's exact values) and on edge cases (import and
// type aliases, dot imports, composite types, multi-line cases, generated
// files): it must report exactly the lines marked "// want".
func TestBackendSwitchesFound(t *testing.T) {
	backends := backendTypes(t)
	paths, err := filepath.Glob(filepath.Join("testdata", "confined", "*.go"))
	if err != nil || len(paths) < 9 {
		t.Fatalf("fixtures: %v, %v", paths, err)
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, nil, parser.ParseComments|parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			var want []int
			src, _ := os.ReadFile(path)
			for i, line := range strings.Split(string(src), "\n") {
				if strings.HasSuffix(line, "// want") {
					want = append(want, i+1)
				}
			}
			var got []int
			for _, p := range backendSwitches(fset, []*ast.File{f}, backends) {
				got = append(got, p.Line)
			}
			if ast.IsGenerated(f) { // the walk skips it, though it switches
				if len(got) == 0 {
					t.Fatal("a generated fixture with nothing to skip")
				}
				got = nil
			}
			got = slices.Compact(got)
			if !slices.Equal(got, want) {
				t.Errorf("reported lines %v, want %v", got, want)
			}
		})
	}
}

// backendTypes returns the names of numeric's backends, read from this
// package's source: the exported types that declare every method of
// Number.
func backendTypes(t *testing.T) map[string]bool {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var required []string
	methods := map[string]map[string]bool{}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, e.Name(), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok && ts.Name.Name == "Number" {
						for _, m := range ts.Type.(*ast.InterfaceType).Methods.List {
							for _, n := range m.Names {
								required = append(required, n.Name)
							}
						}
					}
				}
			case *ast.FuncDecl:
				if d.Recv == nil || len(d.Recv.List) != 1 {
					continue
				}
				typ := d.Recv.List[0].Type
				if st, ok := typ.(*ast.StarExpr); ok {
					typ = st.X
				}
				if id, ok := typ.(*ast.Ident); ok && id.IsExported() {
					if methods[id.Name] == nil {
						methods[id.Name] = map[string]bool{}
					}
					methods[id.Name][d.Name.Name] = true
				}
			}
		}
	}
	if len(required) < 10 {
		t.Fatalf("Number's methods not found: %v", required)
	}
	backends := map[string]bool{}
	for typ, ms := range methods {
		if !slices.ContainsFunc(required, func(m string) bool { return !ms[m] }) {
			backends[typ] = true
		}
	}
	for _, b := range []string{"Float", "Fixed", "Decimal"} {
		if !backends[b] {
			t.Fatalf("backend %s not found among %v", b, backends)
		}
	}
	return backends
}

// backendSwitches returns the position of each type assertion and each
// type-switch case in files (one package) whose type names a backend of
// numeric.
func backendSwitches(fset *token.FileSet, files []*ast.File, backends map[string]bool) []token.Position {
	// Type aliases of the package that stand for a backend type, found
	// to a fixed point (an alias of an alias).
	aliases := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for _, f := range files {
			names := importNames(f)
			ast.Inspect(f, func(n ast.Node) bool {
				if ts, ok := n.(*ast.TypeSpec); ok && ts.Assign.IsValid() && !aliases[ts.Name.Name] &&
					namesBackend(ts.Type, names, backends, aliases) {
					aliases[ts.Name.Name] = true
					changed = true
				}
				return true
			})
		}
	}
	var found []token.Position
	for _, f := range files {
		names := importNames(f)
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.TypeAssertExpr:
				if n.Type != nil && namesBackend(n.Type, names, backends, aliases) {
					found = append(found, fset.Position(n.Type.Pos()))
				}
			case *ast.TypeSwitchStmt:
				for _, c := range n.Body.List {
					for _, e := range c.(*ast.CaseClause).List {
						if namesBackend(e, names, backends, aliases) {
							found = append(found, fset.Position(e.Pos()))
						}
					}
				}
			}
			return true
		})
	}
	slices.SortFunc(found, func(a, b token.Position) int {
		if c := strings.Compare(a.Filename, b.Filename); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
	return found
}

// importNames returns the names under which f imports numeric: its
// package name or alias, or "." for a dot import.
func importNames(f *ast.File) map[string]bool {
	names := map[string]bool{}
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p != numericPath {
			continue
		}
		if imp.Name != nil {
			names[imp.Name.Name] = true
		} else {
			names["numeric"] = true
		}
	}
	return names
}

// namesBackend reports whether the type expression e mentions a backend
// anywhere: numeric.Fixed, []numeric.Fixed, *func(numeric.Fixed),
// Dataset[numeric.Fixed], a bare Fixed under a dot import, or an alias.
func namesBackend(e ast.Expr, names, backends, aliases map[string]bool) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if x, ok := n.X.(*ast.Ident); ok && names[x.Name] && backends[n.Sel.Name] {
				found = true
			}
			return false // the selected name is not a bare identifier
		case *ast.Ident:
			if aliases[n.Name] || (names["."] && backends[n.Name]) {
				found = true
			}
		}
		return !found
	})
	return found
}
