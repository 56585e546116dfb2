package ingest

import (
	"errors"

	"github.com/pennybt/penny/bundles/store"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

// exactly reads the source with Fixed and commits the result; when a
// value needs more than Fixed holds (more than 8 decimals, or beyond its
// range), it reads again with Decimal. The store keeps the same exact
// decimals either way: Fixed is only the faster road.
func exactly(in *store.Ingest, src store.Source, o *Options,
	fixed func() (*market.Dataset[numeric.Fixed], error),
	decimal func() (*market.Dataset[numeric.Decimal], error),
) (*store.Manifest, error) {
	ds, err := fixed()
	if err == nil {
		return commit(in, ds, src, o)
	}
	if !errors.Is(err, numeric.ErrPrecision) && !errors.Is(err, numeric.ErrOverflow) {
		return nil, err
	}
	o.notify(&Fallback{Err: err})
	dd, err := decimal()
	if err != nil {
		return nil, err
	}
	return commit(in, dd, src, o)
}

// commit writes ds into the ingest, showing the "writing" progress.
func commit[N numeric.Number[N]](in *store.Ingest, ds *market.Dataset[N], src store.Source, o *Options) (*store.Manifest, error) {
	p := o.progress("writing")
	defer p.Finish()
	m, err := store.Commit(in, ds, src, store.WriteOptions{Progress: p.Set})
	if err != nil {
		var ve *store.ValueError
		var be *market.BarError
		if errors.As(err, &ve) || errors.As(err, &be) {
			return nil, &InputError{err}
		}
		return nil, err
	}
	return m, nil
}
