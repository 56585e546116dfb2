package sweep

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/pennybt/penny/internal/atomicfile"
)

// folders returns the partial and final folders of the shard: for the
// whole sweep, OUT/.partial and OUT; for shard I of N,
// OUT/shards/.I-of-N.partial and OUT/shards/I-of-N.
func (s *sweep) folders() (partial, final string) {
	if s.opts.Shard.count() == 1 {
		return filepath.Join(s.opts.Out, ".partial"), s.opts.Out
	}
	name := s.opts.Shard.Name()
	return filepath.Join(s.opts.Out, "shards", "."+name+".partial"), filepath.Join(s.opts.Out, "shards", name)
}

// manifest returns the shard's manifest.
func (s *sweep) manifest(complete bool) Manifest {
	return Manifest{
		Version:    s.opts.Meta.Version,
		ConfigHash: s.opts.Meta.Hash(),
		ConfigDir:  s.opts.Meta.ConfigDir,
		Shard:      s.opts.Shard.Index,
		Shards:     s.opts.Shard.count(),
		Runs:       s.runs,
		Backends:   s.names,
		Columns:    s.layout.header(),
		Complete:   complete,
	}
}

// checkManifest reports a folder written by another sweep or shard.
func (s *sweep) checkManifest(dir string) error {
	m, err := ReadManifest(dir)
	if err != nil {
		return &InputError{fmt.Errorf("sweep: %s cannot be resumed: %w", dir, err)}
	}
	want := s.manifest(false)
	if d := want.differs(m); d != "" {
		return &InputError{fmt.Errorf("sweep: %s cannot be resumed by this sweep: %s", dir, d)}
	}
	if m.Shard != want.Shard || m.Shards != want.Shards {
		return &InputError{fmt.Errorf("sweep: %s holds shard %d/%d, not %s", dir, m.Shard, m.Shards, s.opts.Shard)}
	}
	return nil
}

// runFiles runs the shard into its folders.
func (s *sweep) runFiles(ctx context.Context) error {
	partial, final := s.folders()
	finalResults := filepath.Join(final, resultsName)
	if s.opts.Resume {
		if _, err := os.Stat(partial); os.IsNotExist(err) {
			if m, err := ReadManifest(final); err == nil && m.Complete {
				// Finished before: read its rows back.
				if err := s.checkManifest(final); err != nil {
					return err
				}
				n, err := s.readBack(finalResults)
				s.res.Resumed = n
				return err
			}
		}
	} else if _, err := os.Stat(partial); err == nil {
		return &InputError{fmt.Errorf("sweep: %s holds an interrupted sweep: resume it (--resume) or remove it", partial)}
	}

	var w *resultsWriter
	var start int64
	pending := map[int64]Row{}
	if _, err := os.Stat(partial); err == nil {
		if err := s.checkManifest(partial); err != nil {
			return err
		}
		var size int64
		var err error
		start, size, err = s.resume(filepath.Join(partial, resultsName), pending)
		if err != nil {
			return err
		}
		if w, err = appendResults(filepath.Join(partial, resultsName), size, s.layout); err != nil {
			return err
		}
	} else {
		if err := os.MkdirAll(partial, 0o755); err != nil {
			return err
		}
		if err := writeManifest(partial, s.manifest(false)); err != nil {
			return err
		}
		if err := writeFileAtomic(filepath.Join(partial, configName), s.opts.Meta.Config); err != nil {
			return err
		}
		var err error
		if w, err = createResults(filepath.Join(partial, resultsName), s.layout); err != nil {
			return err
		}
	}
	p := s.newPool(start, pending, func(_ int64, r *Row) error {
		if err := w.write(r); err != nil {
			return fmt.Errorf("sweep: writing %s: %w", filepath.Join(partial, resultsName), err)
		}
		s.accept(r)
		return nil
	})
	err := interrupted(ctx, p.run(ctx))
	if cerr := w.close(); err == nil && cerr != nil {
		err = fmt.Errorf("sweep: writing %s: %w", filepath.Join(partial, resultsName), cerr)
	}
	if err != nil {
		return err
	}
	if err := writeManifest(partial, s.manifest(true)); err != nil {
		return err
	}
	if s.opts.Shard.count() > 1 {
		if err := os.RemoveAll(final); err != nil {
			return err
		}
		if err := os.Rename(partial, final); err != nil {
			return err
		}
		return atomicfile.SyncDir(filepath.Dir(final))
	}
	// The manifest last: a folder whose sweep.json says complete has its
	// results.
	for _, name := range []string{configName, resultsName, manifestName} {
		if err := os.Rename(filepath.Join(partial, name), filepath.Join(final, name)); err != nil {
			return err
		}
	}
	if err := atomicfile.SyncDir(final); err != nil {
		return err
	}
	return os.RemoveAll(partial)
}

// readBack feeds the rows of a finished results file to the collector.
func (s *sweep) readBack(path string) (int64, error) {
	r, err := openResults(path, s.layout)
	if err != nil {
		return 0, err
	}
	defer r.close()
	var n int64
	for {
		_, row, err := r.next()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		s.coll.add(&row)
		n++
	}
}

// resume reads the rows of an interrupted shard's results file: the rows
// of its first jobs, without a gap, are kept in the file and counted;
// rows after a gap (runs that finished while an earlier one was stopped)
// are handed back as pending, to be written again in order; a record
// torn by a kill is dropped. It returns the first job to run and the
// size the file keeps.
func (s *sweep) resume(path string, pending map[int64]Row) (start, size int64, err error) {
	r, err := openResults(path, s.layout)
	if err != nil {
		return 0, 0, err
	}
	defer r.close()
	size = r.offset()
	last := int64(-1)
	for {
		_, row, err := r.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if r.offset() < r.size {
				return 0, 0, err // a bad record in the middle is not a torn write
			}
			break // a torn last record: dropped
		}
		if !r.whole() {
			break
		}
		j := s.jobOf(&row)
		if j < 0 || j <= last {
			return 0, 0, fmt.Errorf("%s: row for index %d (backend %s) is not this shard's next", path, row.Trial, row.Backend)
		}
		last = j
		if j == start && len(pending) == 0 {
			s.coll.add(&row)
			s.res.Resumed++
			start++
			size = r.offset()
			continue
		}
		pending[j] = row
	}
	return start, size, nil
}
