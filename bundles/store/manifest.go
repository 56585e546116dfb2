package store

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/market"
)

// FormatVersion is the version of the on-disk layout written by this
// package. Load reads it and format 1 (see the package documentation,
// "Formats"), and refuses any other.
const FormatVersion = 2

// oldestFormat is the oldest format version Load reads.
const oldestFormat = 1

// Manifest describes one ingest of a bundle: what it holds, where it came
// from, and the size and SHA-256 checksum of every file, which Load
// verifies. It is written as JSON beside the data (manifest.json).
type Manifest struct {
	Format     int       `json:"format"`
	Name       string    `json:"name"`
	IngestTime time.Time `json:"ingest_time"`
	// Source names the source ("synthetic", "csv", "alpaca") and Options
	// its options as given, for the record. Credentials never go here:
	// the sources hand over only their public options.
	Source    string            `json:"source"`
	Options   map[string]string `json:"options,omitempty"`
	Frequency market.Frequency  `json:"frequency"`
	Calendar  string            `json:"calendar"`
	// TimeZone is the zone of a "data" calendar's days ("" for UTC; see
	// market.Dataset.TimeZone).
	TimeZone string `json:"timezone,omitempty"`
	// Start and End are the first and last bars over every asset, as the
	// files hold them: session dates (at 00:00 UTC) for daily bars, the
	// start of the first and of the last bar for intraday ones. A format 1
	// manifest, which holds end-of-interval stamps, is read into the same
	// form.
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
	Rows    int64     `json:"rows"`
	Symbols []string  `json:"symbols"`
	Assets  []File    `json:"assets"`
	// Actions is the corporate actions table, when the ingest has one
	// (see SetActions and LoadActions).
	Actions *Actions `json:"actions,omitempty"`
	// Checksum is the SHA-256 of the manifest's every other field (see
	// the package documentation, "Verification"), which ReadManifest and
	// Load verify; empty in the manifests written before (see Sealed).
	Checksum string `json:"checksum,omitempty"`
}

// File describes one asset's Parquet file in a manifest.
type File struct {
	Symbol   string `json:"symbol"`
	Class    string `json:"class"`
	TickSize string `json:"tick_size,omitempty"`
	LotSize  string `json:"lot_size,omitempty"`
	// Path is relative to the ingest directory ("bars/AAPL.parquet").
	Path string `json:"path"`
	Rows int    `json:"rows"`
	// Start and End are the file's first and last bars, in the form of
	// the Manifest's.
	Start  time.Time `json:"start"`
	End    time.Time `json:"end"`
	Size   int64     `json:"size"`
	SHA256 string    `json:"sha256"`
	// Decimals is the scale of each price and volume column in the file
	// (its Parquet DECIMAL scale), keyed by field name.
	Decimals map[string]int `json:"decimals"`
}

// Size returns the total size of the data files in bytes.
func (m *Manifest) Size() int64 {
	var n int64
	for _, a := range m.Assets {
		n += a.Size
	}
	return n
}

// MaxDecimals returns the largest column scale in the bundle: the number
// of decimals a backend needs to load it exactly (Fixed holds 8).
func (m *Manifest) MaxDecimals() int {
	d := 0
	for _, a := range m.Assets {
		for _, s := range a.Decimals {
			d = max(d, s)
		}
	}
	return d
}

// ReadManifest reads the manifest of an ingest of bundle name: ingest is
// "" or "latest" for the latest, an ingest directory name, or an RFC 3339
// time.
func ReadManifest(home, name, ingest string) (*Manifest, error) {
	ing, err := resolveIngest(home, name, ingest)
	if err != nil {
		return nil, err
	}
	return readManifest(ingestDir(home, name, ing))
}

func readManifest(dir string) (*Manifest, error) {
	path := filepath.Join(dir, ManifestFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	m, err := decodeManifest(b)
	if err != nil {
		return nil, &CorruptError{Path: path, Reason: "corrupt manifest: " + err.Error()}
	}
	if m.Format < oldestFormat || m.Format > FormatVersion {
		return nil, fmt.Errorf("store: %s: format version %d, this penny reads versions %d to %d (re-ingest the bundle with this penny)",
			path, m.Format, oldestFormat, FormatVersion)
	}
	altered := false
	if m.Sealed() {
		sum, err := m.sum()
		if err != nil {
			return nil, err
		}
		altered = sum != m.Checksum
	}
	const edited = "checksum mismatch: the manifest was edited or damaged after it was written (its checksum covers every field; ingest the bundle again)"
	if err := m.validate(dir); err != nil {
		reason := "invalid manifest: "
		if altered {
			reason = "invalid manifest, and " + edited + ": "
		}
		return nil, &CorruptError{Path: path, Reason: reason + err.Error()}
	}
	if altered {
		return nil, &CorruptError{Path: path, Reason: edited}
	}
	if m.Format == 1 {
		if m.Source == "csv" && (m.Calendar == "data" || m.Calendar == "") {
			// Format 1 kept a data calendar's zone only in the options
			// of the CSV source.
			m.TimeZone = m.Options["tz"]
		}
		if err := m.labelRanges(); err != nil {
			return nil, fmt.Errorf("store: %s: format 1: %w (re-ingest the bundle)", path, err)
		}
	}
	return m, nil
}

// labelRanges rewrites the ranges of a format 1 manifest, end-of-interval
// stamps, as labels: session dates for daily bars, bar starts otherwise.
func (m *Manifest) labelRanges() error {
	_, loc, err := bundleCalendar(m.Calendar, m.TimeZone)
	if err != nil {
		return err
	}
	from, to := stampDate(m.Start.UnixNano(), loc), stampDate(m.End.UnixNano(), loc)
	t, err := newSessionTable(m.Calendar, m.TimeZone, m.Frequency, from, to)
	if err != nil {
		return err
	}
	label := func(at *time.Time) error {
		l, err := t.labels(nil, []int64{at.UnixNano()}, m.Name)
		if err != nil {
			return err
		}
		*at = t.labelTime(l[0])
		return nil
	}
	for _, at := range []*time.Time{&m.Start, &m.End} {
		if err := label(at); err != nil {
			return err
		}
	}
	for i := range m.Assets {
		for _, at := range []*time.Time{&m.Assets[i].Start, &m.Assets[i].End} {
			if err := label(at); err != nil {
				return err
			}
		}
	}
	return nil
}

// FormatTime writes a time of the manifest (Start, End, a file's Start
// or End) as people read it: a date (2006-01-02) for daily bars, an RFC
// 3339 instant otherwise.
func (m *Manifest) FormatTime(t time.Time) string {
	if m.Frequency == market.Daily {
		return t.UTC().Format(time.DateOnly)
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// dates returns the first and last session dates of the bundle (at 00:00
// UTC), from its Start and End.
func (m *Manifest) dates() (from, to time.Time, err error) {
	if m.Frequency == market.Daily {
		return m.Start, m.End, nil
	}
	_, loc, err := bundleCalendar(m.Calendar, m.TimeZone)
	if err != nil {
		return from, to, err
	}
	return calendar.Date(m.Start.In(loc)), calendar.Date(m.End.In(loc)), nil
}
