package sweep

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/pennybt/penny/internal/atomicfile"
)

// Manifest describes a results folder (a sweep's, or one shard's): what
// produced it, so that a merge or a resume refuses folders that do not
// belong together.
type Manifest struct {
	// Version is the Penny version that wrote the rows.
	Version string `json:"penny_version"`
	// ConfigHash is the SHA-256 of the config (Meta.Config), hex.
	ConfigHash string `json:"config_sha256"`
	// ConfigDir is the folder the config's relative paths resolve
	// against.
	ConfigDir string `json:"config_dir,omitempty"`
	// Shard and Shards are this folder's shard (0 of 1 for a whole
	// sweep).
	Shard  int `json:"shard"`
	Shards int `json:"shards"`
	// Runs is the number of runs of the whole sweep (combinations, times
	// folds for a walk-forward); each has a row per backend.
	Runs     int64    `json:"runs"`
	Backends []string `json:"backends"`
	// Columns is the header of results.csv.
	Columns []string `json:"columns"`
	// Complete is set once every row of the folder is written.
	Complete bool `json:"complete"`
}

// Meta is what a sweep's folders record of their origin.
type Meta struct {
	// Version is the Penny version (the penny command's build).
	Version string
	// Config is the text of the config the sweep comes from, and
	// ConfigDir the folder its relative paths resolve against; the
	// folders keep a copy (config.yaml) and its hash.
	Config    []byte
	ConfigDir string
}

// Hash returns the hex SHA-256 of the config text.
func (m Meta) Hash() string {
	h := sha256.Sum256(m.Config)
	return hex.EncodeToString(h[:])
}

const (
	manifestName = "sweep.json"
	configName   = "config.yaml"
	resultsName  = "results.csv"
)

// ReadManifest reads the sweep.json of a folder.
func ReadManifest(dir string) (Manifest, error) {
	var m Manifest
	b, err := os.ReadFile(filepath.Join(dir, manifestName))
	if err != nil {
		return m, err
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(&m); err != nil {
		return m, fmt.Errorf("%s: %w", filepath.Join(dir, manifestName), err)
	}
	return m, nil
}

// writeManifest writes sweep.json into dir atomically.
func writeManifest(dir string, m Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(dir, manifestName), append(b, '\n'))
}

// same reports the first difference between two manifests that makes
// their folders unmergeable, or "".
func (m Manifest) differs(o Manifest) string {
	switch {
	case m.ConfigHash != o.ConfigHash:
		return fmt.Sprintf("they come from different configs (sha256 %.12s and %.12s)", m.ConfigHash, o.ConfigHash)
	case m.Version != o.Version:
		return fmt.Sprintf("they were written by different Penny versions (%s and %s)", m.Version, o.Version)
	case m.Runs != o.Runs:
		return fmt.Sprintf("they count different runs (%d and %d)", m.Runs, o.Runs)
	case !slices.Equal(m.Backends, o.Backends):
		return fmt.Sprintf("they run different backends (%v and %v)", m.Backends, o.Backends)
	case !slices.Equal(m.Columns, o.Columns):
		return "their results.csv have different columns"
	}
	return ""
}

// writeFileAtomic writes a file under a temporary name in its folder,
// flushes it to disk and renames it into place.
func writeFileAtomic(path string, data []byte) error {
	if err := atomicfile.WriteFile(path, data); err != nil {
		return fmt.Errorf("sweep: %w", err)
	}
	return nil
}
