package ingest

import (
	"context"
	"errors"
	"fmt"

	"github.com/pennybt/penny/bundles/store"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/corpaction"
	"github.com/pennybt/penny/pkg/market"
)

// exactly reads the source with Fixed and commits the result; when a
// value needs more than Fixed holds (more than 8 decimals, or beyond its
// range), it reads again with Decimal. The store keeps the same exact
// decimals either way: Fixed is only the faster road. The source's own
// corporate actions, and those of the ingest's actions file, are stored
// with the bars.
func exactly(ctx context.Context, in *store.Ingest, o *Options,
	fixed func() (*market.Dataset[numeric.Fixed], []corpaction.Action[numeric.Fixed], error),
	decimal func() (*market.Dataset[numeric.Decimal], []corpaction.Action[numeric.Decimal], error),
) (*store.Manifest, error) {
	ds, as, err := withFile(fixed, o)
	if err == nil {
		return commit(ctx, in, ds, as, o)
	}
	if interrupted(err) {
		return nil, err
	}
	if !errors.Is(err, numeric.ErrPrecision) && !errors.Is(err, numeric.ErrOverflow) {
		return nil, err
	}
	o.notify(&Fallback{Err: err})
	dd, das, err := withFile(decimal, o)
	if err != nil {
		return nil, err
	}
	return commit(ctx, in, dd, das, o)
}

// withFile reads the source, then the actions file, if any, in the same
// backend.
func withFile[N numeric.Number[N]](read func() (*market.Dataset[N], []corpaction.Action[N], error), o *Options) (*market.Dataset[N], []corpaction.Action[N], error) {
	ds, as, err := read()
	if err != nil || o.actions == "" {
		return ds, as, err
	}
	file, err := corpaction.LoadCSV[N](o.actions)
	if err != nil {
		// A bad row, or a file that cannot be read, is the input's; a
		// value Fixed cannot hold is read again with Decimal.
		if !errors.Is(err, numeric.ErrPrecision) && !errors.Is(err, numeric.ErrOverflow) {
			err = &InputError{err}
		}
		return nil, nil, fmt.Errorf("actions: %w", err)
	}
	return ds, append(as, file...), nil
}

// commit writes ds and its actions into the ingest, showing the
// "writing" progress.
func commit[N numeric.Number[N]](ctx context.Context, in *store.Ingest, ds *market.Dataset[N], as []corpaction.Action[N], o *Options) (*store.Manifest, error) {
	if err := store.SetActions(in, as); err != nil {
		return nil, &InputError{err}
	}
	p := o.progress("writing")
	defer p.Finish()
	m, err := store.CommitContext(ctx, in, ds, o.source, store.WriteOptions{Progress: p.Set})
	if err != nil {
		var ve *store.ValueError
		var be *market.BarError
		if errors.As(err, &ve) || errors.As(err, &be) || errors.Is(err, corpaction.ErrUnknownSymbol) {
			return nil, &InputError{err}
		}
		return nil, err
	}
	return m, nil
}
