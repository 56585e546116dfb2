package memlimit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestRead reads the machine's memory from the fake /proc and /sys of
// testdata: the smaller of MemAvailable (MemTotal on a kernel without
// it) and the tightest cgroup limit along the process's group.
func TestRead(t *testing.T) {
	const avail = 23078892 << 10 // testdata's MemAvailable, in bytes
	tests := []struct {
		dir  string
		want Machine
	}{
		{"v2", Machine{Bytes: 2 << 30, From: FromCgroup}},           // the job's 2 GiB under its parent's 3 GiB
		{"v1", Machine{Bytes: 512 << 20, From: FromCgroup}},         // memory:/jobs/42
		{"oldkernel", Machine{Bytes: 8 << 30, From: FromInstalled}}, // MemTotal
		{"unlimited", Machine{Bytes: avail, From: FromAvailable}},
		{"container", Machine{Bytes: 1 << 30, From: FromCgroup}}, // the group's path is the host's: the root's limit
	}
	for _, tc := range tests {
		t.Run(tc.dir, func(t *testing.T) {
			got, err := Read(os.DirFS(filepath.Join("testdata", tc.dir)))
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("Read = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestReadNothing: a system without /proc (not Linux) has no known
// memory, and a share of it is no limit.
func TestReadNothing(t *testing.T) {
	m, err := Read(fstest.MapFS{})
	if err != nil || m != (Machine{}) {
		t.Fatalf("Read(empty) = %+v, %v; want the zero Machine", m, err)
	}
	l, err := ParseLimit(DefaultSpec, false, fstest.MapFS{})
	if err != nil || l.Bytes != 0 {
		t.Fatalf("ParseLimit(%q) on an unknown machine = %+v, %v; want no limit", DefaultSpec, l, err)
	}
}

func TestReadMalformed(t *testing.T) {
	tests := []struct {
		name string
		fs   fstest.MapFS
		want string
	}{
		{"meminfo", fstest.MapFS{"proc/meminfo": {Data: []byte("MemTotal: lots kB\n")}}, `/proc/meminfo: MemTotal: "lots kB" is not a number of kB`},
		{"meminfo unit", fstest.MapFS{"proc/meminfo": {Data: []byte("MemAvailable: 12 MB\n")}}, `/proc/meminfo: MemAvailable: "12 MB"`},
		{"memory.max", fstest.MapFS{"proc/self/cgroup": {Data: []byte("0::/a\n")}, "sys/fs/cgroup/a/memory.max": {Data: []byte("-1\n")}},
			`/sys/fs/cgroup/a/memory.max: "-1" is not a memory limit`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(tc.fs)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Read: %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

// TestParseLimit reads --max-memory: a share of the machine's memory in
// testdata, a size, none.
func TestParseLimit(t *testing.T) {
	v2 := os.DirFS(filepath.Join("testdata", "v2"))
	tests := []struct {
		spec  string
		given bool
		bytes int64
		text  string
	}{
		{"75%", false, 3 << 29, "1.5 GiB (--max-memory default 75% of 2 GiB, the cgroup's memory limit)"},
		{"50%", true, 1 << 30, "1 GiB (--max-memory 50% of 2 GiB, the cgroup's memory limit)"},
		{"12.5 %", true, 256 << 20, "256 MiB (--max-memory 12.5% of 2 GiB, the cgroup's memory limit)"},
		{"8GiB", true, 8 << 30, "8 GiB (--max-memory)"},
		{"500MB", true, 500e6, "477 MiB (--max-memory)"},
		{"0", true, 0, "none"},
	}
	for _, tc := range tests {
		t.Run(tc.spec, func(t *testing.T) {
			l, err := ParseLimit(tc.spec, tc.given, v2)
			if err != nil {
				t.Fatal(err)
			}
			if l.Bytes != tc.bytes || l.String() != tc.text {
				t.Errorf("ParseLimit(%q) = %d %q, want %d %q", tc.spec, l.Bytes, l, tc.bytes, tc.text)
			}
		})
	}
	for _, bad := range []string{"", "lots", "0%", "101%", "-1GiB", "1e9", "inf", "nan%", "0x10", "5 EiB"} {
		if _, err := ParseLimit(bad, true, v2); err == nil || !strings.Contains(err.Error(), "--max-memory") {
			t.Errorf("ParseLimit(%q): %v, want an error naming --max-memory", bad, err)
		}
	}
}
