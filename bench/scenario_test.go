package bench

import (
	"fmt"

	"github.com/pennybt/penny/numeric"

	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pennybt/penny/pkg/config"
)

// TestBaseScenariosAreTheShippedConfigs keeps the base scenarios equal to
// configs/*.yaml: the bench measures the configs users run.
func TestBaseScenariosAreTheShippedConfigs(t *testing.T) {
	files := map[string]string{"daily": "../configs/sma_daily.yaml", "hourly": "../configs/momentum_hourly.yaml", "minute": "../configs/meanrev_minute.yaml"}
	for name, file := range files {
		t.Run("scenario="+name, func(t *testing.T) {
			shipped, err := config.Load(file)
			if err != nil {
				t.Fatal(err)
			}
			sc, err := Select(name)
			if err != nil || len(sc) != 1 {
				t.Fatalf("Select(%q) = %v, %v", name, sc, err)
			}
			got := sc[0].Config
			if got.Name != shipped.Name || got.Capital.String() != shipped.Capital.String() || got.Benchmark != shipped.Benchmark {
				t.Errorf("name, capital or benchmark: %q %s %q, shipped %q %s %q", got.Name, got.Capital, got.Benchmark, shipped.Name, shipped.Capital, shipped.Benchmark)
			}
			if !reflect.DeepEqual(got.Data, shipped.Data) {
				t.Errorf("data %+v, shipped %+v", got.Data, shipped.Data)
			}
			if !reflect.DeepEqual(got.Execution, shipped.Execution) {
				t.Errorf("execution %+v, shipped %+v", got.Execution, shipped.Execution)
			}
			if got.Strategy.Name != shipped.Strategy.Name || !reflect.DeepEqual(params(t, got), params(t, shipped)) {
				t.Errorf("strategy %s %v, shipped %s %v", got.Strategy.Name, params(t, got), shipped.Strategy.Name, params(t, shipped))
			}
		})
	}
}

func params(t *testing.T, c *config.Config) map[string]any {
	t.Helper()
	var m map[string]any
	if err := c.Strategy.Params.Decode(&m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestScenarios(t *testing.T) {
	base := map[string]*config.Config{}
	for name, y := range baseYAML {
		base[name] = mustParse(y)
	}
	for _, s := range Scenarios() {
		c := s.Config
		if err := c.Validate(); err != nil {
			t.Errorf("%s: %v", s.Name, err)
		}
		var from *config.Config
		switch {
		case strings.HasPrefix(s.Name, "daily"):
			from = base["daily"]
		case strings.HasPrefix(s.Name, "hourly"):
			from = base["hourly"]
		default:
			from = base["minute"]
		}
		// A variant changes the assets and dates, and scales the target
		// per position by base assets / assets.
		if c.Strategy.Name != from.Strategy.Name || !reflect.DeepEqual(c.Execution, from.Execution) ||
			c.Data.Frequency != from.Data.Frequency || c.Data.Seed != from.Data.Seed || c.Capital.String() != from.Capital.String() {
			t.Errorf("%s differs from its base beyond assets and dates", s.Name)
		}
		var p1, p2 map[string]any
		if err := c.Strategy.Params.Decode(&p1); err != nil {
			t.Fatal(err)
		}
		if err := from.Strategy.Params.Decode(&p2); err != nil {
			t.Fatal(err)
		}
		if tp, ok := p2["target_percent"]; ok {
			want := numeric.MustParse[numeric.Decimal](fmt.Sprint(tp)).MulInt(int64(from.Data.Assets)).DivRound(numeric.Int[numeric.Decimal](int64(c.Data.Assets)), 8, numeric.Down)
			if got := numeric.MustParse[numeric.Decimal](fmt.Sprint(p1["target_percent"])); got.Cmp(want) != 0 {
				t.Errorf("%s: target_percent %v, want %v (base %v scaled by %d/%d)", s.Name, got, want, tp, from.Data.Assets, c.Data.Assets)
			}
			delete(p1, "target_percent")
			delete(p2, "target_percent")
		}
		if !reflect.DeepEqual(p1, p2) {
			t.Errorf("%s: params %v, base %v", s.Name, p1, p2)
		}
	}
	want := []struct {
		name         string
		assets       int
		start, end   string
		series, base string
		factor       int
	}{
		{"daily", 50, "2023-01-03", "2024-12-31", "", "", 0},
		{"hourly", 20, "2024-01-02", "2024-06-28", "", "", 0},
		{"minute", 10, "2024-03-01", "2024-03-28", "", "", 1},
		{"daily-large", 500, "2005-01-03", "2024-12-31", UserDaily, "daily", 100},
		{"minute-large", 100, "2024-03-01", "2025-02-28", UserMinute, "minute", 120},
		{"daily-user", 500, "2020-01-02", "2024-12-31", UserDaily, "daily", 25},
		{"minute-assets-2x", 20, "2024-03-01", "2024-03-28", "assets", "minute", 2},
		{"minute-assets-4x", 40, "2024-03-01", "2024-03-28", "assets", "minute", 4},
		{"minute-assets-8x", 80, "2024-03-01", "2024-03-28", "assets", "minute", 8},
		{"minute-months-2x", 10, "2024-03-01", "2024-04-30", "months", "minute", 2},
		{"minute-months-4x", 10, "2024-03-01", "2024-06-28", "months", "minute", 4},
		{"daily-actions", 50, "2023-01-03", "2024-12-31", "", "", 0},
	}
	all := Scenarios()
	if len(all) != len(want) {
		t.Fatalf("%d scenarios, want %d", len(all), len(want))
	}
	for i, w := range want {
		s := all[i]
		if s.Name != w.name || s.Config.Data.Assets != w.assets || s.Config.Data.Start.Format("2006-01-02") != w.start ||
			s.Config.Data.End.Format("2006-01-02") != w.end || s.Series != w.series || s.Base != w.base || s.Factor != w.factor {
			t.Errorf("scenario %d = %s %d %s..%s %q %q %d, want %+v", i, s.Name, s.Config.Data.Assets, s.Config.Data.Start.Format("2006-01-02"),
				s.Config.Data.End.Format("2006-01-02"), s.Series, s.Base, s.Factor, w)
		}
	}
	// A series point's factor is its base's size multiplied: assets times
	// length (in months for minute, years for daily).
	for _, s := range all {
		if s.Base == "" {
			continue
		}
		var base *Scenario
		for i := range all {
			if all[i].Name == s.Base {
				base = &all[i]
			}
		}
		months := func(c *Scenario) int {
			d := c.Config.Data
			return (d.End.Year()-d.Start.Year())*12 + int(d.End.Month()-d.Start.Month()) + 1
		}
		want := s.Config.Data.Assets / base.Config.Data.Assets * months(&s) / months(base)
		if s.Factor != want {
			t.Errorf("%s: factor %d, want %d (%d assets, %d months against %s's %d and %d)", s.Name, s.Factor, want,
				s.Config.Data.Assets, months(&s), s.Base, base.Config.Data.Assets, months(base))
		}
	}
}

func TestSelect(t *testing.T) {
	tests := []struct {
		spec string
		want []string
	}{
		{"base", []string{"daily", "hourly", "minute"}},
		{"daily", []string{"daily"}},
		{"minute,daily", []string{"daily", "minute"}},
		{"daily, daily", []string{"daily"}},
		{"large", []string{"daily-large", "minute-large"}},
		{"growth", []string{"daily", "minute", "daily-large", "minute-large", "daily-user", "minute-assets-2x", "minute-assets-4x", "minute-assets-8x", "minute-months-2x", "minute-months-4x"}},
		{"all", Names()},
		{"hourly,growth", []string{"daily", "hourly", "minute", "daily-large", "minute-large", "daily-user", "minute-assets-2x", "minute-assets-4x", "minute-assets-8x", "minute-months-2x", "minute-months-4x"}},
	}
	for _, tt := range tests {
		got, err := Select(tt.spec)
		if err != nil {
			t.Errorf("Select(%q): %v", tt.spec, err)
			continue
		}
		var names []string
		for _, s := range got {
			names = append(names, s.Name)
		}
		if !slices.Equal(names, tt.want) {
			t.Errorf("Select(%q) = %v, want %v", tt.spec, names, tt.want)
		}
	}
	for _, bad := range []string{"", "weekly", "daily,", "ALL"} {
		if _, err := Select(bad); err == nil || !strings.Contains(err.Error(), "unknown scenario") || !strings.Contains(err.Error(), "daily, hourly, minute") {
			t.Errorf("Select(%q): error %v, want an unknown scenario listing the names", bad, err)
		}
	}
}

func TestParseBackends(t *testing.T) {
	tests := []struct {
		spec string
		want []string
		err  string
	}{
		{"float,fixed,decimal", []string{"float", "fixed", "decimal"}, ""},
		{"decimal, float", []string{"float", "decimal"}, ""},
		{"float", []string{"float"}, ""},
		{"fixed,float,fixed", []string{"float", "fixed"}, ""},
		{"fixed", nil, "float is required"},
		{"float,big", nil, `unknown backend "big"`},
		{"", nil, `unknown backend ""`},
	}
	for _, tt := range tests {
		got, err := ParseBackends(tt.spec)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseBackends(%q): error %v, want %q", tt.spec, err, tt.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("ParseBackends(%q) = %v, %v; want %v", tt.spec, got, err, tt.want)
		}
	}
}
