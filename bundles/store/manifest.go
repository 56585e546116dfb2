package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/pennybt/penny/pkg/market"
)

// FormatVersion is the version of the on-disk layout written by this
// package. Load refuses manifests of another version.
const FormatVersion = 1

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
	// Start and End are the first and last bar stamps over every asset.
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
	Rows    int64     `json:"rows"`
	Symbols []string  `json:"symbols"`
	Assets  []File    `json:"assets"`
	// Actions is the corporate actions table, when the ingest has one
	// (see SetActions and LoadActions).
	Actions *Actions `json:"actions,omitempty"`
}

// File describes one asset's Parquet file in a manifest.
type File struct {
	Symbol   string `json:"symbol"`
	Class    string `json:"class"`
	TickSize string `json:"tick_size,omitempty"`
	LotSize  string `json:"lot_size,omitempty"`
	// Path is relative to the ingest directory ("bars/AAPL.parquet").
	Path   string    `json:"path"`
	Rows   int       `json:"rows"`
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
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var m Manifest
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("store: %s: corrupt manifest: %w", path, err)
	}
	if m.Format != FormatVersion {
		return nil, fmt.Errorf("store: %s: format version %d, this penny reads version %d", path, m.Format, FormatVersion)
	}
	for _, a := range m.Assets {
		if a.Path == "" || filepath.IsAbs(a.Path) || !filepath.IsLocal(a.Path) {
			return nil, fmt.Errorf("store: %s: asset %q has an invalid path %q", path, a.Symbol, a.Path)
		}
	}
	if a := m.Actions; a != nil && (a.Path == "" || filepath.IsAbs(a.Path) || !filepath.IsLocal(a.Path)) {
		return nil, fmt.Errorf("store: %s: the actions table has an invalid path %q", path, a.Path)
	}
	return &m, nil
}
