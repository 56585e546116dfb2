package ingest

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/pennybt/penny/bundles/store"
	"github.com/pennybt/penny/bundles/synthetic"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/corpaction"
	"github.com/pennybt/penny/pkg/market"
)

// Synthetic returns the ingester of the synthetic data cfg describes, or
// cfg's validation error. The manifest records the seed, frequency,
// calendar, dates and the symbols (or the number of assets), and the
// rates of the actions generated, if any (stored with the bars).
func Synthetic(cfg synthetic.Config) (*Ingester, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	opts := map[string]string{
		"seed": strconv.FormatUint(cfg.Seed, 10), "frequency": cfg.Frequency.String(), "calendar": cfg.Calendar,
		"start": cfg.Start.Format(time.DateOnly), "end": cfg.End.Format(time.DateOnly),
	}
	if cfg.Actions.Splits != 0 {
		opts["splits"] = strconv.FormatFloat(cfg.Actions.Splits, 'g', -1, 64)
	}
	if cfg.Actions.DividendYield != 0 {
		opts["dividend_yield"] = strconv.FormatFloat(cfg.Actions.DividendYield, 'g', -1, 64)
	}
	if len(cfg.Symbols) > 0 {
		opts["symbols"] = strings.Join(cfg.Symbols, ",")
	} else {
		opts["assets"] = strconv.Itoa(cfg.Assets)
	}
	src := store.Source{Name: "synthetic", Options: opts}
	return &Ingester{source: src, read: func(ctx context.Context, in *store.Ingest, o *Options) (*store.Manifest, error) {
		return exactly(ctx, in, o,
			func() (*market.Dataset[numeric.Fixed], []corpaction.Action[numeric.Fixed], error) {
				return synthetic.GenerateContext[numeric.Fixed](ctx, cfg)
			},
			func() (*market.Dataset[numeric.Decimal], []corpaction.Action[numeric.Decimal], error) {
				return synthetic.GenerateContext[numeric.Decimal](ctx, cfg)
			})
	}}, nil
}
