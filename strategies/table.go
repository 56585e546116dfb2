package strategies

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
)

// Constructor builds the strategy of one backend from decoded params P.
// For makes one from a strategy's constructor instantiated for a backend.
type Constructor[P any] struct {
	backend string
	build   func(P) (any, error) // returns an engine.Strategy of backend
}

// For returns the constructor of backend N that build is: a strategy's
// generic constructor instantiated for a backend,
//
//	strategies.For(breakout.New[numeric.Fixed])
//
// build may return its own strategy type (*breakout.Strategy[N]); N is
// the backend that type runs on.
func For[P any, N numeric.Number[N], S engine.Strategy[N]](build func(P) (S, error)) Constructor[P] {
	return Constructor[P]{
		backend: numeric.Backend[N](),
		build: func(p P) (any, error) {
			s, err := build(p)
			if err != nil {
				return nil, err
			}
			return engine.Strategy[N](s), nil
		},
	}
}

// Entry is a strategy as configs name it: its name, the type its params
// decode into, and its constructors, one per backend it runs on. Define
// makes one; a Table holds them.
type Entry struct {
	name     string
	check    func(params *yaml.Node) error
	build    map[string]func(params *yaml.Node) (any, error) // by backend name
	backends []string                                        // in the order given
}

// Define returns the entry of the strategy called name in configs
// (strategy.name), whose strategy.params decode into P and which is built
// by one constructor per backend it runs on:
//
//	strategies.Define("my_breakout",
//		strategies.For(breakout.New[numeric.Float]),
//		strategies.For(breakout.New[numeric.Fixed]),
//		strategies.For(breakout.New[numeric.Decimal]))
//
// Params decode strictly from the config's own YAML node, starting from
// the zero P: an unknown key or a value of the wrong type is an error
// naming the key and its line in the config file; then, when P (or *P)
// has a method Validate() error, it judges the values. A backend without
// a constructor is an error naming the backends the strategy runs on.
//
// Define panics, as programmer errors, on an empty name, on no
// constructor, and on two constructors for one backend.
func Define[P any](name string, constructors ...Constructor[P]) Entry {
	if name == "" {
		panic("strategies: Define with an empty name")
	}
	if len(constructors) == 0 {
		panic("strategies: Define(" + name + ") without a constructor")
	}
	decode := func(params *yaml.Node) (P, error) {
		var p P
		if err := DecodeParams(params, &p); err != nil {
			return p, err
		}
		return p, validate(&p)
	}
	e := Entry{
		name:  name,
		check: func(params *yaml.Node) error { _, err := decode(params); return err },
		build: make(map[string]func(*yaml.Node) (any, error), len(constructors)),
	}
	for _, c := range constructors {
		if _, dup := e.build[c.backend]; dup {
			panic("strategies: Define(" + name + ") with two constructors for the " + c.backend + " backend")
		}
		build := c.build
		e.build[c.backend] = func(params *yaml.Node) (any, error) {
			p, err := decode(params)
			if err != nil {
				return nil, err
			}
			return build(p)
		}
		e.backends = append(e.backends, c.backend)
	}
	return e
}

// validate calls p's Validate method, if P or *P has one.
func validate[P any](p *P) error {
	type validator interface{ Validate() error }
	if v, ok := any(*p).(validator); ok {
		return v.Validate()
	}
	if v, ok := any(p).(validator); ok {
		return v.Validate()
	}
	return nil
}

// Name returns the strategy's name in configs.
func (e Entry) Name() string { return e.name }

// Backends returns the backends the strategy has a constructor for, in
// the order Define was given them.
func (e Entry) Backends() []string { return slices.Clone(e.backends) }

// Table is the strategies a config may name: a value built by a program's
// main from entries (Penny's own, package builtin's, and the user's) and
// passed down to what runs configs. There is no registry besides it.
type Table struct {
	byName map[string]Entry
	names  []string // in the order given
}

// NewTable returns the table of entries. It panics, as a programmer
// error, on an entry not made by Define and on a name given twice.
func NewTable(entries ...Entry) *Table {
	t := &Table{byName: make(map[string]Entry, len(entries))}
	for _, e := range entries {
		if e.name == "" {
			panic("strategies: NewTable with an entry not made by Define")
		}
		if _, dup := t.byName[e.name]; dup {
			panic("strategies: NewTable with two strategies named " + e.name)
		}
		t.byName[e.name] = e
		t.names = append(t.names, e.name)
	}
	return t
}

// Names returns the names of the table's strategies, in the order given.
func (t *Table) Names() []string { return slices.Clone(t.names) }

// Lookup returns the entry named name.
func (t *Table) Lookup(name string) (Entry, bool) {
	e, ok := t.byName[name]
	return e, ok
}

// Check decodes and validates the params of the strategy named name,
// without building it: the check a config gets before any data is
// loaded.
func (t *Table) Check(name string, params *yaml.Node) error {
	e, err := t.entry(name)
	if err != nil {
		return err
	}
	return e.check(params)
}

// CheckBackend reports whether the strategy named name runs on the
// backend named backend: an error naming the backends it runs on if not.
func (t *Table) CheckBackend(name, backend string) error {
	e, err := t.entry(name)
	if err != nil {
		return err
	}
	return e.runsOn(backend)
}

func (e Entry) runsOn(backend string) error {
	if _, ok := e.build[backend]; !ok {
		return fmt.Errorf("strategy.name: %s does not run on the %s backend (it runs on %s)", e.name, backend, strings.Join(e.backends, ", "))
	}
	return nil
}

func (t *Table) entry(name string) (Entry, error) {
	e, ok := t.byName[name]
	if !ok {
		return e, fmt.Errorf("strategy.name: unknown strategy %q (want %s)", name, strings.Join(t.names, ", "))
	}
	return e, nil
}

// Build builds the strategy named name for backend N from its params.
func Build[N numeric.Number[N]](t *Table, name string, params *yaml.Node) (engine.Strategy[N], error) {
	e, err := t.entry(name)
	if err != nil {
		return nil, err
	}
	backend := numeric.Backend[N]()
	if err := e.runsOn(backend); err != nil {
		return nil, err
	}
	s, err := e.build[backend](params)
	if err != nil {
		return nil, err
	}
	return s.(engine.Strategy[N]), nil
}
