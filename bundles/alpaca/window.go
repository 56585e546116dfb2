package alpaca

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/pennybt/penny/internal/atomicfile"
)

// A window is one request of the download: a batch of symbols over one
// calendar month (cut to the requested dates), [Start, End) in the
// calendar's zone. Each window is written to its own staging file.
type window struct {
	ID      string // "b000-2024-01", "a000" for the corporate actions
	Symbols []string
	Month   string // "2024-01", or the dates of the actions' request
	Start   time.Time
	End     time.Time // exclusive
	// Actions marks a request of the batch's corporate actions over the
	// whole range (one per batch, after the bars).
	Actions bool
}

// plan splits the request into windows: months in the calendar's zone,
// and batches of at most BatchSize symbols; month by month, batches in
// order; then, when they are downloaded, the corporate actions of each
// batch over the whole range.
func plan(c Config, loc *time.Location) []window {
	first := dateIn(dateOf(c.Start), loc)
	stop := dateIn(dateOf(c.End), loc).AddDate(0, 0, 1) // exclusive
	var out []window
	for m := time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, loc); m.Before(stop); m = m.AddDate(0, 1, 0) {
		start, end := m, m.AddDate(0, 1, 0)
		if start.Before(first) {
			start = first
		}
		if end.After(stop) {
			end = stop
		}
		for b := 0; b*c.BatchSize < len(c.Symbols); b++ {
			syms := c.Symbols[b*c.BatchSize : min((b+1)*c.BatchSize, len(c.Symbols))]
			out = append(out, window{
				ID:      fmt.Sprintf("b%03d-%s", b, m.Format("2006-01")),
				Symbols: syms, Month: m.Format("2006-01"), Start: start, End: end,
			})
		}
	}
	if c.actions() {
		for b := 0; b*c.BatchSize < len(c.Symbols); b++ {
			out = append(out, window{
				ID: fmt.Sprintf("a%03d", b), Symbols: c.Symbols[b*c.BatchSize : min((b+1)*c.BatchSize, len(c.Symbols))],
				Month: dateOf(c.Start).Format(time.DateOnly) + ".." + dateOf(c.End).Format(time.DateOnly), Start: first, End: stop, Actions: true,
			})
		}
	}
	return out
}

// dateIn returns 00:00 in loc of the calendar date d (at 00:00 UTC).
func dateIn(d time.Time, loc *time.Location) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
}

// rawBar is one bar as the API sent it, stamped at its start, with its
// prices and volume as the shortest decimal text of the float64s the
// client library decoded.
type rawBar struct {
	Symbol                      string
	Start                       time.Time
	Open, High, Low, Close, Vol string
	line                        int // in the staging file, for errors
}

// Staging layout, inside the directory the caller provides.
const (
	progressFile = "progress.json"
	windowsDir   = "windows"
	windowMagic  = "penny-alpaca-window v1"
)

// progress is the record of a download: which request it is, and which
// windows are safely on disk.
type progress struct {
	Fingerprint string   `json:"fingerprint"`
	Windows     int      `json:"windows"`
	Done        []string `json:"done"`
}

func readProgress(dir string) (*progress, error) {
	b, err := os.ReadFile(filepath.Join(dir, progressFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var p progress
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrStaging, filepath.Join(dir, progressFile), err)
	}
	return &p, nil
}

func writeProgress(dir string, p *progress) error {
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(dir, progressFile), append(b, '\n'))
}

func windowPath(dir, id string) string { return filepath.Join(dir, windowsDir, id+".tsv") }

// encodeWindow writes a window's bars as text: a header line with the
// window's ID and bar count, then one tab-separated line per bar.
func encodeWindow(id string, bars []rawBar) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %s %d\n", windowMagic, id, len(bars))
	for _, r := range bars {
		b.WriteString(r.Symbol)
		b.WriteByte('\t')
		b.WriteString(r.Start.UTC().Format(time.RFC3339Nano))
		for _, f := range [...]string{r.Open, r.High, r.Low, r.Close, r.Vol} {
			b.WriteByte('\t')
			b.WriteString(f)
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// readWindow reads a staging file back, checking its header and count.
func readWindow(dir, id string) ([]rawBar, error) {
	path := windowPath(dir, id)
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrStaging, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	bad := func(line int, why string) error {
		return fmt.Errorf("%w: %s:%d: %s", ErrStaging, path, line, why)
	}
	if !sc.Scan() {
		return nil, bad(1, "empty")
	}
	var n int
	hdr := strings.TrimPrefix(sc.Text(), windowMagic+" "+id+" ")
	if hdr == sc.Text() {
		return nil, bad(1, "not a window file for "+id)
	}
	if n, err = strconv.Atoi(hdr); err != nil || n < 0 {
		return nil, bad(1, "bad bar count")
	}
	bars := make([]rawBar, 0, n)
	line := 1
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 7 {
			return nil, bad(line, fmt.Sprintf("%d fields, want 7", len(f)))
		}
		t, err := time.Parse(time.RFC3339Nano, f[1])
		if err != nil {
			return nil, bad(line, "bad time "+strconv.Quote(f[1]))
		}
		bars = append(bars, rawBar{Symbol: f[0], Start: t, Open: f[2], High: f[3], Low: f[4], Close: f[5], Vol: f[6], line: line})
	}
	if err := sc.Err(); err != nil {
		return nil, bad(line, err.Error())
	}
	if len(bars) != n {
		return nil, bad(line, fmt.Sprintf("%d bars, the header says %d (truncated)", len(bars), n))
	}
	return bars, nil
}
