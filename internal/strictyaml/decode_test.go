package strictyaml_test

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/pennybt/penny/internal/strictyaml"
	"github.com/pennybt/penny/pkg/market"
)

type inner struct {
	Fast  int     `yaml:"fast"`
	Ratio float64 `yaml:"ratio"`
}

type shared struct {
	Seed uint8 `yaml:"seed"`
}

type doc struct {
	Name      string            `yaml:"name"`
	Capital   int64             `yaml:"capital"`
	On        bool              `yaml:"on"`
	Every     time.Duration     `yaml:"every"`
	When      time.Time         `yaml:"when"`
	Frequency market.Frequency  `yaml:"frequency"`
	Params    inner             `yaml:"params"`
	Ptr       *inner            `yaml:"ptr"`
	Files     map[string]string `yaml:"files"`
	List      []inner           `yaml:"list"`
	Raw       yaml.Node         `yaml:"raw"`
	Any       any               `yaml:"any"`
	shared    `yaml:",inline"`
	Skipped   string `yaml:"-"`
	Untagged  int
	hidden    int
}

func parse(t testing.TB, text string) *yaml.Node {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(text), &n); err != nil {
		t.Fatal(err)
	}
	return &n
}

func TestDecodeNode(t *testing.T) {
	text := `name: x
capital: 100
on: true
every: 1m30s
when: 2024-01-02
frequency: minute
params: {fast: 3, ratio: 0.5}
ptr: {fast: 4}
files: {A: a.csv}
list: [{fast: 1}, {fast: 2}]
raw: {anything: [1, 2]}
any: {x: 1}
seed: 7
untagged: 9
base: &base {fast: 5}
`
	var d doc
	err := strictyaml.DecodeNode(parse(t, strings.Replace(text, "base: &base {fast: 5}\n", "", 1)), &d, "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "x" || d.Capital != 100 || !d.On || d.Every != 90*time.Second || !d.When.Equal(time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)) || d.Frequency != market.Minute ||
		d.Params.Fast != 3 || d.Params.Ratio != 0.5 || d.Ptr.Fast != 4 || d.Files["A"] != "a.csv" || len(d.List) != 2 ||
		d.List[1].Fast != 2 || d.Raw.Kind != yaml.MappingNode || d.Any == nil || d.Seed != 7 || d.Untagged != 9 {
		t.Errorf("decoded %+v", d)
	}

	// Merge keys and aliases.
	var p struct {
		Base inner `yaml:"base"`
		Use  inner `yaml:"use"`
	}
	if err := strictyaml.DecodeNode(parse(t, "base: &b {fast: 5}\nuse:\n  <<: *b\n  ratio: 2\n"), &p, ""); err != nil || p.Use.Fast != 5 || p.Use.Ratio != 2 {
		t.Errorf("merge: %+v, %v", p, err)
	}
	if err := strictyaml.DecodeNode(parse(t, "base: &b {fats: 5}\nuse: {<<: *b}\n"), &p, ""); err == nil || !strings.Contains(err.Error(), `unknown key "base.fats" at line 1`) {
		t.Errorf("merge of an unknown key: %v", err)
	}

	// Nothing, or null, leaves the value as it is.
	d = doc{Name: "kept"}
	for _, n := range []*yaml.Node{nil, {}, parse(t, "~")} {
		if err := strictyaml.DecodeNode(n, &d, ""); err != nil || d.Name != "kept" {
			t.Errorf("empty node: %v, %q", err, d.Name)
		}
	}
}

func TestDecodeNodeErrors(t *testing.T) {
	tests := []struct {
		name, text, path string
		want             []string
	}{
		{"typo", "name: x\ncaptial: 3\n", "", []string{`unknown key "captial" at line 2 (did you mean "capital"?)`}},
		{"case", "Name: x\n", "", []string{`unknown key "Name" at line 1 (did you mean "name"?)`}},
		{"nested, under a path", "params:\n  fsat: 3\n", "strategy", []string{`unknown key "strategy.params.fsat" at line 2 (did you mean "strategy.params.fast"?)`}},
		{"no near key", "params: {zzzzzz: 1}\n", "", []string{`unknown key "params.zzzzzz" at line 1 (known keys: fast, ratio)`}},
		{"inline and untagged keys", "sede: 1\nuntaged: 2\n", "", []string{`"seed"?`, `"untagged"?`}},
		{"skipped and hidden keys are unknown", "skipped: 1\nhidden: 2\n", "", []string{`unknown key "skipped" at line 1`, `unknown key "hidden" at line 2`}},
		{"whole number", "capital: many\n", "", []string{`capital (line 1): want a whole number, got "many"`}},
		{"small number", "seed: 300\n", "", []string{`seed (line 1): want a whole number from 0 to 255, got "300"`}},
		{"bool", "on: perhaps\n", "", []string{`on (line 1): want true or false, got "perhaps"`}},
		{"number", "params:\n  ratio: [1]\n", "", []string{`params.ratio (line 2): want a number, got a list`}},
		{"duration", "every: soon\n", "", []string{`every (line 1): want a duration such as 90s or 1h30m, got "soon"`}},
		{"time", "when: 2024-13-01\n", "", []string{`when (line 1): want a date (2006-01-02) or a time (2006-01-02T15:04:05Z), got "2024-13-01"`}},
		{"text unmarshaler", "frequency: weekly\n", "", []string{`frequency (line 1): `, `weekly`}},
		{"mapping wanted", "params: 3\n", "", []string{`params (line 1): want a mapping of keys to values, got "3"`}},
		{"list wanted", "list: {fast: 1}\n", "", []string{`list (line 1): want a list, got a mapping`}},
		{"in a list", "list:\n  - {fast: 1}\n  - {fast: x}\n", "", []string{`list[1].fast (line 3): want a whole number, got "x"`}},
		{"map values", "files: {A: [1]}\n", "", []string{`files.A (line 1): want a single value, got a list`}},
		{"twice", "name: a\nname: b\n", "", []string{`name (line 2): given twice (first at line 1)`}},
		{"root not a mapping", "- 1\n", "", []string{`line 1: want a mapping of keys to values, got a list`}},
		{"every error, in order", "captial: 1\non: x\nparams: {fast: y}\n", "", []string{`"capital"`, `on (line 2)`, `params.fast (line 3)`}},
		// A bad value reached through an alias: the line is the anchored
		// value's, on another key's line; the alias is named with it.
		{"through an alias", "name: &n many\ncapital: *n\n", "", []string{`capital (line 1, reached through the alias *n at line 2): want a whole number, got "many"`}},
		{"inside an alias", "raw: &b\n  fsat: 1\nparams: *b\n", "", []string{`unknown key "params.fsat" at line 2, reached through the alias *b at line 3 (did you mean "params.fast"?)`}},
		{"deep inside an alias", "raw: &b\n  x: {fast: y}\nlist: [{}, *b]\n", "", []string{`unknown key "list[1].x" at line 2, reached through the alias *b at line 3 `}},
		{"merged through an alias", "raw: &b {fast: y}\nparams: {<<: *b}\n", "", []string{`params.fast (line 1, reached through the alias *b at line 2): want a whole number, got "y"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d doc
			err := strictyaml.DecodeNode(parse(t, tt.text), &d, tt.path)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			last := -1
			for _, w := range tt.want {
				i := strings.Index(msg, w)
				if i < 0 || i < last {
					t.Errorf("error %q lacks %q (or has it out of order)", msg, w)
				}
				last = i
			}
			if strings.Contains(msg, "strictyaml_test") || strings.Contains(msg, "yaml:") || strings.Contains(msg, "!!") {
				t.Errorf("error %q shows Go or YAML internals", msg)
			}
		})
	}
}

// TestDecodeKeepsLines: a node decoded where it lies keeps the lines of
// its document.
func TestDecodeNodeKeepsLines(t *testing.T) {
	var cfg struct {
		Strategy struct {
			Params yaml.Node `yaml:"params"`
		} `yaml:"strategy"`
	}
	text := "a: 1\nb: 2\nstrategy:\n  params:\n    fast: 3\n    ratio: 1\n    slow: 4\n"
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(text), &root); err != nil {
		t.Fatal(err)
	}
	if err := root.Content[0].Content[5].Decode(&cfg.Strategy); err != nil {
		t.Fatal(err)
	}
	var p inner
	err := strictyaml.DecodeNode(&cfg.Strategy.Params, &p, "strategy.params")
	var uk *strictyaml.UnknownKeyError
	if !errors.As(err, &uk) || uk.Line != 7 || uk.Key != "strategy.params.slow" {
		t.Fatalf("err = %v, want the unknown key slow at line 7", err)
	}
}

// TestDecodeAliasBomb: aliases of aliases are checked once each, not
// once per expansion (2^40 here); yaml.v3 refuses the expansion itself.
func TestDecodeNodeAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 {fast: 1}\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "a%d: &a%d {<<: [*a%d, *a%d]}\n", i, i, i-1, i-1)
	}
	b.WriteString("params: *a40\n")
	var d struct {
		Params inner          `yaml:"params"`
		Rest   map[string]any `yaml:",inline"`
	}
	err := strictyaml.DecodeNode(parse(t, b.String()), &d, "")
	if err == nil || err.Error() != "line 1: document contains excessive aliasing" {
		t.Errorf("err = %v", err)
	}
}

func TestSuggest(t *testing.T) {
	known := []string{"fast", "slow", "capital", "frequency", "target_percent"}
	for key, want := range map[string]string{
		"captial": "capital", "fsat": "fast", "slwo": "slow", "frequncy": "frequency", "FAST": "fast",
		"target_pct": "", "fst": "fast", "f": "", "speed": "", "capitalize": "",
	} {
		if got := strictyaml.Suggest(key, known); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", key, got, want)
		}
	}
}

// FuzzDecode: Decode never panics, and whatever it accepts, yaml.v3's own
// strict decoding accepts too, with the same value.
func FuzzDecodeNode(f *testing.F) {
	for _, s := range []string{
		"name: x\ncapital: 100\nparams: {fast: 3, ratio: 0.5}\nlist: [{fast: 1}]\n",
		"captial: 1\non: x\nparams: {fast: y}\n",
		"base: &b {fast: 5}\nptr: {<<: *b}\n",
		"files: {A: a.csv, B: b.csv}\nseed: 3\nevery: 5s\nfrequency: daily\n",
		"name: a\nname: b\n", "- 1\n", "~", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var n yaml.Node
		if yaml.Unmarshal([]byte(text), &n) != nil {
			return
		}
		var got doc
		if err := strictyaml.DecodeNode(&n, &got, ""); err != nil {
			return
		}
		var want doc
		dec := yaml.NewDecoder(bytes.NewReader([]byte(text)))
		dec.KnownFields(true)
		if err := dec.Decode(&want); err != nil && err.Error() != "EOF" {
			t.Fatalf("Decode accepted %q, yaml.v3 refuses it: %v", text, err)
		}
		got.Raw, want.Raw = yaml.Node{}, yaml.Node{}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: decoded %+v, yaml.v3 %+v", text, got, want)
		}
	})
}
