package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pennybt/penny/internal/parallel"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

// ErrCorrupt is matched (errors.Is) by every error that Load returns for
// a file that is missing, truncated, altered or unreadable.
var ErrCorrupt = errors.New("corrupt bundle file")

// CorruptError reports a bundle file that fails verification, by path.
type CorruptError struct {
	Path   string
	Reason string
}

func (e *CorruptError) Error() string { return fmt.Sprintf("store: %s: %s", e.Path, e.Reason) }

// Is makes CorruptError match ErrCorrupt.
func (e *CorruptError) Is(target error) bool { return target == ErrCorrupt }

// Load reads an ingest of bundle name under home into a dataset of N:
// ingest is "" or "latest" for the latest ingest, an ingest directory name
// or an RFC 3339 time. Every file's size and SHA-256 checksum are checked
// against the manifest first; a missing, truncated or altered file is an
// error naming it (matching ErrCorrupt). Values convert by the rules of
// the package documentation; a value that N cannot hold (more than 8
// decimals or beyond the range, for Fixed) is a *ValueError naming the
// file, column and row.
//
// Files are read on as many goroutines as there are CPUs; the first
// error in the manifest's order stops the reading and is returned. The
// bars are not re-validated: they were validated when written, and the
// checksums show they are unchanged.
func Load[N numeric.Number[N]](home, name, ingest string) (*market.Dataset[N], *Manifest, error) {
	ing, err := resolveIngest(home, name, ingest)
	if err != nil {
		return nil, nil, err
	}
	dir := ingestDir(home, name, ing)
	m, err := readManifest(dir)
	if err != nil {
		return nil, nil, err
	}
	if m.Actions != nil {
		// The bars are not loaded without the actions that apply to them
		// intact (LoadActions decodes them).
		if _, err := verified(filepath.Join(dir, filepath.FromSlash(m.Actions.Path)), m.Actions.Size, m.Actions.SHA256); err != nil {
			return nil, nil, err
		}
	}
	ds := &market.Dataset[N]{Frequency: m.Frequency, Calendar: m.Calendar, TimeZone: m.TimeZone, Series: make([]market.Series[N], len(m.Assets))}
	var sessions *sessionTable
	if m.Format >= 2 && len(m.Assets) > 0 {
		from, to, err := m.dates()
		if err == nil {
			sessions, err = newSessionTable(m.Calendar, m.TimeZone, m.Frequency, from, to)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("store: %s: %w", filepath.Join(dir, ManifestFile), err)
		}
	}
	for i, a := range m.Assets {
		class, err := market.ParseClass(a.Class)
		if err != nil {
			return nil, nil, fmt.Errorf("store: %s: asset %s: %w", filepath.Join(dir, ManifestFile), a.Symbol, err)
		}
		ds.Series[i].Asset = market.Asset{ID: i, Symbol: a.Symbol, Class: class, TickSize: a.TickSize, LotSize: a.LotSize}
	}
	err = parallel.For(context.Background(), len(m.Assets), 0, func(_ context.Context, i int) error {
		return loadAsset(dir, m, &m.Assets[i], &ds.Series[i], sessions)
	})
	if err != nil {
		return nil, nil, err
	}
	return ds, m, nil
}

// loadAsset reads one asset's file into s. Its times are converted from
// the labels of format 2 to end-of-interval stamps with sessions (format 1
// files hold the stamps, and sessions is nil).
func loadAsset[N numeric.Number[N]](dir string, m *Manifest, a *File, s *market.Series[N], sessions *sessionTable) error {
	path := filepath.Join(dir, filepath.FromSlash(a.Path))
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return &CorruptError{Path: path, Reason: "missing"}
		}
		return &CorruptError{Path: path, Reason: err.Error()}
	}
	if int64(len(data)) != a.Size {
		what := "truncated"
		if int64(len(data)) > a.Size {
			what = "longer than written"
		}
		return &CorruptError{Path: path, Reason: fmt.Sprintf("%s: %d bytes, the manifest says %d", what, len(data), a.Size)}
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != a.SHA256 {
		return &CorruptError{Path: path, Reason: "checksum mismatch: the file was altered or damaged after it was written"}
	}
	bf, err := openBars(data, m.Format, m.Frequency)
	if err != nil {
		return &CorruptError{Path: path, Reason: "not a bars file: " + err.Error()}
	}
	// What the file says of itself agrees with the manifest (for the
	// manifests without a checksum, whose edits only this shows).
	if v, ok := bf.f.Lookup(metaSymbol); ok && v != a.Symbol {
		return &CorruptError{Path: path, Reason: fmt.Sprintf("the file holds the bars of %s (its %s), the manifest says %s", v, metaSymbol, a.Symbol)}
	}
	for i, c := range priceColumns {
		if bf.scales[i] != a.Decimals[c] {
			return &CorruptError{Path: path, Reason: fmt.Sprintf("column %s has %d decimals, the manifest says %d", c, bf.scales[i], a.Decimals[c])}
		}
	}
	n := int(bf.f.NumRows())
	if n != a.Rows {
		return &CorruptError{Path: path, Reason: fmt.Sprintf("%d rows, the manifest says %d", n, a.Rows)}
	}
	s.Time = make([]int64, n)
	if err := bf.readTimes(s.Time); err != nil {
		return &CorruptError{Path: path, Reason: "column time: " + err.Error()}
	}
	if sessions != nil {
		if err := sessions.ends(s.Time); err != nil {
			return &CorruptError{Path: path, Reason: "column time: " + err.Error()}
		}
	}
	for i, fld := range market.Fields() {
		col := make([]N, n)
		scale := bf.scales[i]
		err := bf.readColumn(i+1, func(vals []int64, row int) error {
			if row+len(vals) > n {
				return fmt.Errorf("more values than rows")
			}
			return decode(col[row:row+len(vals)], vals, scale, path, fld.String(), row)
		})
		if err != nil {
			var ve *ValueError
			if errors.As(err, &ve) {
				return err
			}
			return &CorruptError{Path: path, Reason: "column " + fld.String() + ": " + err.Error()}
		}
		switch fld {
		case market.Open:
			s.Open = col
		case market.High:
			s.High = col
		case market.Low:
			s.Low = col
		case market.Close:
			s.Close = col
		case market.Volume:
			s.Volume = col
		}
	}
	return nil
}
