package sweep

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/pennybt/penny/internal/strictyaml"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/config"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/execution"
)

// Configs turns the combinations of a config's sweep into configs: the
// config's YAML with each swept key set to the combination's value (in
// strategy.params or execution), the sweep and walk_forward blocks left
// out, decoded and validated again exactly as `penny run` decodes a file.
// So the strategy's own strict decoding and validation judge every
// combination.
//
// A combination's config is not decoded whole: Configs decodes once the
// config without its sweep, and for each combination only the top-level
// blocks its swept keys reach (strategy, execution), then validates the
// whole config again. Any error, and any document with anchors, aliases
// or merge keys, takes the whole decoding instead, so that the result
// and every error text are exactly those of the whole decoding. The
// configs of the combinations share, read-only, what the blocks not
// decoded again hold (the capital, the data block's files).
type Configs struct {
	root  *yaml.Node // the config's document
	dir   string
	spec  *config.Sweep
	paths [][]string
	// doc is root without the sweep and walk_forward blocks, base its
	// config and blocks the top-level keys the swept keys reach; base is
	// nil when every combination takes the whole decoding.
	doc    *yaml.Node
	base   *config.Config
	blocks []string
}

// NewConfigs reads a config's text (whose relative paths resolve against
// dir) for the combinations of its sweep block.
func NewConfigs(text []byte, dir string) (*Configs, error) {
	c, err := config.Parse(text)
	if err != nil {
		return nil, err
	}
	if c.Sweep == nil {
		return nil, fmt.Errorf("the config has no sweep block")
	}
	var root yaml.Node
	if err := yaml.Unmarshal(text, &root); err != nil {
		return nil, err
	}
	cs := &Configs{root: &root, dir: dir, spec: c.Sweep}
	for _, p := range c.Sweep.Params {
		path, _ := config.ParamPath(p.Key)
		cs.paths = append(cs.paths, strings.Split(path, "."))
	}
	cs.doc = withoutSweep(&root)
	if !plain(cs.doc) || cs.doc.Kind != yaml.DocumentNode || len(cs.doc.Content) != 1 || cs.doc.Content[0].Kind != yaml.MappingNode {
		return cs, nil
	}
	for _, path := range cs.paths {
		if path[0] != "strategy" && path[0] != "execution" {
			return cs, nil
		}
		if !slices.Contains(cs.blocks, path[0]) {
			cs.blocks = append(cs.blocks, path[0])
		}
	}
	if base, err := config.ParseNode(cs.doc); err == nil {
		cs.base = base
	}
	return cs, nil
}

// withoutSweep returns a copy of the document root without its sweep and
// walk_forward blocks.
func withoutSweep(root *yaml.Node) *yaml.Node {
	doc := clone(root)
	if len(doc.Content) == 0 {
		return doc
	}
	top := doc.Content[0]
	for _, key := range []string{"sweep", "walk_forward"} {
		for i := 0; i+1 < len(top.Content); i += 2 {
			if top.Content[i].Value == key {
				top.Content = append(top.Content[:i], top.Content[i+2:]...)
				break
			}
		}
	}
	return doc
}

// plain reports whether n and the nodes under it have no anchor, alias
// or merge key: each block of such a document decodes on its own as it
// does in the document.
func plain(n *yaml.Node) bool {
	if n.Kind == yaml.AliasNode || n.Anchor != "" || n.Tag == "!!merge" || n.Value == "<<" {
		return false
	}
	for _, c := range n.Content {
		if !plain(c) {
			return false
		}
	}
	return true
}

// Config returns the config of a combination.
func (cs *Configs) Config(c Combination) (*config.Config, error) {
	return cs.config(func(i int) (string, bool) { return c.Values[i], true })
}

// config returns the config with the swept keys that value gives set:
// from the blocks the swept keys reach when it can (quick), or by the
// whole decoding (whole), which gives the errors.
func (cs *Configs) config(value func(key int) (string, bool)) (*config.Config, error) {
	if cfg, ok := cs.quick(value); ok {
		return cfg, nil
	}
	return cs.whole(value)
}

// quick returns the config with the swept keys that value gives set,
// decoding again only the blocks they reach over the config of the rest;
// false when there is no such config (see Configs) or when anything
// fails, for whole to say why.
func (cs *Configs) quick(value func(key int) (string, bool)) (*config.Config, bool) {
	if cs.base == nil {
		return nil, false
	}
	src := cs.doc.Content[0]
	top := *src
	top.Content = slices.Clone(src.Content)
	for i := 0; i+1 < len(top.Content); i += 2 {
		if slices.Contains(cs.blocks, top.Content[i].Value) {
			top.Content[i+1] = clone(top.Content[i+1])
		}
	}
	for i, path := range cs.paths {
		if v, ok := value(i); ok {
			if err := set(&top, path, v, cs.spec.Params[i].Line); err != nil {
				return nil, false
			}
		}
	}
	cfg := *cs.base
	for _, block := range cs.blocks {
		var n *yaml.Node
		for i := 0; i+1 < len(top.Content); i += 2 {
			if top.Content[i].Value == block {
				n = top.Content[i+1]
			}
		}
		var err error
		switch block {
		case "strategy":
			cfg.Strategy = config.Strategy{}
			err = strictyaml.DecodeNode(n, &cfg.Strategy, block)
		case "execution":
			cfg.Execution = execution.Config{}
			err = strictyaml.DecodeNode(n, &cfg.Execution, block)
		}
		if err != nil {
			return nil, false
		}
	}
	if cfg.Validate() != nil {
		return nil, false
	}
	cfg.Dir = cs.dir
	return &cfg, true
}

// whole returns the config with the swept keys that value gives set,
// decoding the whole document: its errors name the lines of the file, or
// the sweep param's line for a value it set.
func (cs *Configs) whole(value func(key int) (string, bool)) (*config.Config, error) {
	doc := withoutSweep(cs.root)
	top := doc.Content[0]
	for i, path := range cs.paths {
		v, ok := value(i)
		if !ok {
			continue
		}
		if err := set(top, path, v, cs.spec.Params[i].Line); err != nil {
			return nil, err
		}
	}
	// Decoded from the nodes themselves: an error names the line of the
	// file, or the sweep param's line for a value it set.
	cfg, err := config.ParseNode(doc)
	if err != nil {
		return nil, err
	}
	cfg.Dir = cs.dir
	return cfg, nil
}

// set sets the scalar at path under mapping m, creating the mappings on
// the way; the nodes it makes carry line, the sweep param's.
func set(m *yaml.Node, path []string, value string, line int) error {
	for depth, key := range path {
		if m.Kind != yaml.MappingNode {
			return fmt.Errorf("%s is not a mapping", strings.Join(path[:depth], "."))
		}
		var v *yaml.Node
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == key {
				v = m.Content[i+1]
				if depth == len(path)-1 {
					m.Content[i+1] = &yaml.Node{Kind: yaml.ScalarNode, Value: value, Line: line}
					return nil
				}
			}
		}
		if v == nil {
			v = &yaml.Node{Kind: yaml.MappingNode, Line: line}
			if depth == len(path)-1 {
				v = &yaml.Node{Kind: yaml.ScalarNode, Value: value, Line: line}
			}
			m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key, Line: line}, v)
			if depth == len(path)-1 {
				return nil
			}
		} else if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			// "execution:" with nothing under it
			*v = yaml.Node{Kind: yaml.MappingNode, Line: v.Line}
		}
		m = v
	}
	return nil
}

func clone(n *yaml.Node) *yaml.Node {
	c := *n
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, x := range n.Content {
		c.Content[i] = clone(x)
	}
	return &c
}

// Check tries every value of every swept key, alone in the config (for a
// range, its first and last values), and reports, as
// input errors naming the key, its line and the value: a config that does
// not decode or validate (an execution key that does not exist, a value
// of the wrong type), and a check error that is a YAML decoding error (a
// strategy param that does not exist, a value of the wrong type: a
// *yaml.TypeError, or the errors of the strict decoding that package
// strategies' table and package config use). Other
// check errors, such as fast >= slow, are the combination's: they make a
// Skipped row, not an input error. check is typically the strategy's
// params decoding.
func (cs *Configs) Check(check func(*config.Config) error) error {
	var errs []error
	for k, p := range cs.spec.Params {
		n, _ := p.Len()
		idx := []int64{0, n - 1}
		if p.Range == nil {
			idx = idx[:0]
			for i := range n {
				idx = append(idx, i)
			}
		}
		for _, i := range idx {
			v := p.Value(i)
			key := lineOf("sweep.params."+p.Key, p.Line)
			cfg, err := cs.config(func(j int) (string, bool) { return v, j == k })
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: value %s: %w", key, v, err))
				break
			}
			err = check(cfg)
			if te := (*yaml.TypeError)(nil); errors.As(err, &te) {
				errs = append(errs, fmt.Errorf("%s: value %s: %s", key, v, typeErrors(te)))
				break
			}
			if strictyaml.IsDecodeError(err) {
				errs = append(errs, fmt.Errorf("%s: value %s: %w", key, v, err))
				break
			}
		}
	}
	return errors.Join(errs...)
}

// typeErrors writes yaml's decoding errors without their line numbers,
// which count lines of the text a check decoded (params marshalled
// again), not of the config.
func typeErrors(te *yaml.TypeError) string {
	var msgs []string
	for _, e := range te.Errors {
		if strings.HasPrefix(e, "line ") {
			if _, rest, ok := strings.Cut(e, ": "); ok {
				e = rest
			}
		}
		msgs = append(msgs, e)
	}
	return strings.Join(msgs, "; ")
}

// ConfigFactory returns the Factory of a config's combinations: each
// combination's config (Configs.Config) handed to build, which makes the
// strategy and the engine config (the strategy registry lives with the
// caller: package sweep does not import strategies).
func ConfigFactory[N numeric.Number[N]](cs *Configs, build func(*config.Config) (engine.Strategy[N], engine.Config[N], error)) Factory[N] {
	return func(c Combination) (engine.Strategy[N], engine.Config[N], error) {
		cfg, err := cs.Config(c)
		if err != nil {
			return nil, engine.Config[N]{}, err
		}
		return build(cfg)
	}
}
