package strictyaml

import (
	"errors"
	"io"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

type inner struct {
	Window int     `yaml:"window"`
	Share  float64 `yaml:"share"`
}

type sample struct {
	Fast    int            `yaml:"fast"`
	Seed    uint64         `yaml:"seed"`
	Ratio   float64        `yaml:"ratio"`
	Name    string         `yaml:"name"`
	Inner   *inner         `yaml:"inner"`
	List    []int          `yaml:"list"`
	ByKey   map[string]int `yaml:"by_key"`
	Params  yaml.Node      `yaml:"params"`
	Default int
	inner2  `yaml:",inline"`
}

type inner2 struct {
	Lots int `yaml:"lots"`
}

// TestWhole: a number with a fraction where the type holds whole numbers
// is refused, naming the key and line; a whole number written as a float
// (5.0, 1e3) decodes as yaml.v3 reads it.
func TestWhole(t *testing.T) {
	cases := []struct{ text, want string }{
		{"fast: 5", ""},
		{"fast: 5.0", ""},
		{"fast: 1e3", ""},
		{"ratio: 0.5", ""},
		{"name: 3.5", ""},
		{"params: {fast: 2.5}", ""},
		{"fast: 5.99", "cfg.fast (line 1): 5.99 is not a whole number"},
		{"name: x\nseed: 3.7", "cfg.seed (line 2): 3.7 is not a whole number"},
		{"fast: -3.5", "cfg.fast (line 1): -3.5 is not a whole number"},
		{"fast: 1e-3", "cfg.fast (line 1): 1e-3 is not a whole number"},
		{"inner: {window: 2.5, share: 0.5}", "cfg.inner.window (line 1): 2.5 is not a whole number"},
		{"list: [1, 2, 3.5]", "cfg.list[2] (line 1): 3.5 is not a whole number"},
		{"by_key: {a: 1, b: 0.5}", "cfg.by_key.b (line 1): 0.5 is not a whole number"},
		{"default: 0.5", "cfg.default (line 1): 0.5 is not a whole number"},
		{"lots: 0.5", "cfg.lots (line 1): 0.5 is not a whole number"},
		{"params: &b {window: 1.5}\ninner: *b", "cfg.inner.window (line 1, reached through the alias *b at line 2): 1.5 is not a whole number"},
	}
	for _, tc := range cases {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(tc.text), &n); err != nil {
			t.Fatal(err)
		}
		var s sample
		err := DecodeNode(&n, &s, "cfg")
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%q: %v", tc.text, err)
		case tc.want != "" && (err == nil || err.Error() != tc.want):
			t.Errorf("%q: error %v, want %q", tc.text, err, tc.want)
		}
		if tc.want == "" && strings.HasPrefix(tc.text, "fast") && s.Fast != 5 && s.Fast != 1000 {
			t.Errorf("%q decodes to %d", tc.text, s.Fast)
		}
	}
}

func TestOne(t *testing.T) {
	if n, err := One([]byte("a: 1\n")); err != nil || n.Kind != yaml.DocumentNode {
		t.Fatalf("one document: %v", err)
	}
	if _, err := One([]byte("a: 1\n---\nb: 2\n")); err == nil || !strings.Contains(err.Error(), "line 2: a second YAML document") {
		t.Fatalf("two documents: error %v", err)
	}
	if _, err := One(nil); !errors.Is(err, io.EOF) {
		t.Fatalf("empty: error %v, want io.EOF", err)
	}
	if _, err := One([]byte("a: [1\n")); err == nil {
		t.Fatal("a syntax error was accepted")
	}
}

func TestDecode(t *testing.T) {
	var s sample
	if err := Decode([]byte("fast: 7\nratio: 0.5\n"), &s, ""); err != nil || s.Fast != 7 || s.Ratio != 0.5 {
		t.Fatalf("decoded %+v, %v", s, err)
	}
	for text, want := range map[string]string{
		"fast: 7.5\n":           "fast (line 1): 7.5 is not a whole number",
		"fast: 7\n---\nfast: 8": "line 2: a second YAML document",
		"colour: red\n":         `unknown key "colour" at line 1`,
		"":                      "EOF",
	} {
		if err := Decode([]byte(text), &s, ""); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", text, err, want)
		}
	}
}
