// Command specialize writes concrete copies of generic functions, one per
// numeric backend, so that Penny's per-bar kernels run at the speed of
// hand-written code for every backend.
//
// Why: in Go 1.26 a method call on a type parameter (x.Add(y) inside
// func F[N numeric.Number[N]]) goes through the instantiation's dictionary
// as an indirect call, is never inlined, and costs several times the
// arithmetic it performs. A copy of the same source with N replaced by a
// concrete type calls the methods directly, and the compiler inlines them.
//
// Usage, in a package's source:
//
//	//go:generate go run github.com/pennybt/penny/internal/specialize
//
//	// smaStep advances the rolling sum by one value.
//	//
//	//penny:specialize
//	func smaStep[N numeric.Number[N]](s *smaState[N], x N) N { ... }
//
// For every top-level function whose doc comment holds the line
// "//penny:specialize" and whose single type parameter is constrained by
// numeric.Number, specialize writes, to specialized_gen.go (or
// specialized_gen_test.go for functions in _test.go files):
//
//   - smaStepFloat, smaStepFixed and smaStepDecimal: the function with the
//     type parameter replaced by numeric.Float, numeric.Fixed and
//     numeric.Decimal; calls to other marked functions are redirected to
//     their copies for the same backend;
//   - smaStepFor[N](): returns the function for N, the concrete copy for the
//     three backends and the generic function for any other type. Call it
//     once, when a kernel is set up, and keep the result: the per-bar call
//     is then one indirect call into concrete code.
//
// Flags: -dir (default ".") names the package directory.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/printer"
	"go/token"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

const marker = "//penny:specialize"

var backends = []string{"Float", "Fixed", "Decimal"}

func main() {
	dir := flag.String("dir", ".", "package directory")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("specialize: ")
	for _, test := range []bool{false, true} {
		if err := run(*dir, test); err != nil {
			log.Fatal(err)
		}
	}
}

// marked is a function to specialize and the file it came from.
type marked struct {
	decl  *ast.FuncDecl
	file  *ast.File
	param string // the type parameter's name
}

func run(dir string, test bool) error {
	out := "specialized_gen.go"
	if test {
		out = "specialized_gen_test.go"
	}
	fset := token.NewFileSet()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return err
	}
	sort.Strings(names)
	var funcs []marked
	var pkgName string
	for _, name := range names {
		base := filepath.Base(name)
		if strings.HasSuffix(base, "_test.go") != test || strings.HasPrefix(base, "specialized_gen") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			return err
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Doc == nil || !hasMarker(fd.Doc) {
				continue
			}
			p, err := typeParam(fd)
			if err != nil {
				return fmt.Errorf("%s: %s: %v", fset.Position(fd.Pos()), fd.Name.Name, err)
			}
			funcs = append(funcs, marked{fd, f, p})
			pkgName = f.Name.Name
		}
	}
	path := filepath.Join(dir, out)
	if len(funcs) == 0 {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			return err
		}
		return nil
	}
	src, err := generate(fset, pkgName, funcs)
	if err != nil {
		return err
	}
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, src) {
		return nil
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, src, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func hasMarker(doc *ast.CommentGroup) bool {
	for _, c := range doc.List {
		if strings.TrimSpace(c.Text) == marker {
			return true
		}
	}
	return false
}

// typeParam checks that fd has one type parameter constrained by
// numeric.Number (or Number inside package numeric) and returns its name.
func typeParam(fd *ast.FuncDecl) (string, error) {
	if fd.Recv != nil {
		return "", fmt.Errorf("methods cannot be specialized; write a function")
	}
	tp := fd.Type.TypeParams
	if tp == nil || len(tp.List) != 1 || len(tp.List[0].Names) != 1 {
		return "", fmt.Errorf("want exactly one type parameter")
	}
	name := tp.List[0].Names[0].Name
	idx, ok := tp.List[0].Type.(*ast.IndexExpr)
	if !ok {
		return "", fmt.Errorf("type parameter %s: want constraint numeric.Number[%s]", name, name)
	}
	switch x := idx.X.(type) {
	case *ast.Ident:
		ok = x.Name == "Number"
	case *ast.SelectorExpr:
		ok = x.Sel.Name == "Number"
	default:
		ok = false
	}
	if id, isIdent := idx.Index.(*ast.Ident); !ok || !isIdent || id.Name != name {
		return "", fmt.Errorf("type parameter %s: want constraint numeric.Number[%s]", name, name)
	}
	return name, nil
}

func generate(fset *token.FileSet, pkg string, funcs []marked) ([]byte, error) {
	qual := "numeric."
	if pkg == "numeric" {
		qual = ""
	}
	names := map[string]bool{}
	for _, m := range funcs {
		names[m.decl.Name.Name] = true
	}
	var body bytes.Buffer
	used := map[string]bool{} // import names used by the copies
	for _, m := range funcs {
		for _, b := range backends {
			fd, err := copyFunc(fset, m.decl)
			if err != nil {
				return nil, err
			}
			concrete := qual + b
			rename(fd, m.param, concrete, b, names)
			fmt.Fprintf(&body, "// %s is %s for %s%s.\n", fd.Name.Name, m.decl.Name.Name, qual, b)
			collectSelectors(fd, used)
			if err := format.Node(&body, token.NewFileSet(), fd); err != nil {
				return nil, err
			}
			body.WriteString("\n\n")
		}
		writeDispatcher(&body, fset, m, qual)
		if qual != "" {
			used["numeric"] = true
		}
	}
	var src bytes.Buffer
	src.WriteString("// Code generated by internal/specialize; DO NOT EDIT.\n\n")
	fmt.Fprintf(&src, "package %s\n\n", pkg)
	imports := importsUsed(funcs, used)
	if len(imports) > 0 {
		src.WriteString("import (\n")
		for _, im := range imports {
			fmt.Fprintf(&src, "\t%s\n", im)
		}
		src.WriteString(")\n\n")
	}
	src.Write(body.Bytes())
	out, err := format.Source(src.Bytes())
	if err != nil {
		return nil, fmt.Errorf("formatting generated code: %v\n%s", err, src.Bytes())
	}
	return out, nil
}

// copyFunc returns a deep copy of fd by printing and re-parsing it.
func copyFunc(fset *token.FileSet, fd *ast.FuncDecl) (*ast.FuncDecl, error) {
	var buf bytes.Buffer
	buf.WriteString("package p\n\n")
	saved := fd.Doc
	fd.Doc = nil
	err := printer.Fprint(&buf, fset, fd)
	fd.Doc = saved
	if err != nil {
		return nil, err
	}
	f, err := parser.ParseFile(token.NewFileSet(), "", buf.Bytes(), 0)
	if err != nil {
		return nil, err
	}
	return f.Decls[0].(*ast.FuncDecl), nil
}

// rename turns the generic copy fd into the concrete function for one
// backend: the type parameter goes, its uses become the concrete type, and
// calls to marked functions go to their copies for the same backend.
func rename(fd *ast.FuncDecl, param, concrete, backend string, marked map[string]bool) {
	fd.Name.Name += backend
	fd.Type.TypeParams = nil
	ast.Inspect(fd, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.CallExpr:
			switch fn := x.Fun.(type) {
			case *ast.Ident:
				if marked[fn.Name] {
					fn.Name += backend
				}
			case *ast.IndexExpr:
				if id, ok := fn.X.(*ast.Ident); ok && marked[id.Name] {
					x.Fun = ast.NewIdent(id.Name + backend)
				}
			}
		case *ast.Ident:
			if x.Name == param {
				x.Name = concrete
			}
		}
		return true
	})
}

func collectSelectors(n ast.Node, used map[string]bool) {
	ast.Inspect(n, func(n ast.Node) bool {
		if s, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := s.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		}
		if id, ok := n.(*ast.Ident); ok {
			if i := strings.IndexByte(id.Name, '.'); i > 0 {
				used[id.Name[:i]] = true
			}
		}
		return true
	})
}

// importsUsed returns the import specs of the source files whose names the
// generated code uses.
func importsUsed(funcs []marked, used map[string]bool) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range funcs {
		for _, im := range m.file.Imports {
			path := strings.Trim(im.Path.Value, `"`)
			name := path[strings.LastIndexByte(path, '/')+1:]
			if im.Name != nil {
				name = im.Name.Name
			}
			if !used[name] || seen[path] {
				continue
			}
			seen[path] = true
			spec := im.Path.Value
			if im.Name != nil {
				spec = im.Name.Name + " " + spec
			}
			out = append(out, spec)
		}
	}
	sort.Strings(out)
	return out
}

// writeDispatcher writes nameFor[P](), which returns the concrete copy of
// name for the three backends and the generic function otherwise.
func writeDispatcher(w *bytes.Buffer, fset *token.FileSet, m marked, qual string) {
	name, p := m.decl.Name.Name, m.param
	sig := funcType(fset, m.decl, p, p)
	fmt.Fprintf(w, "// %sFor returns %s for %s: a concrete copy for the numeric backends,\n", name, name, p)
	fmt.Fprintf(w, "// the generic function for any other type. Call it once at set-up.\n")
	fmt.Fprintf(w, "func %sFor[%s %sNumber[%s]]() %s {\n", name, p, qual, p, sig)
	fmt.Fprintf(w, "\tvar f %s\n", sig)
	fmt.Fprintf(w, "\tswitch p := any(&f).(type) {\n")
	for _, b := range backends {
		fmt.Fprintf(w, "\tcase *%s:\n\t\t*p = %s%s\n", funcType(fset, m.decl, p, qual+b), name, b)
	}
	fmt.Fprintf(w, "\tdefault:\n\t\tf = %s[%s]\n\t}\n\treturn f\n}\n\n", name, p)
}

// funcType prints fd's signature as a func type with param replaced by typ.
func funcType(fset *token.FileSet, fd *ast.FuncDecl, param, typ string) string {
	c, err := copyFunc(fset, fd)
	if err != nil {
		panic(err)
	}
	ast.Inspect(c.Type, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == param {
			id.Name = typ
		}
		return true
	})
	ft := &ast.FuncType{Params: c.Type.Params, Results: c.Type.Results}
	var buf bytes.Buffer
	if err := format.Node(&buf, token.NewFileSet(), ft); err != nil {
		panic(err)
	}
	return buf.String()
}
