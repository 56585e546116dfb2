package bench

import (
	"context"
	"os"
	"testing"

	"github.com/pennybt/penny/internal/runner"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/strategies/builtin"
)

// BenchmarkScenario times one backtest (runner.Run and report.Summarize,
// what penny bench times) of every scenario on every backend, the data
// generated before the loop. Compare two commits with benchstat:
//
//	go test -run '^$' -bench 'Scenario/scenario=(daily|hourly|minute)$/' -count 10 ./bench/ > new.txt
//	benchstat old.txt new.txt
//
// ns/asset-bar is the figure to compare across scenarios. The large
// scenarios generate hundreds of MB of bars, and a decimal backtest of
// minute-large takes about a minute: select what you need.
func BenchmarkScenario(b *testing.B) {
	for _, sc := range Scenarios() {
		for _, backend := range numeric.BackendNames() {
			run, ok := benchScenarioByName(backend)
			if !ok {
				b.Fatalf("no benchmark for backend %s: run go generate", backend)
			}
			b.Run("scenario="+sc.Name+"/backend="+backend, func(b *testing.B) { run(b, sc) })
		}
	}
}

// benchScenario times scenario sc on backend N.
//
//penny:backends
func benchScenario[N numeric.Number[N]](b *testing.B, sc Scenario) {
	env := runner.Env{Getenv: os.Getenv, Strategies: builtin.Table()}
	data, err := runner.LoadData[N](sc.Config, env)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var res *engine.Result[N]
	for b.Loop() {
		if res, err = backtest(ctx, sc.Config, data, env); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(res.AssetBars), "ns/asset-bar")
}
