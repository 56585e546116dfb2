package store

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/pennybt/penny/internal/atomicfile"
	"github.com/pennybt/penny/internal/parallel"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

// Source describes where an ingest's data came from, for the manifest.
type Source struct {
	Name string
	// Options are the source's public options. Never put credentials here:
	// they would be written to disk in clear.
	Options map[string]string
}

// Ingest is an ingest in progress: a temporary directory beside the
// bundle's ingests (PartialDir), locked against concurrent ingests of the
// same bundle. Commit writes the data there and renames it into place;
// until then the bundle's previous ingests are untouched. A source that
// fetches in steps keeps what it fetched in Staging, which survives a
// failed or killed attempt so that the next one can resume.
//
// Use Begin, then Commit, and always Close.
type Ingest struct {
	home, name string
	at         time.Time
	dir        string
	lock       *os.File
	committed  bool
	actions    *actionsTable // set by SetActions
	// fail, when set, is called before each data file is written; a
	// non-nil error aborts the commit (tests inject failures through it).
	// It is called from several goroutines at once.
	fail func(symbol string) error
}

// Begin starts an ingest of bundle name under home, stamped at. It takes
// the bundle's lock (failing if another process holds it) and prepares
// the temporary directory, keeping its staging area from an earlier
// attempt and removing anything else a failed attempt left there.
func Begin(home, name string, at time.Time) (*Ingest, error) {
	if err := CheckName(name); err != nil {
		return nil, err
	}
	if at.IsZero() {
		return nil, errors.New("store: ingest time is zero")
	}
	bdir := bundleDir(home, name)
	if err := os.MkdirAll(bdir, 0o755); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	lk, err := lock(filepath.Join(bdir, lockFile), fmt.Sprintf("bundle %q", name))
	if err != nil {
		return nil, err
	}
	in := &Ingest{home: home, name: name, at: at.UTC(), dir: partialDir(home, name), lock: lk}
	if err := in.prepare(); err != nil {
		unlock(lk)
		return nil, err
	}
	return in, nil
}

func (in *Ingest) prepare() error {
	if err := os.MkdirAll(filepath.Join(in.dir, StagingDir), 0o755); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	entries, err := os.ReadDir(in.dir)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	for _, e := range entries {
		if e.Name() == StagingDir {
			continue
		}
		if err := os.RemoveAll(filepath.Join(in.dir, e.Name())); err != nil {
			return fmt.Errorf("store: clearing the previous attempt: %w", err)
		}
	}
	return nil
}

// Staging returns the directory where a source may keep partial results
// between attempts. It is removed when the ingest commits.
func (in *Ingest) Staging() string { return filepath.Join(in.dir, StagingDir) }

// Time returns the ingest time.
func (in *Ingest) Time() time.Time { return in.at }

// Discard removes the temporary directory, staging area included.
func (in *Ingest) Discard() error {
	if in.committed {
		return nil
	}
	if err := os.RemoveAll(in.dir); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}

// Close releases the bundle's lock. An ingest closed without a commit
// leaves its temporary directory for the next attempt to resume from,
// unless it was discarded; a bundle left with nothing in it (its first
// ingest failed and was discarded) leaves no folder behind.
func (in *Ingest) Close() error {
	if !in.committed {
		if _, err := os.Stat(in.dir); errors.Is(err, os.ErrNotExist) {
			_, _ = removeIfEmpty(bundleDir(in.home, in.name))
		}
	}
	return unlock(in.lock)
}

// WriteOptions tune Commit and Write.
type WriteOptions struct {
	// Progress, when set, is called after each file is written with the
	// number written and the total.
	Progress func(done, total int)
}

// Commit validates ds (normalizing it: see market.Dataset.Validate),
// writes one Parquet file per asset and the manifest into the temporary
// directory, syncs them, and renames the directory into place as the
// ingest named by the ingest time. On any error nothing is renamed: the
// bundle's previous ingests stay as they were.
func Commit[N numeric.Number[N]](in *Ingest, ds *market.Dataset[N], src Source, opts WriteOptions) (*Manifest, error) {
	return CommitContext(context.Background(), in, ds, src, opts)
}

// CommitContext is Commit stopped by ctx: once ctx is cancelled no
// further file is written and nothing is renamed into place (ctx is
// checked last just before the rename); it returns ctx's error, and the
// bundle's previous ingests stay as they were.
func CommitContext[N numeric.Number[N]](ctx context.Context, in *Ingest, ds *market.Dataset[N], src Source, opts WriteOptions) (*Manifest, error) {
	if in.committed {
		return nil, errors.New("store: ingest already committed")
	}
	if err := ds.Validate(); err != nil {
		return nil, fmt.Errorf("store: bundle %q: %w", in.name, err)
	}
	for i := range ds.Series {
		a := ds.Series[i].Asset
		if ds.Series[i].Len() == 0 {
			return nil, fmt.Errorf("store: bundle %q: symbol %s has no bars", in.name, a.Symbol)
		}
		for _, f := range []struct{ name, v string }{{"tick size", a.TickSize}, {"lot size", a.LotSize}} {
			if err := checkIncrement(f.v); err != nil {
				return nil, fmt.Errorf("store: bundle %q: symbol %s: %s %q: %w", in.name, a.Symbol, f.name, f.v, err)
			}
		}
	}
	if in.actions != nil {
		syms := make(map[string]bool, len(ds.Series))
		for i := range ds.Series {
			syms[ds.Series[i].Asset.Symbol] = true
		}
		if err := in.actions.check(syms); err != nil {
			return nil, fmt.Errorf("store: bundle %q: %w", in.name, err)
		}
	}
	barsDir := filepath.Join(in.dir, BarsDir)
	if err := os.MkdirAll(barsDir, 0o755); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	m := &Manifest{
		Format:     FormatVersion,
		Name:       in.name,
		IngestTime: in.at,
		Source:     src.Name,
		Options:    src.Options,
		Frequency:  ds.Frequency,
		Calendar:   ds.Calendar,
		TimeZone:   ds.TimeZone,
		Assets:     make([]File, len(ds.Series)),
	}
	sessions, err := datasetSessions(ds)
	if err != nil {
		return nil, fmt.Errorf("store: bundle %q: %w", in.name, err)
	}
	// Distinct file names, also on case-insensitive file systems.
	seen := make(map[string]bool, len(ds.Series))
	for i := range ds.Series {
		s := &ds.Series[i]
		fn := fileName(s.Asset.Symbol)
		for k := 2; seen[strings.ToLower(fn)]; k++ {
			fn = fmt.Sprintf("%s~%d.parquet", strings.TrimSuffix(fileName(s.Asset.Symbol), ".parquet"), k)
		}
		seen[strings.ToLower(fn)] = true
		m.Assets[i] = File{
			Symbol: s.Asset.Symbol, Class: s.Asset.Class.String(), TickSize: s.Asset.TickSize, LotSize: s.Asset.LotSize,
			Path: BarsDir + "/" + fn, Rows: s.Len(),
		}
	}
	if err := writeAll(ctx, in, ds, m, sessions, opts); err != nil {
		return nil, err
	}
	if m.Actions, err = commitActions(in); err != nil {
		return nil, err
	}
	for i, a := range m.Assets {
		m.Symbols = append(m.Symbols, a.Symbol)
		m.Rows += int64(a.Rows)
		if i == 0 || a.Start.Before(m.Start) {
			m.Start = a.Start
		}
		if i == 0 || a.End.After(m.End) {
			m.End = a.End
		}
	}
	if err := m.seal(); err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	if err := atomicfile.WriteFile(filepath.Join(in.dir, ManifestFile), append(b, '\n')); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	if err := os.RemoveAll(in.Staging()); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	if err := syncDir(barsDir); err != nil {
		return nil, err
	}
	if err := syncDir(in.dir); err != nil {
		return nil, err
	}
	final := ingestDir(in.home, in.name, IngestName(in.at))
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("store: bundle %q: %w", in.name, err)
	}
	if _, err := os.Stat(final); err == nil {
		return nil, fmt.Errorf("store: bundle %q already has an ingest %s", in.name, IngestName(in.at))
	}
	if err := os.Rename(in.dir, final); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	in.committed = true
	if err := syncDir(bundleDir(in.home, in.name)); err != nil {
		return nil, err
	}
	return m, nil
}

// writeAll writes every asset's file, on as many goroutines as there are
// CPUs, filling in the manifest's sizes, checksums and scales. The first
// error in the dataset's order stops the writing and is returned.
func writeAll[N numeric.Number[N]](ctx context.Context, in *Ingest, ds *market.Dataset[N], m *Manifest, sessions *sessionTable, opts WriteOptions) error {
	scales, encoded, err := bundleScales(ds, encodedBudget)
	if err != nil {
		return err
	}
	var (
		mu   sync.Mutex
		done int
	)
	return parallel.ForEach(ctx, len(ds.Series), 0,
		func() *scratch { return new(scratch) },
		func(_ context.Context, sc *scratch, i int) error {
			var enc *[5]scaled
			if encoded != nil && encoded[i][0].unscaled != nil {
				enc = &encoded[i]
			}
			if err := writeAsset(in, &ds.Series[i], ds.Frequency, &m.Assets[i], sessions, scales, enc, sc); err != nil {
				return err
			}
			if enc != nil {
				*enc = [5]scaled{} // written: let it go
			}
			mu.Lock()
			defer mu.Unlock()
			done++
			if opts.Progress != nil {
				opts.Progress(done, len(ds.Series))
			}
			return nil
		})
}

// encodedBudget bounds the bytes of encoded columns bundleScales keeps for
// the writing pass (8 bytes a value, 5 values a bar: 256 MiB is 6.7
// million bars); the columns of the assets past it are encoded again.
const encodedBudget = 256 << 20

// bundleScales returns the scale of each column (in market.Fields()
// order) over the whole bundle: the most decimals any value of the column
// has in any file. Every file is written at these scales, so that the
// files share one schema and read as one table (a reader that unions
// files of different DECIMAL scales may cast them to the first file's,
// rounding the others). It also returns, by asset, the encoded columns it
// kept within budget bytes (zero for the others), which spares encoding
// them twice. A dataset of one asset needs no pass.
func bundleScales[N numeric.Number[N]](ds *market.Dataset[N], budget int64) ([5]int, [][5]scaled, error) {
	var (
		mu     sync.Mutex
		scales [5]int
		kept   int64
	)
	if len(ds.Series) == 1 {
		return scales, nil, nil // writeAsset keeps the file's own scales
	}
	encoded := make([][5]scaled, len(ds.Series))
	err := parallel.ForEach(context.Background(), len(ds.Series), 0,
		func() *[5][]int64 { return new([5][]int64) },
		func(_ context.Context, buf *[5][]int64, i int) error {
			s := &ds.Series[i]
			mu.Lock()
			keep := kept+int64(8*5*s.Len()) <= budget
			if keep {
				kept += int64(8 * 5 * s.Len())
			}
			mu.Unlock()
			var got [5]scaled
			for k, fld := range market.Fields() {
				dst := buf[k]
				if keep {
					dst = nil // a slice of its own, kept
				}
				c, err := encode(s.Column(fld), dst, s.Asset.Symbol, fld.String())
				if err != nil {
					return fmt.Errorf("store: %w", err)
				}
				got[k] = c
				if !keep {
					buf[k] = c.unscaled
				}
			}
			if keep {
				encoded[i] = got
			}
			mu.Lock()
			defer mu.Unlock()
			for k := range scales {
				scales[k] = max(scales[k], got[k].scale)
			}
			return nil
		})
	return scales, encoded, err
}

// rescale multiplies a column's integers up to scale to, in place. A value
// that would need more than MaxDigits digits there is a *ValueError.
func rescale[N numeric.Number[N]](c scaled, to int, xs []N, where, column string) (scaled, error) {
	k := to - c.scale
	if k <= 0 {
		return c, nil
	}
	p, lim := pow10i[k], maxUnscaled/pow10i[k]
	for i, u := range c.unscaled {
		if u > lim || u < -lim {
			return c, &ValueError{File: where, Column: column, Row: i, Value: xs[i].String(),
				Err: fmt.Errorf("%w (%d decimals, as other files of the bundle have: store such assets in bundles of their own)", errDigits, to)}
		}
		c.unscaled[i] = u * p
	}
	c.scale = to
	return c, nil
}

// scratch is the buffers of one writer goroutine, reused from file to
// file.
type scratch struct {
	cols   [5][]int64
	labels []int64
}

// writeAsset writes one asset's file, its columns at scales: the columns
// encoded is given (bundleScales kept them), else encoded here.
func writeAsset[N numeric.Number[N]](in *Ingest, s *market.Series[N], freq market.Frequency, f *File, sessions *sessionTable, scales [5]int, encoded *[5]scaled, sc *scratch) error {
	if in.fail != nil {
		if err := in.fail(s.Asset.Symbol); err != nil {
			return err
		}
	}
	labels, err := sessions.labels(sc.labels[:0], s.Time, s.Asset.Symbol)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	sc.labels = labels
	f.Start, f.End = sessions.labelTime(labels[0]), sessions.labelTime(labels[len(labels)-1])
	var cols [5]scaled
	f.Decimals = make(map[string]int, 5)
	for i, fld := range market.Fields() {
		var c scaled
		var err error
		if encoded != nil {
			c = encoded[i]
		} else if c, err = encode(s.Column(fld), sc.cols[i], s.Asset.Symbol, fld.String()); err == nil {
			sc.cols[i] = c.unscaled
		}
		if err == nil {
			c, err = rescale(c, scales[i], s.Column(fld), s.Asset.Symbol, fld.String())
		}
		if err != nil {
			return fmt.Errorf("store: %w", err)
		}
		cols[i] = c
		f.Decimals[fld.String()] = c.scale
	}
	path := filepath.Join(in.dir, filepath.FromSlash(f.Path))
	file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	h := sha256.New()
	cw := &countWriter{w: io.MultiWriter(file, h)}
	bw := bufio.NewWriterSize(cw, 1<<20)
	err = writeBars(bw, s.Asset.Symbol, freq, labels, cols)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = file.Sync()
	}
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("store: writing %s: %w", path, err)
	}
	f.Size = cw.n
	f.SHA256 = hex.EncodeToString(h.Sum(nil))
	return nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// datasetSessions returns the sessions of the dataset's calendar over the
// dates of its bars, for labelling them.
func datasetSessions[N numeric.Number[N]](ds *market.Dataset[N]) (*sessionTable, error) {
	_, loc, err := bundleCalendar(ds.Calendar, ds.TimeZone)
	if err != nil {
		return nil, err
	}
	first, last := ds.Series[0].Time[0], ds.Series[0].Time[ds.Series[0].Len()-1]
	for i := range ds.Series {
		first = min(first, ds.Series[i].Time[0])
		last = max(last, ds.Series[i].Time[ds.Series[i].Len()-1])
	}
	return newSessionTable(ds.Calendar, ds.TimeZone, ds.Frequency, stampDate(first, loc), stampDate(last, loc))
}

// syncDir flushes a folder's entries to disk.
func syncDir(dir string) error {
	if err := atomicfile.SyncDir(dir); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}

// Write ingests ds as a new ingest of bundle name in one step: Begin at
// at, Commit, Close. A failure leaves the previous ingests intact.
func Write[N numeric.Number[N]](home, name string, at time.Time, ds *market.Dataset[N], src Source, opts WriteOptions) (*Manifest, error) {
	in, err := Begin(home, name, at)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	return Commit(in, ds, src, opts)
}
