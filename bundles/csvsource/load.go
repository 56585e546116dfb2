package csvsource

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/pennybt/penny/internal/parallel"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

// Report tells what Load did, file by file in symbol order.
type Report struct {
	Files []FileReport
}

// Dropped returns the number of rows dropped by repairs in all files.
func (r *Report) Dropped() int {
	n := 0
	for _, f := range r.Files {
		n += f.Dropped
	}
	return n
}

// String summarizes the report, one line per file, then the rows dropped
// that the report names.
func (r *Report) String() string {
	var b strings.Builder
	for _, f := range r.Files {
		fmt.Fprintf(&b, "%s (%s): %d rows, %d bars", f.Symbol, f.File, f.Rows, f.Bars)
		if f.Outside > 0 {
			fmt.Fprintf(&b, ", %d outside start..end", f.Outside)
		}
		if f.Dropped > 0 {
			fmt.Fprintf(&b, ", %d dropped", f.Dropped)
		}
		b.WriteByte('\n')
		for _, d := range f.Drops {
			fmt.Fprintf(&b, "  dropped %v\n", d)
		}
		if more := f.Dropped - len(f.Drops); more > 0 {
			fmt.Fprintf(&b, "  and %d more dropped\n", more)
		}
	}
	return b.String()
}

// Load validates cfg, reads every file it names (in parallel, one file
// per core) and returns the dataset, normalized (series sorted by symbol,
// Asset.ID set) and validated, with the report of what was read and
// dropped. A file that fails stops the reading: the first error in symbol
// order is returned, a *[ParseError] for bad input, with the report of the
// files that were read.
func Load[N numeric.Number[N]](cfg Config) (*market.Dataset[N], *Report, error) {
	return LoadContext[N](context.Background(), cfg)
}

// LoadContext is Load stopped by ctx: once ctx is cancelled no further
// file is read, the files under way stop within a few thousand lines, and
// it returns ctx's error.
func LoadContext[N numeric.Number[N]](ctx context.Context, cfg Config) (*market.Dataset[N], *Report, error) {
	if err := cfg.Validate(); err != nil {
		return nil, nil, err
	}
	opt, err := cfg.Options()
	if err != nil {
		return nil, nil, err
	}
	files, err := cfg.files()
	if err != nil {
		return nil, nil, err
	}
	class, _ := market.ParseClass(cfg.Class)

	series := make([]market.Series[N], len(files))
	reports := make([]FileReport, len(files))
	readErr := parallel.For(ctx, len(files), 0, func(ctx context.Context, i int) error {
		var err error
		series[i], reports[i], err = readFile[N](ctx, files[i].path, opt)
		return err
	})

	rep := &Report{Files: reports}
	for i, f := range files {
		rep.Files[i].Symbol, rep.Files[i].File = f.symbol, f.path
	}
	if readErr != nil {
		return nil, rep, readErr
	}
	for i, f := range files {
		series[i].Asset = market.Asset{Symbol: f.symbol, Class: class, TickSize: cfg.TickSize, LotSize: cfg.LotSize}
	}
	ds := &market.Dataset[N]{Frequency: opt.Frequency, Calendar: opt.CalendarName(), Series: series}
	if opt.Calendar == nil && opt.Location != nil && opt.Location != time.UTC {
		ds.TimeZone = opt.Location.String()
	}
	if err := ds.Validate(); err != nil {
		return nil, rep, err
	}
	return ds, rep, nil
}

// readFile opens and reads one file, gunzipping a .gz file.
func readFile[N numeric.Number[N]](ctx context.Context, path string, opt Options) (market.Series[N], FileReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return market.Series[N]{}, FileReport{File: path}, &ParseError{File: path, Err: err}
	}
	defer f.Close()
	var r io.Reader = f
	size := int64(-1)
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return market.Series[N]{}, FileReport{File: path}, &ParseError{File: path, Err: fmt.Errorf("gzip: %w", err)}
		}
		defer zr.Close()
		r, size = zr, size*gzipRatio
	}
	return readSeries[N](ctxReader{ctx, r}, path, opt, size)
}

// ctxReader stops a read once ctx is cancelled, with ctx's error.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

type symbolFile struct{ symbol, path string }

// extensions are the file name endings Dir is searched for, in order of
// preference.
var extensions = []string{".csv", ".txt", ".csv.gz", ".txt.gz"}

// files lists the files to read, sorted by symbol.
func (c Config) files() ([]symbolFile, error) {
	bySymbol := map[string]string{}
	for sym, path := range c.Files {
		bySymbol[sym] = path
	}
	if c.Dir != "" {
		entries, err := os.ReadDir(c.Dir)
		if err != nil {
			return nil, fmt.Errorf("csvsource: dir: %w", err)
		}
		found := map[string]string{}
		for _, e := range entries {
			if e.IsDir() {
				continue
			}
			name := e.Name()
			for _, ext := range extensions {
				if len(name) > len(ext) && strings.EqualFold(name[len(name)-len(ext):], ext) {
					sym := name[:len(name)-len(ext)]
					if prev, ok := found[sym]; ok {
						return nil, fmt.Errorf("csvsource: dir %s: symbol %q has two files, %s and %s", c.Dir, sym, prev, name)
					}
					found[sym] = name
					break
				}
			}
		}
		want := c.Symbols
		if len(want) == 0 {
			for sym := range found {
				want = append(want, sym)
			}
			if len(want) == 0 {
				return nil, fmt.Errorf("csvsource: dir %s: %w: no <SYMBOL>.csv or .txt file", c.Dir, ErrNoData)
			}
		}
		for _, sym := range want {
			name, ok := found[sym]
			if !ok {
				return nil, &ParseError{File: c.Dir, Field: "symbol", Value: sym,
					Err: fmt.Errorf("%w: no file %s.csv or %s.txt (optionally .gz) in the folder", ErrNoData, sym, sym)}
			}
			if prev, ok := bySymbol[sym]; ok {
				return nil, fmt.Errorf("csvsource: symbol %q is given twice: files has %s, dir has %s", sym, prev, name)
			}
			bySymbol[sym] = filepath.Join(c.Dir, name)
		}
	}
	out := make([]symbolFile, 0, len(bySymbol))
	for sym, path := range bySymbol {
		out = append(out, symbolFile{sym, path})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].symbol < out[j].symbol })
	if len(out) == 0 {
		return nil, errors.New("csvsource: no input files")
	}
	return out, nil
}
