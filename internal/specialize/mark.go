package specialize

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// The directives, each alone on a line of a function's doc comment.
const (
	specializeMarker = "//penny:specialize"
	backendsMarker   = "//penny:backends"
)

// mark is a function marked with one directive or both.
type mark struct {
	file       *sourceFile
	decl       *ast.FuncDecl
	specialize bool // //penny:specialize: write a copy per backend and a For dispatcher
	backends   bool // //penny:backends: write a ByName dispatcher

	// Set by resolve, from the type-checker's view of the package.
	obj   *types.Func
	param *types.TypeName // the type parameter
	qual  string          // "numeric." (as the file names the package), or "" inside numeric
}

func (m *mark) name() string { return m.decl.Name.Name }

// generatedNames returns the names the generator declares for m.
func (m *mark) generatedNames() []string {
	var names []string
	if m.specialize {
		for _, b := range backends {
			names = append(names, m.name()+b.Type)
		}
		names = append(names, m.name()+"For")
	}
	if m.backends {
		names = append(names, m.name()+"ByName")
	}
	return names
}

// findMarks returns the marked functions of files, in file and declaration
// order, and checks what can be checked before type-checking: a marked
// function is a function (not a method) with one type parameter, declared on
// one line, in a file without dot imports.
func findMarks(fset *token.FileSet, files []*sourceFile) ([]*mark, error) {
	var marks []*mark
	for _, f := range files {
		for _, d := range f.ast.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Doc == nil {
				continue
			}
			m := &mark{file: f, decl: fd}
			for _, c := range fd.Doc.List {
				switch strings.TrimSpace(c.Text) {
				case specializeMarker:
					m.specialize = true
				case backendsMarker:
					m.backends = true
				}
			}
			if !m.specialize && !m.backends {
				continue
			}
			fail := func(format string, args ...any) error {
				return fmt.Errorf("%s: %s: %s", fset.PositionFor(fd.Pos(), false), fd.Name.Name, fmt.Sprintf(format, args...))
			}
			if fd.Recv != nil {
				return nil, fail("a method cannot be marked; write a function")
			}
			tp := fd.Type.TypeParams
			if tp == nil || len(tp.List) != 1 || len(tp.List[0].Names) != 1 {
				return nil, fail("want exactly one type parameter, constrained by numeric.Number")
			}
			if fset.PositionFor(tp.Opening, false).Line != fset.PositionFor(tp.Closing, false).Line {
				return nil, fail("write the type parameter list on one line (the copies keep the lines of the source, for the //line directives)")
			}
			for _, im := range f.ast.Imports {
				if im.Name != nil && im.Name.Name == "." {
					return nil, fail("the file dot-imports %s: the generated code could not name what it uses", im.Path.Value)
				}
			}
			marks = append(marks, m)
		}
	}
	return marks, nil
}

// resolve fills m's type information from a type-check of its package, and
// checks its constraint.
func resolve(fset *token.FileSet, m *mark, info *types.Info) error {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%s: %s: %s", fset.PositionFor(m.decl.Pos(), false), m.name(), fmt.Sprintf(format, args...))
	}
	obj, ok := info.Defs[m.decl.Name].(*types.Func)
	if !ok {
		return fail("no type information (the package does not type-check)")
	}
	field := m.decl.Type.TypeParams.List[0]
	param, ok := info.Defs[field.Names[0]].(*types.TypeName)
	if !ok {
		return fail("no type information for the type parameter")
	}
	want := fmt.Sprintf("want the constraint numeric.Number[%s]", param.Name())
	c, ok := param.Type().(*types.TypeParam).Constraint().(*types.Named)
	if !ok || c.Origin().Obj().Pkg() == nil || c.Origin().Obj().Pkg().Path() != numericPath || c.Origin().Obj().Name() != "Number" ||
		c.TypeArgs().Len() != 1 || c.TypeArgs().At(0) != param.Type() {
		return fail("%s", want)
	}
	// The qualifier of the concrete types is the file's own name for
	// package numeric, as written in the constraint.
	qual := ""
	if idx, ok := field.Type.(*ast.IndexExpr); ok {
		if sel, ok := idx.X.(*ast.SelectorExpr); ok {
			x, ok := sel.X.(*ast.Ident)
			if !ok {
				return fail("%s", want)
			}
			qual = x.Name + "."
		}
	}
	m.obj, m.param, m.qual = obj, param, qual
	return nil
}
