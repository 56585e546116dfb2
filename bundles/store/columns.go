package store

import (
	"reflect"
	"strconv"
	"strings"
	"unicode"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/encoding"
)

// columns is a Parquet group whose fields keep the order they are given
// in: parquet.Group sorts its fields by name, which would put close
// before open and time after low. It implements parquet.Node.
type columns []column

// column is one named field of columns.
type column struct {
	name string
	node parquet.Node
}

func (g columns) ID() int { return 0 }

func (g columns) String() string {
	var b strings.Builder
	_ = parquet.PrintSchema(&b, "", g)
	return b.String()
}

func (g columns) Type() parquet.Type                          { return parquet.Group{}.Type() }
func (g columns) Optional() bool                              { return false }
func (g columns) Repeated() bool                              { return false }
func (g columns) Required() bool                              { return true }
func (g columns) Leaf() bool                                  { return false }
func (g columns) Encoding() encoding.Encoding                 { return nil }
func (g columns) Compression() compress.Codec                 { return nil }
func (g columns) Fields() []parquet.Field                     { return g.fields() }
func (g columns) GoType() reflect.Type                        { return g.goType() }
func (f *columnField) Name() string                           { return f.name }
func (f *columnField) Value(base reflect.Value) reflect.Value { return f.value(base) }

func (g columns) fields() []parquet.Field {
	out := make([]parquet.Field, len(g))
	for i, c := range g {
		out[i] = &columnField{Node: c.node, name: c.name, index: i}
	}
	return out
}

// goType is a struct with one exported field per column, in order, each
// tagged with the column's name.
func (g columns) goType() reflect.Type {
	fields := make([]reflect.StructField, len(g))
	for i, c := range g {
		r := []rune(c.name)
		r[0] = unicode.ToUpper(r[0])
		fields[i] = reflect.StructField{
			Name: string(r),
			Type: c.node.GoType(),
			Tag:  reflect.StructTag("parquet:" + strconv.Quote(c.name)),
		}
	}
	return reflect.StructOf(fields)
}

// columnField is a column of columns as a parquet.Field.
type columnField struct {
	parquet.Node
	name  string
	index int
}

// value returns the field's value in base, a value of the group's GoType
// (or a pointer to one).
func (f *columnField) value(base reflect.Value) reflect.Value {
	for base.Kind() == reflect.Interface || base.Kind() == reflect.Pointer {
		if base.IsNil() {
			return reflect.Value{}
		}
		base = base.Elem()
	}
	if base.Kind() != reflect.Struct {
		return reflect.Value{}
	}
	return base.Field(f.index)
}
