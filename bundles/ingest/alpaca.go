package ingest

import (
	"context"
	"errors"
	"fmt"

	"github.com/pennybt/penny/bundles/alpaca"
	"github.com/pennybt/penny/bundles/store"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/corpaction"
	"github.com/pennybt/penny/pkg/market"
)

// Alpaca returns the ingester of the bars s downloads from Alpaca, with
// their corporate actions (raw stock bars, unless s.Config.NoActions; an
// action into a symbol not requested is an *InputError), or the
// validation error of s.Config. It is resumable: the download is staged
// window by window in the ingest's staging area, and a failed ingest run
// again fetches only the windows it lacks. The manifest records
// s.Config.Options() (no credentials). s.Progress is replaced by
// Options.Progress("downloading") while the ingest runs.
func Alpaca(s *alpaca.Source) (*Ingester, error) {
	if err := s.Config.Validate(); err != nil {
		return nil, err
	}
	src := store.Source{Name: "alpaca", Options: s.Config.Options()}
	calName := s.Config.Calendar().Name()
	return &Ingester{source: src, resumable: true, read: func(ctx context.Context, in *store.Ingest, o *Options) (*store.Manifest, error) {
		p := o.progress("downloading")
		s.Progress = p.Set
		rep, err := s.Download(ctx, in.Staging())
		p.Finish()
		if rep != nil {
			o.notify(&Downloaded{Report: rep})
		}
		if err != nil {
			if rep != nil && rep.Fetched+rep.Resumed > 0 {
				err = fmt.Errorf("%w\n%d of %d windows are saved: run the same command again to resume", err, rep.Fetched+rep.Resumed, rep.Windows)
			} else {
				_ = in.Discard() // nothing fetched: nothing to resume from
			}
			// A request the API refuses, or credentials it does not
			// accept, is the input's: the same command would fail again.
			if errors.Is(err, alpaca.ErrRefused) || errors.Is(err, alpaca.ErrAuth) {
				return nil, &InputError{err}
			}
			return nil, err
		}
		check := func(rep *alpaca.Report, err error) error {
			if err != nil {
				if errors.Is(err, alpaca.ErrNoData) || errors.Is(err, alpaca.ErrOffSession) {
					return &InputError{err}
				}
				return err
			}
			if rep.Dropped() > 0 {
				o.notify(&OffSession{Calendar: calName, Dropped: rep.OffSession})
			}
			return nil
		}
		actions := func(rep *alpaca.Report, err error) error {
			if err != nil {
				if errors.Is(err, alpaca.ErrActionSymbols) {
					return &InputError{err}
				}
				return err
			}
			if rep.Actions > 0 || len(rep.ActionsLeftOut) > 0 {
				o.notify(&Actions{Kept: rep.Actions, LeftOut: rep.ActionsLeftOut})
			}
			return nil
		}
		return exactly(ctx, in, o,
			func() (*market.Dataset[numeric.Fixed], []corpaction.Action[numeric.Fixed], error) {
				ds, rep, err := alpaca.Dataset[numeric.Fixed](s, in.Staging())
				if err := check(rep, err); err != nil {
					return nil, nil, err
				}
				as, arep, err := alpaca.Actions[numeric.Fixed](s, in.Staging())
				return ds, as, actions(arep, err)
			},
			func() (*market.Dataset[numeric.Decimal], []corpaction.Action[numeric.Decimal], error) {
				ds, rep, err := alpaca.Dataset[numeric.Decimal](s, in.Staging())
				if err := check(rep, err); err != nil {
					return nil, nil, err
				}
				as, arep, err := alpaca.Actions[numeric.Decimal](s, in.Staging())
				return ds, as, actions(arep, err)
			})
	}}, nil
}
