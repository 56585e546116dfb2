package ingest

import (
	"context"
	"errors"
	"sort"
	"strings"

	"github.com/pennybt/penny/bundles/csvsource"
	"github.com/pennybt/penny/bundles/store"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/corpaction"
	"github.com/pennybt/penny/pkg/market"
)

// CSV returns the ingester of the CSV files cfg names, or cfg's
// validation error. The manifest records the frequency, the stamp, and
// the folder, files, symbols, calendar, time zone, dates, repairs and
// price (adj_close) that are set. A bad row, or a file or folder that
// cannot be read, is an *InputError; rows a repair drops are told by a
// Dropped notice.
func CSV(cfg csvsource.Config) (*Ingester, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	files := make([]string, 0, len(cfg.Files))
	for sym, path := range cfg.Files {
		files = append(files, sym+"="+path)
	}
	sort.Strings(files)
	opts := map[string]string{"frequency": cfg.Frequency.String(), "stamp": cfg.Stamp.String()}
	for k, v := range map[string]string{"dir": cfg.Dir, "files": strings.Join(files, ","), "symbols": strings.Join(cfg.Symbols, ","),
		"calendar": cfg.Calendar, "tz": cfg.TimeZone, "start": cfg.Start, "end": cfg.End, "drop": cfg.Repair.String()} {
		if v != "" {
			opts[k] = v
		}
	}
	if cfg.Price != csvsource.PriceClose {
		opts["price"] = cfg.Price.String()
	}
	src := store.Source{Name: "csv", Options: opts}
	check := func(o *Options, rep *csvsource.Report, err error) error {
		if err != nil {
			// A value Fixed cannot hold is read again with Decimal
			// (exactly); anything else, a bad row or a file or folder
			// that cannot be read, is the input's.
			if interrupted(err) || errors.Is(err, numeric.ErrPrecision) || errors.Is(err, numeric.ErrOverflow) {
				return err
			}
			return &InputError{err}
		}
		if rep.Dropped() > 0 {
			o.notify(&Dropped{Report: rep, Repair: cfg.Repair})
		}
		return nil
	}
	return &Ingester{source: src, read: func(ctx context.Context, in *store.Ingest, o *Options) (*store.Manifest, error) {
		return exactly(ctx, in, o,
			func() (*market.Dataset[numeric.Fixed], []corpaction.Action[numeric.Fixed], error) {
				ds, rep, err := csvsource.LoadContext[numeric.Fixed](ctx, cfg)
				return ds, nil, check(o, rep, err)
			},
			func() (*market.Dataset[numeric.Decimal], []corpaction.Action[numeric.Decimal], error) {
				ds, rep, err := csvsource.LoadContext[numeric.Decimal](ctx, cfg)
				return ds, nil, check(o, rep, err)
			})
	}}, nil
}
