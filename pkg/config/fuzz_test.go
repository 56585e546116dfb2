package config_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pennybt/penny/internal/runner"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/config"
	"github.com/pennybt/penny/strategies/builtin"
)

// FuzzParse runs the CLI's config loading on any input: config.Parse,
// then the strategy's params as penny run checks them
// (the strategy table's Check), then the engine parts of every backend
// (runner.Parts: the strategy, the execution models, the capital). None
// may panic; a config Parse accepts validates, parses again to the same
// config, and has a capital within MaxCapital. Seeds: the shipped
// configs and the hostile corpus.
func FuzzParse(f *testing.F) {
	for _, glob := range []string{"../../configs/*.yaml", "../../testdata/hostile/*.yaml"} {
		files, err := filepath.Glob(glob)
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	f.Add([]byte("a: &a [*a, *a]\n"))
	f.Add([]byte("strategy: {name: sma_crossover, params: {fast: 1.5e3, slow: !!float 7}}\n"))
	table := builtin.Table()
	maxCapital := numeric.MustParse[numeric.Decimal](config.MaxCapital)
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 1<<16 {
			return
		}
		c, err := config.Parse(b)
		if err != nil {
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("Parse accepted a config that does not validate: %v", err)
		}
		again, err := config.Parse(b)
		if err != nil || again.Capital.Cmp(*c.Capital) != 0 || again.Data.Assets != c.Data.Assets {
			t.Fatalf("a second Parse differs: %v", err)
		}
		if c.Capital.Cmp(maxCapital) > 0 || c.Capital.Sign() <= 0 {
			t.Fatalf("capital %s accepted", c.Capital)
		}
		if table.Check(c.Strategy.Name, &c.Strategy.Params) != nil {
			return
		}
		_, _, _ = runner.Parts[numeric.Float](c, table)
		_, _, _ = runner.Parts[numeric.Fixed](c, table)
		_, _, _ = runner.Parts[numeric.Decimal](c, table)
	})
}
