package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Bundle lists the ingests of one bundle.
type Bundle struct {
	Name string
	// Ingests are oldest first.
	Ingests []IngestInfo
	// Partial reports an unfinished ingest (PartialDir) left by a failed
	// or interrupted attempt.
	Partial bool
	// Resumable reports that the unfinished ingest kept what it fetched
	// (its staging area is not empty): the same ingest run again resumes
	// from it. Sources that do not resume (synthetic, csv) keep nothing.
	Resumable bool
}

// IngestInfo describes one complete ingest.
type IngestInfo struct {
	// ID is the ingest directory name, which Load accepts.
	ID string
	// DiskSize is the size on disk of the whole ingest directory.
	DiskSize int64
	// Manifest is nil, and Err set, when the manifest cannot be read.
	Manifest *Manifest
	Err      error
}

// List returns the bundles under home, by name, each with its ingests.
// A home without bundles gives an empty list, not an error.
func List(home string) ([]Bundle, error) {
	entries, err := os.ReadDir(bundlesDir(home))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		return nil, fmt.Errorf("store: %w", err)
	}
	var out []Bundle
	for _, e := range entries {
		if !e.IsDir() || CheckName(e.Name()) != nil {
			continue
		}
		b := Bundle{Name: e.Name()}
		if st, err := os.Stat(partialDir(home, b.Name)); err == nil && st.IsDir() {
			b.Partial = true
			staged, _ := os.ReadDir(filepath.Join(partialDir(home, b.Name), StagingDir))
			b.Resumable = len(staged) > 0
		}
		ids, err := ingests(home, b.Name)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			dir := ingestDir(home, b.Name, id)
			info := IngestInfo{ID: id}
			info.Manifest, info.Err = readManifest(dir)
			info.DiskSize, _ = dirSize(dir)
			b.Ingests = append(b.Ingests, info)
		}
		if len(b.Ingests) > 0 || b.Partial {
			out = append(out, b)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			n += info.Size()
		}
		return nil
	})
	return n, err
}

// Clean removes all but the keepLast most recent ingests of bundle name,
// and the leftovers of an unfinished ingest. It returns the directory
// names removed ("" for the bundle's folder itself, removed when nothing
// is left in it). With keepLast 0 the whole bundle goes. It takes the
// bundle's lock, so it fails while an ingest of the bundle runs.
func Clean(home, name string, keepLast int) ([]string, error) {
	if err := CheckName(name); err != nil {
		return nil, err
	}
	if keepLast < 0 {
		return nil, fmt.Errorf("store: keep-last %d is negative", keepLast)
	}
	bdir := bundleDir(home, name)
	if _, err := os.Stat(bdir); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, &NoBundleError{Name: name, Dir: bundlesDir(home)}
		}
		return nil, fmt.Errorf("store: %w", err)
	}
	lk, err := lock(filepath.Join(bdir, lockFile), fmt.Sprintf("bundle %q", name))
	if err != nil {
		return nil, err
	}
	defer unlock(lk)
	ids, err := ingests(home, name)
	if err != nil {
		return nil, err
	}
	var removed []string
	if _, err := os.Stat(partialDir(home, name)); err == nil {
		if err := os.RemoveAll(partialDir(home, name)); err != nil {
			return removed, fmt.Errorf("store: %w", err)
		}
		removed = append(removed, PartialDir)
	}
	for _, id := range ids[:max(len(ids)-keepLast, 0)] {
		if err := os.RemoveAll(ingestDir(home, name, id)); err != nil {
			return removed, fmt.Errorf("store: %w", err)
		}
		removed = append(removed, id)
	}
	gone, err := removeIfEmpty(bdir)
	if err != nil {
		return removed, err
	}
	if gone {
		removed = append(removed, "")
	}
	return removed, nil
}

// removeIfEmpty removes the bundle folder bdir when nothing is left in it
// but the lock file (and hidden files), and reports whether it did. The
// caller holds the lock.
func removeIfEmpty(bdir string) (bool, error) {
	entries, err := os.ReadDir(bdir)
	if err != nil {
		return false, fmt.Errorf("store: %w", err)
	}
	for _, e := range entries {
		if e.Name() != lockFile && !strings.HasPrefix(e.Name(), ".") {
			return false, nil
		}
	}
	if err := os.RemoveAll(bdir); err != nil {
		return false, fmt.Errorf("store: %w", err)
	}
	return true, nil
}
