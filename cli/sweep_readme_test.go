package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pennybt/penny/strategies/builtin"
)

// TestReadmeSweeps keeps the README's sweep and walk-forward outputs true:
// they are what penny sweep prints for the shipped configs.
func TestReadmeSweeps(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ config, out string }{
		{"configs/sma_daily.yaml", "out/sma-sweep"},
		{"configs/sma_walkforward.yaml", "out/walkforward"},
	} {
		shown := block(t, string(readme), "<!-- output: penny sweep "+c.config+" --out "+c.out+" -->")
		tmp := t.TempDir()
		var out, errOut bytes.Buffer
		e := &env{strategies: builtin.Table(), stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}
		if code := run(e, []string{"sweep", filepath.Join("..", c.config), "--out", filepath.Join(tmp, c.out)}); code != 0 {
			t.Fatalf("penny sweep %s: exit %d: %s", c.config, code, errOut.String())
		}
		if got := strings.ReplaceAll(out.String(), tmp+string(filepath.Separator), ""); got != shown {
			t.Fatalf("the README shows:\n%s\npenny sweep %s prints:\n%s", shown, c.config, got)
		}
	}
}
