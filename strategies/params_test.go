package strategies_test

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/pennybt/penny/strategies"
)

// TestDecodeParamsWholeNumbers: a number with a fraction for a whole-number
// param is an error naming the key, never truncated (fast: 5.99 ran as 5).
func TestDecodeParamsWholeNumbers(t *testing.T) {
	type params struct {
		Fast  int     `yaml:"fast"`
		Share float64 `yaml:"share"`
	}
	decode := func(text string) (params, error) {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(text), &n); err != nil {
			t.Fatal(err)
		}
		var p params
		return p, strategies.DecodeParams(n.Content[0], &p)
	}
	if p, err := decode("fast: 5\nshare: 0.5\n"); err != nil || p.Fast != 5 || p.Share != 0.5 {
		t.Fatalf("decoded %+v, %v", p, err)
	}
	_, err := decode("share: 0.5\nfast: 5.99\n")
	if want := "strategy.params.fast (line 2): 5.99 is not a whole number"; err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, want %q", err, want)
	}
}

func TestCheckWindow(t *testing.T) {
	if err := strategies.CheckWindow("slow", strategies.MaxWindow); err != nil {
		t.Fatal(err)
	}
	err := strategies.CheckWindow("slow", 2_000_000_000)
	if want := "strategy.params.slow: 2000000000 is above 1000000 bars, the longest window Penny accepts"; err == nil || err.Error() != want {
		t.Fatalf("error %v, want %q", err, want)
	}
}
