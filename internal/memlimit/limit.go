package memlimit

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"
)

// DefaultShare is the share of the machine's memory a command may use
// when --max-memory is not given: the estimate counts the collector's
// garbage already (see Headroom), the rest is for the runtime's own
// memory, the estimate's error and the other programs of the machine.
const DefaultShare = 75

// DefaultSpec is --max-memory's default.
const DefaultSpec = "75%"

// Flag is the name of the flag that sets the limit, as messages name it.
const Flag = "--max-memory"

// FlagUsage is the flag's help line.
const FlagUsage = "refuse, before loading, data estimated to need more memory than `SIZE` (12GiB, 500MB), a PERCENT of the machine's memory (the smaller of MemAvailable and the cgroup's limit), or 0 for no limit"

// Limit is the most memory a command may use, from --max-memory.
type Limit struct {
	// Bytes is the limit, 0 for none.
	Bytes int64
	// Share is the percentage of Machine the limit is (0 when a size was
	// given).
	Share float64
	// Machine is the machine's memory a Share is taken of.
	Machine Machine
	// Given is whether the flag was given (else the default applies).
	Given bool
}

// String describes the limit and where it comes from: "12 GiB
// (--max-memory, 50% of 24 GiB available)".
func (l Limit) String() string {
	if l.Bytes == 0 {
		return "none"
	}
	if l.Share == 0 {
		return FormatSize(l.Bytes) + " (" + Flag + ")"
	}
	how := Flag + " " + strconv.FormatFloat(l.Share, 'f', -1, 64) + "%"
	if !l.Given {
		how = Flag + " default " + strconv.FormatFloat(l.Share, 'f', -1, 64) + "%"
	}
	return fmt.Sprintf("%s (%s of %s)", FormatSize(l.Bytes), how, l.Machine)
}

// ParseLimit reads --max-memory's value: a size (ParseSize), a
// percentage of the machine's memory ("75%", read with Read from fsys
// only then), or "0" for no limit. given says whether the flag was given
// (the default is DefaultSpec). A percentage of a machine whose memory is
// unknown is no limit.
func ParseLimit(spec string, given bool, fsys fs.FS) (Limit, error) {
	s := strings.TrimSpace(spec)
	if pct, ok := strings.CutSuffix(s, "%"); ok {
		p, err := strconv.ParseFloat(strings.TrimSpace(pct), 64)
		if err != nil || p <= 0 || p > 100 || strings.ContainsAny(pct, "xXpPeEnNiI") {
			return Limit{}, fmt.Errorf("%s: %q: a percentage is above 0 and at most 100", Flag, spec)
		}
		m, err := Read(fsys)
		if err != nil {
			return Limit{}, fmt.Errorf("%s %s: reading the machine's memory: %w", Flag, spec, err)
		}
		return Limit{Bytes: int64(float64(m.Bytes) * p / 100), Share: p, Machine: m, Given: given}, nil
	}
	n, err := ParseSize(s)
	if err != nil {
		return Limit{}, fmt.Errorf("%s: %w", Flag, err)
	}
	return Limit{Bytes: n, Given: given}, nil
}
