package sweep

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Shards is a checked set of shard folders: every shard of one count,
// each written completely, all from one config and one Penny version.
type Shards struct {
	// Manifest is the shards' common manifest (Shard is 0).
	Manifest Manifest
	// Config is the text of the config the shards ran.
	Config []byte
	// Dirs are the shard folders, by shard.
	Dirs []string
}

var shardName = regexp.MustCompile(`^(\d+)-of-(\d+)$`)
var partialName = regexp.MustCompile(`^\.(\d+)-of-(\d+)\.partial$`)

// CheckShards checks the shard folders of OUT/shards without writing
// anything: every shard of the count present exactly once and complete,
// their manifests agreeing (config hash, Penny version, runs, backends,
// columns). Errors name the missing, unfinished, duplicated or
// mismatched shards.
func CheckShards(out string) (*Shards, error) {
	set, err := checkShards(out)
	if err != nil {
		return nil, &InputError{err}
	}
	return set, nil
}

func checkShards(out string) (*Shards, error) {
	root := filepath.Join(out, "shards")
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, fmt.Errorf("sweep: no shards to merge: %w", err)
	}
	counts := map[int][]string{}
	partial := map[string]bool{}
	for _, e := range entries {
		if m := shardName.FindStringSubmatch(e.Name()); m != nil && e.IsDir() {
			n, _ := strconv.Atoi(m[2])
			counts[n] = append(counts[n], e.Name())
		}
		if m := partialName.FindStringSubmatch(e.Name()); m != nil {
			partial[m[1]+"-of-"+m[2]] = true
		}
	}
	if len(counts) == 0 {
		if len(partial) > 0 {
			return nil, fmt.Errorf("sweep: %s: no shard has finished", root)
		}
		return nil, fmt.Errorf("sweep: %s holds no shard folder (I-of-N)", root)
	}
	if len(counts) > 1 {
		var ns []string
		for n := range counts {
			ns = append(ns, strconv.Itoa(n))
		}
		slices.Sort(ns)
		return nil, fmt.Errorf("sweep: %s holds shards of different counts (%s): remove the folders of the other sweeps", root, strings.Join(ns, " and "))
	}
	var n int
	for k := range counts {
		n = k
	}
	set := &Shards{Dirs: make([]string, n)}
	var missing, unfinished []string
	var first *Manifest
	var firstDir string
	for i := range n {
		name := fmt.Sprintf("%d-of-%d", i, n)
		dir := filepath.Join(root, name)
		m, err := ReadManifest(dir)
		switch {
		case errors.Is(err, os.ErrNotExist) && partial[name]:
			unfinished = append(unfinished, fmt.Sprintf("%d/%d", i, n))
			continue
		case errors.Is(err, os.ErrNotExist):
			missing = append(missing, fmt.Sprintf("%d/%d", i, n))
			continue
		case err != nil:
			return nil, err
		case !m.Complete:
			unfinished = append(unfinished, fmt.Sprintf("%d/%d", i, n))
			continue
		case m.Shard != i || m.Shards != n:
			return nil, fmt.Errorf("sweep: %s holds shard %d/%d: shard %d/%d is duplicated and %d/%d missing", dir, m.Shard, m.Shards, m.Shard, m.Shards, i, n)
		}
		if first == nil {
			first, firstDir = &m, dir
		} else if d := first.differs(m); d != "" {
			return nil, fmt.Errorf("sweep: %s and %s cannot be merged: %s", firstDir, dir, d)
		}
		set.Dirs[i] = dir
	}
	var problems []string
	if len(missing) > 0 {
		problems = append(problems, "missing shard "+strings.Join(missing, ", "))
	}
	if len(unfinished) > 0 {
		problems = append(problems, "unfinished shard "+strings.Join(unfinished, ", ")+" (run it again with --resume)")
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("sweep: %s: %s", root, strings.Join(problems, "; "))
	}
	set.Manifest = *first
	set.Manifest.Shard = 0
	set.Config, err = os.ReadFile(filepath.Join(set.Dirs[0], configName))
	if err != nil {
		return nil, err
	}
	return set, nil
}

// Merge merges the shards of OUT/shards (see CheckShards) into
// OUT/results.csv, the same file byte for byte as a one-process sweep
// writes, checking that every run's rows are present exactly once (in the
// shard that owns the run), and finishes the sweep as Run does:
// results.parquet, best/ or walkforward/. spec, opts and backends are
// those of the sweep (opts.Out is OUT; opts.Shard must be zero); the
// shards' manifests must match them.
func Merge(ctx context.Context, spec Spec, opts Options, backends ...Backend) (*Result, error) {
	if opts.Out == "" {
		return nil, &InputError{fmt.Errorf("sweep: merge: no folder")}
	}
	if opts.Shard != (Shard{}) {
		return nil, &InputError{fmt.Errorf("sweep: merge: a merge is of every shard")}
	}
	s, err := prepare(spec, opts, backends)
	if err != nil {
		return nil, &InputError{err}
	}
	set, err := CheckShards(opts.Out)
	if err != nil {
		return nil, err
	}
	want := s.manifest(true)
	if d := want.differs(set.Manifest); d != "" {
		return nil, &InputError{fmt.Errorf("sweep: the shards of %s are not of this sweep: %s", opts.Out, d)}
	}
	if err := s.merge(set); err != nil {
		return s.res, err
	}
	s.res.Rows = s.coll.rows
	if err := s.finish(ctx, opts.Out); err != nil {
		return s.res, err
	}
	s.res.Rankings = s.coll.rankings()
	return s.res, nil
}

// merge writes OUT/results.csv from the shards: run r's rows come from
// shard r mod N, in backend order.
func (s *sweep) merge(set *Shards) error {
	n := int64(len(set.Dirs))
	readers := make([]*resultsReader, n)
	for i, dir := range set.Dirs {
		r, err := openResults(filepath.Join(dir, resultsName), s.layout)
		if err != nil {
			return err
		}
		defer r.close()
		readers[i] = r
	}
	out := s.opts.Out
	f, err := os.CreateTemp(out, ".results.csv.tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_ = f.Close()
	defer os.Remove(tmp)
	w, err := createResults(tmp, s.layout)
	if err != nil {
		return err
	}
	b := int64(len(s.backends))
	for run := int64(0); run < s.runs; run++ {
		sh := run % n
		for k := int64(0); k < b; k++ {
			rec, row, err := readers[sh].next()
			want := run*b + k
			if err == io.EOF {
				w.abort()
				return fmt.Errorf("sweep: %s ends before index %d (backend %s): rows are missing", set.Dirs[sh], s.trialOf(run), s.names[k])
			}
			if err != nil {
				w.abort()
				return err
			}
			if got := s.rowKey(&row); got != want {
				w.abort()
				what := "missing"
				if got < want {
					what = "duplicated"
				}
				return fmt.Errorf("sweep: %s: expected index %d (backend %s), found index %d (backend %s): a row is %s",
					set.Dirs[sh], s.trialOf(run), s.names[k], row.Trial, row.Backend, what)
			}
			if err := w.writeRecord(rec); err != nil {
				w.abort()
				return err
			}
			s.coll.add(&row)
		}
	}
	for i, r := range readers {
		if _, row, err := r.next(); err != io.EOF {
			w.abort()
			if err != nil {
				return err
			}
			return fmt.Errorf("sweep: %s holds a row past the sweep's (index %d, backend %s): rows are duplicated", set.Dirs[i], row.Trial, row.Backend)
		}
	}
	if err := w.close(); err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(out, configName), set.Config); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(out, resultsName)); err != nil {
		return err
	}
	return writeManifest(out, s.manifest(true)) // syncs the folder
}

// trialOf returns the trial of a run (its index column).
func (s *sweep) trialOf(run int64) int64 { return run % s.space.Trials() }
