package execution_test

import (
	"errors"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/execution"
)

var configErrors = []struct {
	name, yaml, want string
}{
	{"unknown key", "slipage: {model: none}", `unknown key "execution.slipage" at line 1 (did you mean "execution.slippage"?)`},
	{"unknown nested key", "slippage: {model: fixed_bps, bsp: 1}", `unknown key "execution.slippage.bsp" at line 1 (did you mean "execution.slippage.bps"?)`},
	{"unknown fill", "fill: next_tick", `execution.fill (line 1): unknown fill mode "next_tick" (want next_open or next_close)`},
	{"not a mapping", "- 1", "execution (line 1): want a mapping of keys to values, got a list"},
	{"slippage not a mapping", "slippage: fixed_bps", `execution.slippage (line 1): want a mapping of keys to values, got "fixed_bps"`},
	{"shorting not a bool", "shorting: maybe", `execution.shorting (line 1): want true or false, got "maybe"`},
	{"model not a scalar", "commission:\n  model: [bps]", "execution.commission.model (line 2): want a single value, got a list"},
	{"unknown slippage model", "slippage: {model: fixed}", `execution.slippage.model: unknown model "fixed" (want none, fixed_bps or volume_share)`},
	{"unknown commission model", "commission: {model: flat}", `execution.commission.model: unknown model "flat" (want none, per_share, per_trade or bps)`},
	{"negative bps", "slippage: {model: fixed_bps, bps: -1}", "execution.slippage.bps: -1 is negative"},
	{"bps required", "slippage: {model: fixed_bps}", "execution.slippage.bps: required by the fixed_bps model"},
	{"bps decimals", "commission: {model: bps, bps: 0.00001}", "execution.commission.bps: 0.00001 has more than 4 decimals"},
	{"volume limit zero", "slippage: {model: volume_share, volume_limit: 0}", "execution.slippage.volume_limit: 0 is outside (0, 1]"},
	{"volume limit above one", "slippage: {model: volume_share, volume_limit: 1.5}", "execution.slippage.volume_limit: 1.5 is outside (0, 1]"},
	{"negative impact", "slippage: {model: volume_share, price_impact: -0.1}", "execution.slippage.price_impact: -0.1 is negative"},
	{"parameter of another model", "slippage: {model: volume_share, bps: 3}", "execution.slippage.bps: not a parameter of the volume_share model"},
	{"parameter of none", "commission: {cost: 1}", "execution.commission.cost: not a parameter of the none model"},
	{"negative cost", "commission: {model: per_share, cost: -0.005}", "execution.commission.cost: -0.005 is negative"},
	{"bps above 100%", "slippage: {model: fixed_bps, bps: 10000.5}", "execution.slippage.bps: 10000.5 is above 10000, the largest value Penny accepts"},
	{"impact above one", "slippage: {model: volume_share, price_impact: 1.5}", "execution.slippage.price_impact: 1.5 is above 1, the largest value Penny accepts (a sell's price would reach zero)"},
	{"absurd per-share cost", "commission: {model: per_share, cost: 1e400}", "execution.commission.cost: 1e+400 is above 1000000"},
	{"absurd minimum", "commission: {model: per_share, cost: 0.01, min: 2000000}", "execution.commission.min: 2000000 is above 1000000"},
	{"absurd per-trade cost", "commission: {model: per_trade, cost: 1e7}", "execution.commission.cost: 10000000 is above 1000000"},
	{"commission bps above 100%", "commission: {model: bps, bps: 20000}", "execution.commission.bps: 20000 is above 10000"},
	{"leverage above 100", "max_leverage: 1000", "execution.max_leverage: 1000 is above 100"},
	{"negative min", "commission: {model: per_share, min: -1}", "execution.commission.min: -1 is negative"},
	{"per trade cost required", "commission: {model: per_trade}", "execution.commission.cost: required by the per_trade model"},
	{"min on per trade", "commission: {model: per_trade, cost: 1, min: 1}", "execution.commission.min: not a parameter of the per_trade model"},
	{"zero leverage", "max_leverage: 0", "execution.max_leverage: 0: want a positive number"},
	{"not a number", "commission: {model: per_trade, cost: one}", `execution.commission.cost (line 1): "one" is not a decimal number`},
	{"a list for a number", "commission: {model: per_trade, cost: [1]}", "execution.commission.cost (line 1): want a single value, got a list"},
	{"duplicate key", "fill: next_open\nfill: next_close", "execution.fill (line 2): given twice (first at line 1)"},
}

func TestConfigErrors(t *testing.T) {
	for _, tt := range configErrors {
		t.Run(tt.name, func(t *testing.T) {
			_, err := execution.ParseConfig([]byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

//penny:backends
func testConfigBuild[N numeric.Number[N]](t *testing.T) {
	tests := []struct {
		name, yaml string
		mode       execution.FillMode
		slippage   string // %#v-like description checked below
		commission string
		shorting   bool
		maxLev     string
	}{
		{name: "empty", yaml: "", slippage: "none", commission: "none"},
		{name: "issue example", yaml: `
fill: next_open
slippage: {model: volume_share, volume_limit: 0.025, price_impact: 0.1}
commission: {model: per_share, cost: 0.005, min: 1}
shorting: false
max_leverage: 1
`, slippage: "volume_share 0.025 0.1", commission: "per_share 0.005 1", maxLev: "1"},
		{name: "defaults", yaml: "fill: next_close\nslippage: {model: volume_share}\ncommission: {model: per_share}\nshorting: true",
			mode: execution.NextClose, slippage: "volume_share 0.025 0.1", commission: "per_share 0.001 0", shorting: true},
		{name: "bps", yaml: "slippage: {model: fixed_bps, bps: 2.5}\ncommission: {model: bps, bps: 1}\nmax_leverage: 2.5",
			slippage: "fixed_bps 2.5", commission: "bps 1", maxLev: "2.5"},
		{name: "per trade", yaml: "commission: {model: per_trade, cost: 4.95}", slippage: "none", commission: "per_trade 4.95"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := execution.ParseConfig([]byte(tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			exec, err := execution.New[N](c)
			if err != nil {
				t.Fatal(err)
			}
			sim, acct := exec.Simulator, exec.Account
			if sim.Mode != tt.mode || acct.Shorting != tt.shorting {
				t.Errorf("mode %s shorting %v", sim.Mode, acct.Shorting)
			}
			if got := describeSlippage(sim.Slippage); got != tt.slippage {
				t.Errorf("slippage %s, want %s", got, tt.slippage)
			}
			if got := describeCommission(sim.Commission); got != tt.commission {
				t.Errorf("commission %s, want %s", got, tt.commission)
			}
			if tt.maxLev == "" && acct.Margin() || tt.maxLev != "" && acct.MaxLeverage.String() != tt.maxLev {
				t.Errorf("max leverage %s, want %q", acct.MaxLeverage, tt.maxLev)
			}
		})
	}
}

func describeSlippage[N numeric.Number[N]](s execution.Slippage[N]) string {
	switch m := s.(type) {
	case execution.NoSlippage[N]:
		return "none"
	case execution.FixedBps[N]:
		return "fixed_bps " + m.Bps.String()
	case execution.VolumeShare[N]:
		return "volume_share " + m.VolumeLimit.String() + " " + m.PriceImpact.String()
	}
	return "?"
}

func describeCommission[N numeric.Number[N]](c execution.Commission[N]) string {
	switch m := c.(type) {
	case execution.NoCommission[N]:
		return "none"
	case execution.PerShare[N]:
		return "per_share " + m.Cost.String() + " " + m.Min.String()
	case execution.PerTrade[N]:
		return "per_trade " + m.Cost.String()
	case execution.Bps[N]:
		return "bps " + m.Bps.String()
	}
	return "?"
}

func TestConfigBuild(t *testing.T) {
	backendtest.Run(t, testConfigBuildByName)
}

// TestConfigPrecision: a parameter with more decimals than Fixed holds
// is valid, builds for Decimal, and is an error naming the key for Fixed.
func TestConfigPrecision(t *testing.T) {
	c, err := execution.ParseConfig([]byte("commission: {model: per_share, cost: 0.0000000015}"))
	if err != nil {
		t.Fatal(err)
	}
	if exec, err := execution.New[numeric.Decimal](c); err != nil || describeCommission(exec.Simulator.Commission) != "per_share 0.0000000015 0" {
		t.Errorf("decimal: %v", err)
	}
	_, err = execution.New[numeric.Fixed](c)
	if err == nil || !errors.Is(err, numeric.ErrPrecision) ||
		!strings.HasPrefix(err.Error(), "execution.commission.cost: 0.0000000015 does not fit the fixed backend") {
		t.Errorf("fixed: %v", err)
	}
}

func TestFillMode(t *testing.T) {
	for _, m := range []execution.FillMode{execution.NextOpen, execution.NextClose} {
		b, err := m.MarshalText()
		var u execution.FillMode
		if err != nil || u.UnmarshalText(b) != nil || u != m {
			t.Errorf("%v: round trip %q %v -> %v", m, b, err, u)
		}
	}
	if execution.NextOpen.String() != "next_open" || execution.NextClose.String() != "next_close" || execution.FillMode(7).String() != "FillMode(7)" {
		t.Error("String")
	}
	if _, err := execution.FillMode(7).MarshalText(); err == nil {
		t.Error("MarshalText of an invalid mode")
	}
	c := execution.Config{Fill: 9}
	if err := c.Validate(); err == nil || !strings.HasPrefix(err.Error(), "execution.fill:") {
		t.Errorf("Validate = %v", err)
	}
}

// FuzzParseConfig: the config parser never panics, and what it accepts
// builds for every backend or fails with an error naming a key.
func FuzzParseConfig(f *testing.F) {
	for _, tt := range configErrors {
		f.Add(tt.yaml)
	}
	f.Add("fill: next_close\nslippage: {model: volume_share, volume_limit: 0.5, price_impact: 0.2}\ncommission: {model: bps, bps: 3}\nmax_leverage: 2")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := execution.ParseConfig([]byte(s))
		if err != nil {
			return
		}
		if _, err := execution.New[numeric.Decimal](c); err != nil {
			t.Errorf("valid config %q does not build for decimal: %v", s, err)
		}
		if _, err := execution.New[numeric.Fixed](c); err != nil && !strings.HasPrefix(err.Error(), "execution.") {
			t.Errorf("fixed: error %v names no key", err)
		}
		if _, err := execution.New[numeric.Float](c); err != nil && !strings.HasPrefix(err.Error(), "execution.") {
			t.Errorf("float: error %v names no key", err)
		}
	})
}

// TestConfigInRunFile decodes a Config inside a larger document, as the
// run config does: the same strictness and key names apply.
func TestConfigInRunFile(t *testing.T) {
	var run struct {
		Strategy  string           `yaml:"strategy"`
		Execution execution.Config `yaml:"execution"`
	}
	doc := "strategy: smacross\nexecution:\n  fill: next_close\n  commission:\n    model: per_share\n    cost: 0.005\n"
	if err := yaml.Unmarshal([]byte(doc), &run); err != nil {
		t.Fatal(err)
	}
	if run.Execution.Fill != execution.NextClose || run.Execution.Commission.Cost.String() != "0.005" {
		t.Errorf("decoded %+v", run.Execution)
	}
	err := yaml.Unmarshal([]byte(doc+"    mni: 1\n"), &run)
	if err == nil || !strings.Contains(err.Error(), `unknown key "execution.commission.mni" at line 7 (did you mean "execution.commission.min"?)`) {
		t.Errorf("error %v", err)
	}
}
