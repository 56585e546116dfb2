package memlimit

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
)

// Machine is the memory the OS gives the process: the smaller of the
// memory available (or, failing that, installed) and its cgroup's limit.
// The zero Machine is one whose memory is unknown.
type Machine struct {
	// Bytes is the memory, 0 when unknown.
	Bytes int64
	// From says where Bytes comes from: "available" (MemAvailable),
	// "installed" (MemTotal) or "the cgroup's memory limit".
	From string
}

// String describes the machine's memory: "24 GiB available".
func (m Machine) String() string {
	if m.Bytes == 0 {
		return "the machine's memory, unknown"
	}
	if m.From == FromCgroup {
		return FormatSize(m.Bytes) + ", " + m.From
	}
	return FormatSize(m.Bytes) + " " + m.From
}

// Where a Machine's memory comes from.
const (
	FromAvailable = "available"
	FromInstalled = "installed"
	FromCgroup    = "the cgroup's memory limit"
)

// The files Read reads, relative to the root of its fs.FS.
const (
	meminfoFile = "proc/meminfo"
	cgroupFile  = "proc/self/cgroup"
	cgroupRoot  = "sys/fs/cgroup"
)

// unlimited is the least cgroup v1 limit read as none (an unlimited v1
// group reports 9223372036854771712, MaxInt64 rounded to a page).
const unlimited = 1 << 62

// Read reads the machine's memory from fsys, a file system rooted at /
// (os.DirFS("/")): /proc/meminfo's MemAvailable (MemTotal when the kernel
// has no MemAvailable), and the memory limit of the process's cgroups
// (/proc/self/cgroup names them: cgroup v2 memory.max under
// /sys/fs/cgroup, v1 memory.limit_in_bytes under /sys/fs/cgroup/memory,
// the tightest of the group and its parents). Files that are missing are
// skipped: with none, the Machine is zero. A file that is there and
// malformed is an error naming it.
func Read(fsys fs.FS) (Machine, error) {
	var m Machine
	if b, err := fs.ReadFile(fsys, meminfoFile); err == nil {
		avail, total, err := parseMeminfo(b)
		if err != nil {
			return Machine{}, fmt.Errorf("/%s: %w", meminfoFile, err)
		}
		switch {
		case avail > 0:
			m = Machine{Bytes: avail, From: FromAvailable}
		case total > 0:
			m = Machine{Bytes: total, From: FromInstalled}
		}
	}
	lim, err := cgroupLimit(fsys)
	if err != nil {
		return Machine{}, err
	}
	if lim > 0 && (m.Bytes == 0 || lim < m.Bytes) {
		m = Machine{Bytes: lim, From: FromCgroup}
	}
	return m, nil
}

// parseMeminfo returns MemAvailable and MemTotal in bytes (0 when
// absent).
func parseMeminfo(b []byte) (avail, total int64, err error) {
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		key, rest, ok := strings.Cut(sc.Text(), ":")
		if !ok || (key != "MemAvailable" && key != "MemTotal") {
			continue
		}
		f := strings.Fields(rest)
		if len(f) == 0 || len(f) > 2 || (len(f) == 2 && f[1] != "kB") {
			return 0, 0, fmt.Errorf("%s: %q is not a number of kB", key, strings.TrimSpace(rest))
		}
		kb, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil || kb < 0 || kb > unlimited>>10 {
			return 0, 0, fmt.Errorf("%s: %q is not a number of kB", key, strings.TrimSpace(rest))
		}
		if key == "MemAvailable" {
			avail = kb << 10
		} else {
			total = kb << 10
		}
	}
	return avail, total, sc.Err()
}

// cgroupLimit returns the tightest memory limit of the process's cgroups,
// 0 when none is set or readable.
func cgroupLimit(fsys fs.FS) (int64, error) {
	type group struct{ dir, file string }
	var groups []group
	if b, err := fs.ReadFile(fsys, cgroupFile); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			f := strings.SplitN(line, ":", 3)
			if len(f) != 3 {
				continue
			}
			switch {
			case f[0] == "0" && f[1] == "": // cgroup v2
				groups = append(groups, group{path.Join(cgroupRoot, f[2]), "memory.max"})
			case containsWord(f[1], "memory"): // cgroup v1
				groups = append(groups, group{path.Join(cgroupRoot, "memory", f[2]), "memory.limit_in_bytes"})
			}
		}
	}
	// The mounts' own roots too: in a container the group's path may be
	// one of the host's, and the container's limit is at the root.
	groups = append(groups, group{cgroupRoot, "memory.max"}, group{path.Join(cgroupRoot, "memory"), "memory.limit_in_bytes"})
	var min int64
	for _, g := range groups {
		for dir := g.dir; ; dir = path.Dir(dir) {
			name := path.Join(dir, g.file)
			b, err := fs.ReadFile(fsys, name)
			if err == nil {
				v, err := parseLimit(b)
				if err != nil {
					return 0, fmt.Errorf("/%s: %w", name, err)
				}
				if v > 0 && (min == 0 || v < min) {
					min = v
				}
			}
			if dir == cgroupRoot || !strings.HasPrefix(dir, cgroupRoot+"/") {
				break
			}
		}
	}
	return min, nil
}

// parseLimit reads a cgroup memory limit: bytes, or "max" (none, 0).
func parseLimit(b []byte) (int64, error) {
	s := strings.TrimSpace(string(b))
	if s == "max" {
		return 0, nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("%q is not a memory limit (bytes or max)", s)
	}
	if v >= unlimited {
		return 0, nil
	}
	return v, nil
}

func containsWord(list, word string) bool {
	for _, w := range strings.Split(list, ",") {
		if w == word {
			return true
		}
	}
	return false
}
