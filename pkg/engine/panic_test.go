package engine

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/execution"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/order"
)

// panicky is a strategy with a bug: the hook named by hook panics with
// value in session 2 (bar 2 of daily data), through raise.
type panicky[N numeric.Number[N]] struct {
	hook  string
	value func() any
}

func (p *panicky[N]) Init(c *Context[N]) error {
	c.Schedule(p.scheduled, EverySession(), MarketClose(0))
	if p.hook == "Init" {
		p.raise()
	}
	return nil
}

func (p *panicky[N]) BeforeTradingStart(c *Context[N]) { p.maybe(c, "BeforeTradingStart") }
func (p *panicky[N]) OnBar(c *Context[N])              { p.maybe(c, "OnBar") }
func (p *panicky[N]) OnSessionEnd(c *Context[N])       { p.maybe(c, "OnSessionEnd") }
func (p *panicky[N]) scheduled(c *Context[N])          { p.maybe(c, "scheduled") }

func (p *panicky[N]) maybe(c *Context[N], hook string) {
	if p.hook == hook && c.Session().Date.Equal(day("2024-01-04")) { // session 2
		p.raise()
	}
}

func (p *panicky[N]) raise() {
	v := p.value()
	if s, ok := v.([]int); ok {
		_ = s[len(s)] // a runtime error, raised by the runtime
	}
	panic(v)
}

var errStrategyBug = errors.New("strategy bug")

// TestStrategyPanics: a panic raised in any of the strategy's hooks stops
// the run with a *RunError that names the bar, the phase and the function
// that raised it, and carries the stack from there down through the
// strategy's frames to Run.
func TestStrategyPanics(t *testing.T) {
	backendtest.Run(t, testStrategyPanicsByName)
}

//penny:backends
func testStrategyPanics[N numeric.Number[N]](t *testing.T) {
	sessions := testData[N](t, market.Daily, "2024-01-02", "2024-01-31", 1, false).Clock().Sessions()
	open, close := sessions[2].Open, sessions[2].Close
	values := []struct {
		name  string
		value func() any
		check func(error) bool // what the RunError's Err must be
		text  string           // what its message must hold
	}{
		{"string", func() any { return "boom" }, func(error) bool { return true }, "boom"},
		{"error", func() any { return fmt.Errorf("sizing: %w", errStrategyBug) },
			func(err error) bool { return errors.Is(err, errStrategyBug) }, "sizing: strategy bug"},
		{"runtime error", func() any { return []int{1, 2, 3} },
			func(err error) bool { var re runtime.Error; return errors.As(err, &re) }, "index out of range [3] with length 3"},
	}
	hooks := []struct {
		hook, phase string
		bar         int
		time        string
		frame       string // the hook's frame, below raise
	}{
		{"Init", "init", -1, sessions[0].Open.Format("2006-01-02T15:04:05Z"), ").Init"},
		{"BeforeTradingStart", "before trading start", 1, open.Format("2006-01-02T15:04:05Z"), ").BeforeTradingStart"},
		{"OnBar", "strategy", 2, close.Format("2006-01-02T15:04:05Z"), ").OnBar"},
		{"scheduled", "scheduled function", 2, close.Format("2006-01-02T15:04:05Z"), ").scheduled"},
		{"OnSessionEnd", "on session end", 2, close.Format("2006-01-02T15:04:05Z"), ").OnSessionEnd"},
	}
	for _, h := range hooks {
		for _, v := range values {
			t.Run(h.hook+"/"+v.name, func(t *testing.T) {
				p := testData[N](t, market.Daily, "2024-01-02", "2024-01-31", 1, false)
				e, err := New(p, Strategy[N](&panicky[N]{hook: h.hook, value: v.value}), Config[N]{Capital: numeric.Int[N](1000)})
				if err != nil {
					t.Fatal(err)
				}
				res, err := e.Run(context.Background())
				var re *RunError
				if !errors.As(err, &re) || res != nil {
					t.Fatalf("Run = %v, %v; want a *RunError", res, err)
				}
				if !re.InStrategy || re.Phase != h.phase || re.Bar != h.bar || re.Time.Format("2006-01-02T15:04:05Z") != h.time || re.OrderID != 0 {
					t.Errorf("RunError in strategy %t, phase %q, bar %d, time %s, order %d; want true, %q, %d, %s, 0",
						re.InStrategy, re.Phase, re.Bar, re.Time.Format("2006-01-02T15:04:05Z"), re.OrderID, h.phase, h.bar, h.time)
				}
				if !v.check(re.Err) || !strings.Contains(err.Error(), v.text) {
					t.Errorf("error %q (%T) does not hold the panic's %s value", err, re.Err, v.name)
				}
				// The stack starts at the function that raised the panic
				// (the strategy's raise) and goes down through the hook
				// that called it to Run.
				frames := stackFunctions(re.Stack)
				if !inOrder(frames, ").raise", h.frame, "pkg/engine.(*Engine[...]).Run") || !strings.HasSuffix(frames[0], ").raise") {
					t.Fatalf("stack does not go from the strategy's raise through its %s to Run:\n%s", h.hook, re.Stack)
				}
				if !strings.Contains(re.Stack, "\t"+thisFile(t)+":") {
					t.Errorf("stack does not name the strategy's file %s:\n%s", thisFile(t), re.Stack)
				}
				if !strings.Contains(err.Error(), "panic in "+frames[0]+": ") {
					t.Errorf("error %q does not name the function that raised the panic, %s", err, frames[0])
				}
			})
		}
	}
}

// stackFunctions returns the function names of a RunError's stack.
func stackFunctions(stack string) []string {
	var fns []string
	for _, l := range strings.Split(stack, "\n") {
		if l != "" && !strings.HasPrefix(l, "\t") {
			fns = append(fns, l)
		}
	}
	return fns
}

// inOrder reports whether each of parts is held by a function of frames,
// in that order (frames[i] holding parts[0], a later one parts[1]...).
func inOrder(frames []string, parts ...string) bool {
	for _, f := range frames {
		if len(parts) > 0 && strings.Contains(f, parts[0]) {
			parts = parts[1:]
		}
	}
	return len(parts) == 0
}

// thisFile returns the path of this test file, as stacks name it.
func thisFile(t *testing.T) string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("no caller")
	}
	return file
}

// TestNumericFailures: a Fixed overflow stops the run with a *RunError
// wrapping the *numeric.ArithmeticError and naming the bar, the phase and
// the order, in the strategy and in the engine's own steps alike.
func TestNumericFailures(t *testing.T) {
	big := numeric.Int[numeric.Fixed](1_000_000_000)
	cases := []struct {
		name       string
		strategy   StrategyFunc[numeric.Fixed]
		bar        int
		phase      string
		order      order.ID
		inStrategy bool
		text       string // the operation, as the error names it
		frame      string // a function the stack must show
	}{
		{
			name: "overflow in the strategy",
			strategy: func(c *Context[numeric.Fixed]) {
				if c.BarIndex() == 5 {
					c.Record("boom", big.Mul(big))
				}
			},
			bar: 5, phase: "strategy", inStrategy: true,
			text:  "fixed mul 1000000000, 1000000000: overflow",
			frame: "TestNumericFailures.func1",
		},
		{
			// 10^9 shares at about 100: a notional beyond Fixed's 9.2e10,
			// found when the order fills at the next bar.
			name: "overflow in the fill",
			strategy: func(c *Context[numeric.Fixed]) {
				if c.BarIndex() == 3 {
					c.Order(c.Assets()[0], numeric.Int[numeric.Fixed](1))
					c.Order(c.Assets()[0], big)
				}
			},
			bar: 4, phase: "fill", order: 2,
			text:  "overflow",
			frame: "pkg/engine.(*Engine[...]).fill",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := testData[numeric.Fixed](t, market.Daily, "2024-01-02", "2024-01-31", 1, false)
			e, err := New(p, Strategy[numeric.Fixed](tc.strategy), Config[numeric.Fixed]{Capital: numeric.Int[numeric.Fixed](1000)})
			if err != nil {
				t.Fatal(err)
			}
			_, err = e.Run(context.Background())
			var re *RunError
			var ae *numeric.ArithmeticError
			if !errors.As(err, &re) || !errors.As(err, &ae) || !errors.Is(err, numeric.ErrOverflow) {
				t.Fatalf("error %v: want a *RunError wrapping a Fixed overflow", err)
			}
			if re.Bar != tc.bar || re.Phase != tc.phase || re.OrderID != tc.order || re.InStrategy != tc.inStrategy {
				t.Errorf("RunError bar %d, phase %q, order %d, in strategy %t; want %d, %q, %d, %t",
					re.Bar, re.Phase, re.OrderID, re.InStrategy, tc.bar, tc.phase, tc.order, tc.inStrategy)
			}
			if re.Value != any(ae) || !strings.Contains(err.Error(), tc.text) {
				t.Errorf("error %q (value %v) does not name the operation %q", err, re.Value, tc.text)
			}
			if fns := stackFunctions(re.Stack); len(fns) == 0 || !strings.HasPrefix(fns[0], "github.com/pennybt/penny/") || !strings.Contains(re.Stack, tc.frame) {
				t.Errorf("stack does not start in Penny's arithmetic and show %s:\n%s", tc.frame, re.Stack)
			}
			if tc.order != 0 && !strings.Contains(err.Error(), fmt.Sprintf(", order %d: ", tc.order)) {
				t.Errorf("error %q does not name order %d", err, tc.order)
			}
		})
	}
}

// TestPennyPanicsPropagate: a panic raised outside the strategy that is
// not a numeric failure (a bug in the engine, a caller's misuse of the
// portal, a slippage model that breaks its contract) is not turned into
// an error: it reaches Run's caller with its value, and the stack there
// still shows the function that raised it.
func TestPennyPanicsPropagate(t *testing.T) {
	buyAtBar := func(k int) StrategyFunc[numeric.Fixed] {
		return func(c *Context[numeric.Fixed]) {
			if c.BarIndex() == k {
				c.Order(c.Assets()[0], numeric.Int[numeric.Fixed](10))
			}
		}
	}
	cases := []struct {
		name     string
		strategy Strategy[numeric.Fixed]
		cfg      Config[numeric.Fixed]
		setup    func(e *Engine[numeric.Fixed]) // puts the run in the state a bug would
		value    func(v any) bool
		frame    string // the function that raised the panic
	}{
		{
			// A bug in the engine's bookkeeping: its per-asset volume
			// slice sized wrong. The fill at bar 2 indexes past it.
			name:     "engine bug",
			strategy: buyAtBar(1),
			setup:    func(e *Engine[numeric.Fixed]) { e.used = e.used[:0] },
			value: func(v any) bool {
				err, ok := v.(runtime.Error)
				return ok && strings.Contains(err.Error(), "index out of range")
			},
			frame: "pkg/engine.(*Engine[...]).fill",
		},
		{
			// A portal whose cursor already moved: Run's first Advance
			// goes backward.
			name:     "portal already advanced",
			strategy: buyAtBar(1),
			setup:    func(e *Engine[numeric.Fixed]) { e.portal.Advance(3) },
			value:    func(v any) bool { s, ok := v.(string); return ok && strings.Contains(s, "Advance(0) from bar 3") },
			frame:    "pkg/dataportal.(*Portal[...]).Advance",
		},
		{
			name:     "slippage model fills more than the order",
			strategy: buyAtBar(1),
			cfg: Config[numeric.Fixed]{Execution: execution.Setup[numeric.Fixed]{Simulator: execution.Simulator[numeric.Fixed]{
				Slippage: execution.SlippageFunc[numeric.Fixed](func(o *order.Order[numeric.Fixed], _ *market.Bar[numeric.Fixed], price, _ numeric.Fixed) (numeric.Fixed, numeric.Fixed) {
					return price, o.Amount.Add(numeric.Int[numeric.Fixed](1))
				}),
			}}},
			value: func(v any) bool { s, ok := v.(string); return ok && strings.Contains(s, "which has 10 remaining") },
			frame: "pkg/execution.(*Simulator[...]).Match",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := testData[numeric.Fixed](t, market.Daily, "2024-01-02", "2024-01-31", 1, false)
			cfg := tc.cfg
			cfg.Capital = numeric.Int[numeric.Fixed](100000)
			e, err := New(p, tc.strategy, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if tc.setup != nil {
				tc.setup(e)
			}
			v, stack, res, err := runRecovering(e)
			if v == nil {
				t.Fatalf("Run returned %v, %v: the panic did not reach the caller", res, err)
			}
			if !tc.value(v) {
				t.Errorf("panic value %v (%T) is not the one raised", v, v)
			}
			// Above Run's frames, the stack seen by the caller holds the
			// function that raised the panic.
			at := strings.Index(stack, tc.frame)
			run := strings.Index(stack, "pkg/engine.(*Engine[...]).Run(")
			if at < 0 || run < 0 || at > run {
				t.Errorf("the caller's stack does not show %s raising the panic under Run:\n%s", tc.frame, stack)
			}
		})
	}
}

// runRecovering runs e and returns the value of a panic that escapes Run,
// with the stack seen by a deferred function of the caller.
func runRecovering(e *Engine[numeric.Fixed]) (v any, stack string, res *Result[numeric.Fixed], err error) {
	defer func() {
		if v = recover(); v != nil {
			stack = string(debug.Stack())
		}
	}()
	res, err = e.Run(context.Background())
	return
}
