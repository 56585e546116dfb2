package sweep

import (
	"fmt"
	"strconv"
	"strings"
)

// Shard is part I (0-based) of a sweep cut into N parts. Shard I of N
// holds the runs whose number j satisfies j mod N == I: a deterministic
// split in which the shards' sizes differ by at most one and each holds
// runs from the whole grid (neighbouring combinations, which often cost
// alike, go to different shards). The zero Shard is the whole sweep.
type Shard struct {
	Index, Count int
}

// ParseShard reads "I/N" (0 <= I < N).
func ParseShard(s string) (Shard, error) {
	is, ns, ok := strings.Cut(s, "/")
	if !ok {
		return Shard{}, fmt.Errorf("shard %q: want I/N, as 0/4 (shard I of N, counting from 0)", s)
	}
	i, err1 := strconv.Atoi(is)
	n, err2 := strconv.Atoi(ns)
	if err1 != nil || err2 != nil {
		return Shard{}, fmt.Errorf("shard %q: want I/N with whole numbers, as 0/4", s)
	}
	sh := Shard{Index: i, Count: n}
	return sh, sh.check()
}

// Validate reports a shard outside its count: N must be at least 1 and I
// in [0, N).
func (s Shard) Validate() error {
	if s == (Shard{}) {
		return nil
	}
	return s.check()
}

func (s Shard) check() error {
	switch {
	case s.Count < 1:
		return fmt.Errorf("shard %d/%d: the count must be at least 1", s.Index, s.Count)
	case s.Index < 0 || s.Index >= s.Count:
		return fmt.Errorf("shard %d/%d: the index must be in 0..%d (shards count from 0)", s.Index, s.Count, s.Count-1)
	}
	return nil
}

// String writes "I/N".
func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.Index, s.count()) }

// Name is the shard's folder name, "I-of-N".
func (s Shard) Name() string { return fmt.Sprintf("%d-of-%d", s.Index, s.count()) }

// count is N, 1 for the zero Shard.
func (s Shard) count() int { return max(s.Count, 1) }

// Len returns how many of total runs the shard holds.
func (s Shard) Len(total int64) int64 {
	n := int64(s.count())
	i := int64(s.Index)
	if i >= total {
		return 0
	}
	return (total-i-1)/n + 1
}

// At returns the run number of the shard's p-th run (0-based).
func (s Shard) At(p int64) int64 { return int64(s.Index) + p*int64(s.count()) }

// Owner returns the shard (of the same count) that holds run j.
func (s Shard) Owner(j int64) int { return int(j % int64(s.count())) }
