package cli

import (
	"fmt"
	"io/fs"
	"testing/fstest"

	"github.com/pennybt/penny/internal/memlimit"
)

// memoryText is the paragraph on --max-memory of the help of the
// commands that load data.
const memoryText = `--max-memory refuses (status 2, before loading anything) data whose
estimated memory is above SIZE (12GiB, 500MB), a PERCENT of the machine's
memory (the default, 75%: of MemAvailable or the cgroup's memory limit,
whichever is lower), or nothing with 0. The estimate is about twice what
the bars hold on each backend (asset-bars times 52 bytes on float and
fixed, 92 on decimal; the Go collector's room), and the message says what
would fit.
`

// memoryFlag adds --max-memory to fs.
func memoryFlag(fs *flagSet) *string {
	return fs.String("max-memory", memlimit.DefaultSpec, memlimit.FlagUsage)
}

// memoryLimit reads --max-memory's value from fs (parsed), the machine's
// memory from e's file system when it is a share.
func (e *env) memoryLimit(fs *flagSet, spec string) (memlimit.Limit, error) {
	return memlimit.ParseLimit(spec, fs.isSet("max-memory"), e.system())
}

// system returns the file system the machine's memory is read from
// (/proc and /sys): e.sysfs, or an empty one (the machine's memory
// unknown, so no limit by default) when a test gives none.
func (e *env) system() fs.FS {
	if e.sysfs == nil {
		return fstest.MapFS{}
	}
	return e.sysfs
}

// checkMemory tells on stderr and returns false when need is above the
// limit; an estimate that failed (err) is left to the loading to report.
func (e *env) checkMemory(prefix string, lim memlimit.Limit, need memlimit.Need, err error) bool {
	if err != nil {
		return true
	}
	if err := memlimit.Check(need, lim); err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", prefix, err)
		return false
	}
	return true
}
