package specialize

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// unit writes one generated file from one type-checked package.
type unit struct {
	fset    *token.FileSet
	info    *types.Info
	pkgName string
	// lineDir is what //line directives name the package directory by:
	// the package's import path, as go build -trimpath names its files.
	lineDir string
	out     string // the generated file's base name
	// copies maps every function with specialized copies that the marked
	// functions can refer to, to its mark.
	copies map[types.Object]*mark
	// imports maps the package names the output uses to their import paths.
	imports map[string]*types.PkgName
}

func newUnit(fset *token.FileSet, info *types.Info, pkgName, importPath, out string) *unit {
	return &unit{fset: fset, info: info, pkgName: pkgName, lineDir: importPath, out: out,
		copies: map[types.Object]*mark{}, imports: map[string]*types.PkgName{}}
}

// edit replaces the bytes [start, end) of a source file by text.
type edit struct {
	start, end int
	text       string
}

func (u *unit) offset(p token.Pos) int { return u.fset.File(p).Offset(p) }

func (u *unit) errorf(p token.Pos, m *mark, format string, args ...any) error {
	return fmt.Errorf("%s: %s: %s", u.fset.PositionFor(p, false), m.name(), fmt.Sprintf(format, args...))
}

// use records that the output names the package pn.
func (u *unit) use(pn *types.PkgName, at token.Pos, m *mark) error {
	if old, ok := u.imports[pn.Name()]; ok && old.Imported().Path() != pn.Imported().Path() {
		return u.errorf(at, m, "the name %s stands for %s here and for %s in another file: import them under different names", pn.Name(), pn.Imported().Path(), old.Imported().Path())
	}
	u.imports[pn.Name()] = pn
	return nil
}

// useQual records the import of package numeric under the name m's file
// gives it.
func (u *unit) useQual(m *mark) error {
	if m.qual == "" {
		return nil
	}
	idx := m.decl.Type.TypeParams.List[0].Type.(*ast.IndexExpr)
	x := idx.X.(*ast.SelectorExpr).X.(*ast.Ident)
	pn, ok := u.info.Uses[x].(*types.PkgName)
	if !ok {
		return u.errorf(x.Pos(), m, "%s is not a package name", x.Name)
	}
	return u.use(pn, x.Pos(), m)
}

// backendOf returns the backend whose copy a reference instantiated with t
// goes to, in the copy of m for backend b (m nil: outside any copy).
func backendOf(t types.Type, m *mark, b Backend) (Backend, bool) {
	if m != nil && m.param != nil && types.Identical(t, m.param.Type()) {
		return b, true
	}
	if n, ok := t.(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == numericPath {
		for _, bk := range backends {
			if n.Obj().Name() == bk.Type {
				return bk, true
			}
		}
	}
	return Backend{}, false
}

// rewrite returns the edits that turn the nodes into their copy for backend
// b inside m: uses of the type parameter become the concrete type, and
// references to functions with copies (calls and values, instantiated
// explicitly or by inference) go to the copy for their type argument. It
// fails on a reference it cannot redirect.
func (u *unit) rewrite(m *mark, b Backend, nodes ...ast.Node) ([]edit, error) {
	var edits []edit
	var err error
	fail := func(e error) {
		if err == nil {
			err = e
		}
	}
	// redirect replaces expr, a reference to a function with copies (fun,
	// named by id, possibly instantiated explicitly), by its copy.
	redirect := func(expr, fun ast.Expr, id *ast.Ident, target *mark) {
		inst, ok := u.info.Instances[id]
		if !ok || inst.TypeArgs.Len() != 1 {
			fail(u.errorf(id.Pos(), m, "cannot redirect %s to a specialized copy: no instantiation recorded", id.Name))
			return
		}
		targ := inst.TypeArgs.At(0)
		bk, ok := backendOf(targ, m, b)
		if !ok {
			fail(u.errorf(id.Pos(), m, "cannot redirect %s[%s] to a specialized copy: the type argument is neither %s nor a backend type",
				id.Name, types.TypeString(targ, types.RelativeTo(m.obj.Pkg())), m.param.Name()))
			return
		}
		// A qualified reference (pkg.F) keeps its qualifier.
		if sel, ok := fun.(*ast.SelectorExpr); ok {
			if x, ok := sel.X.(*ast.Ident); ok {
				if pn, ok := u.info.Uses[x].(*types.PkgName); ok {
					if e := u.use(pn, x.Pos(), m); e != nil {
						fail(e)
					}
				}
			}
		}
		src := m.file.src
		prefix := string(src[u.offset(fun.Pos()):u.offset(id.Pos())])
		edits = append(edits, edit{u.offset(expr.Pos()), u.offset(expr.End()), prefix + target.name() + bk.Type})
	}
	funcIdent := func(e ast.Expr) (*ast.Ident, *mark) {
		var id *ast.Ident
		switch x := e.(type) {
		case *ast.Ident:
			id = x
		case *ast.SelectorExpr:
			id = x.Sel
		default:
			return nil, nil
		}
		if t := u.copies[u.info.Uses[id]]; t != nil {
			return id, t
		}
		return nil, nil
	}
	visit := func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.IndexExpr:
			if id, t := funcIdent(x.X); t != nil {
				redirect(x, x.X, id, t)
				return false
			}
		case *ast.IndexListExpr:
			if id, t := funcIdent(x.X); t != nil {
				redirect(x, x.X, id, t)
				return false
			}
		case *ast.SelectorExpr:
			if id, t := funcIdent(x); t != nil {
				redirect(x, x, id, t)
				return false
			}
		case *ast.Ident:
			obj := u.info.Uses[x]
			switch {
			case obj == nil:
			case obj == m.param:
				edits = append(edits, edit{u.offset(x.Pos()), u.offset(x.End()), m.qual + b.Type})
			case u.copies[obj] != nil:
				redirect(x, x, x, u.copies[obj])
			default:
				if pn, ok := obj.(*types.PkgName); ok {
					if e := u.use(pn, x.Pos(), m); e != nil {
						fail(e)
					}
				}
			}
		}
		return true
	}
	for _, n := range nodes {
		if n != nil && !isNilNode(n) {
			ast.Inspect(n, visit)
		}
	}
	return edits, err
}

// isNilNode reports whether n is a typed nil (an absent result list).
func isNilNode(n ast.Node) bool {
	switch x := n.(type) {
	case *ast.FieldList:
		return x == nil
	case *ast.BlockStmt:
		return x == nil
	}
	return false
}

// apply returns src[start:end] with the edits made.
func apply(src []byte, start, end int, edits []edit) string {
	edits = slices.Clone(edits)
	sort.Slice(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var b strings.Builder
	pos := start
	for _, e := range edits {
		if e.start < pos {
			panic("specialize: overlapping edits")
		}
		b.Write(src[pos:e.start])
		b.WriteString(e.text)
		pos = e.end
	}
	b.Write(src[pos:end])
	return b.String()
}

// copyFor returns the source of m's copy for backend b. It has the lines of
// the original, one for one, so that a //line directive before it maps
// every line back.
func (u *unit) copyFor(m *mark, b Backend) (string, error) {
	d := m.decl
	edits, err := u.rewrite(m, b, d.Type.Params, d.Type.Results, d.Body)
	if err != nil {
		return "", err
	}
	tp := d.Type.TypeParams
	edits = append(edits,
		edit{u.offset(d.Name.Pos()), u.offset(d.Name.End()), d.Name.Name + b.Type},
		edit{u.offset(tp.Opening), u.offset(tp.Closing) + 1, ""})
	start, end := u.offset(d.Pos()), u.offset(d.End())
	out := apply(m.file.src, start, end, edits)
	if strings.Count(out, "\n") != bytes.Count(m.file.src[start:end], []byte("\n")) {
		panic("specialize: a copy changed the number of lines")
	}
	return out, nil
}

// mentionsParam reports whether m's parameters or results mention its type
// parameter.
func (u *unit) mentionsParam(m *mark) bool {
	var uses bool
	for _, fl := range []*ast.FieldList{m.decl.Type.Params, m.decl.Type.Results} {
		if fl == nil {
			continue
		}
		ast.Inspect(fl, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && u.info.Uses[id] == m.param {
				uses = true
			}
			return !uses
		})
	}
	return uses
}

// signature returns the text of m's parameters and results, "(x N) N", with
// the type parameter written as typ.
func (u *unit) signature(m *mark, typ string) (string, error) {
	d := m.decl
	var edits []edit
	for _, fl := range []*ast.FieldList{d.Type.Params, d.Type.Results} {
		if fl == nil {
			continue
		}
		var err error
		ast.Inspect(fl, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			switch obj := u.info.Uses[id].(type) {
			case *types.TypeName:
				if obj == m.param {
					edits = append(edits, edit{u.offset(id.Pos()), u.offset(id.End()), typ})
				}
			case *types.PkgName:
				if e := u.use(obj, id.Pos(), m); e != nil && err == nil {
					err = e
				}
			}
			return true
		})
		if err != nil {
			return "", err
		}
	}
	return apply(m.file.src, u.offset(d.Type.Params.Pos()), u.offset(d.Type.End()), edits), nil
}

// namesOf returns the names a dispatcher of m must not shadow: m's own, and
// every identifier of its signature.
func (u *unit) namesOf(m *mark) map[string]bool {
	used := map[string]bool{m.name(): true}
	ast.Inspect(m.decl.Type, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			used[id.Name] = true
		}
		return true
	})
	return used
}

// fresh returns name, or name followed by the first number that makes it
// a name not in used.
func fresh(used map[string]bool, name string) string {
	if !used[name] {
		return name
	}
	for i := 1; ; i++ {
		if n := name + strconv.Itoa(i); !used[n] {
			return n
		}
	}
}

// lineDirective returns a //line directive naming file of the package
// directory and line.
func (u *unit) lineDirective(file string, line int) string {
	return fmt.Sprintf("//line %s/%s:%d:1", u.lineDir, file, line)
}

// write appends to w what the generator writes for m.
func (u *unit) write(w *bytes.Buffer, m *mark) error {
	if err := u.useQual(m); err != nil {
		return err
	}
	name, p := m.name(), m.param.Name()
	generic := u.mentionsParam(m)
	if m.specialize && !generic && !m.backends {
		return u.errorf(m.decl.Pos(), m, "the parameters and results do not mention %s, so %sFor could not tell the copies apart: mark it //penny:backends too, and call %sByName", p, name, name)
	}
	if m.backends && generic {
		return u.errorf(m.decl.Pos(), m, "//penny:backends: the parameters and results must not mention %s (%sByName returns one function type for every backend)", p, name)
	}
	if m.specialize {
		line := u.fset.PositionFor(m.decl.Pos(), false).Line
		for _, b := range backends {
			c, err := u.copyFor(m, b)
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "// %s%s is %s for %s%s.\n//\n%s\n%s\n", name, b.Type, name, m.qual, b.Type, u.lineDirective(m.file.name, line), c)
			// Positions after the copy are the generated file's own again;
			// finish replaces the line number.
			fmt.Fprintf(w, "%s\n\n", u.lineDirective(u.out, 1))
		}
	}
	if m.specialize && generic {
		sig, err := u.signature(m, p)
		if err != nil {
			return err
		}
		tparams := string(m.file.src[u.offset(m.decl.Type.TypeParams.Opening) : u.offset(m.decl.Type.TypeParams.Closing)+1])
		fmt.Fprintf(w, "// %sFor returns %s for %s: a concrete copy for the numeric backends,\n", name, name, p)
		fmt.Fprintf(w, "// the generic function for any other type. Call it once at set-up.\n")
		fmt.Fprintf(w, "func %sFor%s() func%s {\n", name, tparams, sig)
		// Local names that no name of the signature or the kernel shadows.
		used := u.namesOf(m)
		f := fresh(used, "f")
		used[f] = true
		ptr := fresh(used, "p")
		fmt.Fprintf(w, "\tvar %s func%s\n", f, sig)
		fmt.Fprintf(w, "\tswitch %s := any(&%s).(type) {\n", ptr, f)
		for _, b := range backends {
			s, err := u.signature(m, m.qual+b.Type)
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "\tcase *func%s:\n\t\t*%s = %s%s\n", s, ptr, name, b.Type)
		}
		fmt.Fprintf(w, "\tdefault:\n\t\t%s = %s[%s]\n\t}\n\treturn %s\n}\n\n", f, name, p, f)
	}
	if m.backends {
		sig, err := u.signature(m, p)
		if err != nil {
			return err
		}
		arg := fresh(u.namesOf(m), "name")
		fmt.Fprintf(w, "// %sByName returns %s for the backend named %s (see\n", name, name, arg)
		fmt.Fprintf(w, "// numeric.Backends), and false for any other name.\n")
		fmt.Fprintf(w, "func %sByName(%s string) (func%s, bool) {\n\tswitch %s {\n", name, arg, sig, arg)
		for _, b := range backends {
			target := fmt.Sprintf("%s[%s%s]", name, m.qual, b.Type)
			if m.specialize {
				target = name + b.Type
			}
			fmt.Fprintf(w, "\tcase %q:\n\t\treturn %s, true\n", b.Name, target)
		}
		fmt.Fprintf(w, "\t}\n\treturn nil, false\n}\n\n")
	}
	return nil
}

// header is the first line of every generated file.
const header = "// Code generated by internal/specialize; DO NOT EDIT."

// file returns the generated file for marks.
func (u *unit) file(marks []*mark) ([]byte, error) {
	var body bytes.Buffer
	for _, m := range marks {
		if err := u.write(&body, m); err != nil {
			return nil, err
		}
	}
	var src bytes.Buffer
	fmt.Fprintf(&src, "%s\n\npackage %s\n\n", header, u.pkgName)
	if len(u.imports) > 0 {
		// Two groups, as goimports writes them: the standard library, then
		// the others; each sorted by path.
		var groups [2][]string
		for name, pn := range u.imports {
			path := pn.Imported().Path()
			spec := strconv.Quote(path)
			if name != pn.Imported().Name() {
				spec = name + " " + spec
			}
			g := 0
			if first, _, _ := strings.Cut(path, "/"); strings.Contains(first, ".") {
				g = 1
			}
			groups[g] = append(groups[g], spec)
		}
		src.WriteString("import (\n")
		for i, g := range groups {
			sort.Slice(g, func(i, j int) bool { return unaliased(g[i]) < unaliased(g[j]) })
			if i == 1 && len(groups[0]) > 0 && len(g) > 0 {
				src.WriteString("\n")
			}
			for _, spec := range g {
				fmt.Fprintf(&src, "\t%s\n", spec)
			}
		}
		src.WriteString(")\n\n")
	}
	src.Write(body.Bytes())
	out, err := format.Source(src.Bytes())
	if err != nil {
		return nil, fmt.Errorf("formatting the generated %s: %v", u.out, err)
	}
	return u.finish(out), nil
}

func unaliased(spec string) string { return spec[strings.IndexByte(spec, '"'):] }

// finish sets the line numbers of the directives that give the generated
// file its own positions back after a copy: each names the line after it.
func (u *unit) finish(src []byte) []byte {
	lines := strings.Split(string(src), "\n")
	own := "//line " + u.lineDir + "/" + u.out + ":"
	for i, l := range lines {
		if strings.HasPrefix(l, own) {
			lines[i] = u.lineDirective(u.out, i+2)
		}
	}
	return []byte(strings.Join(lines, "\n"))
}
