package memlimit

import (
	"runtime/debug"
	"testing"
)

// gcSettings returns the collector's percent and memory limit without
// changing them.
func gcSettings() (int, int64) {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p, debug.SetMemoryLimit(-1)
}

func TestTuneGC(t *testing.T) {
	p0, l0 := gcSettings()
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	restore := TuneGC(Limit{Bytes: 3 << 30}, SweepGCPercent, env(nil))
	if p, l := gcSettings(); p != SweepGCPercent || l != 3<<30 {
		t.Errorf("tuned: percent %d limit %d, want %d and %d", p, l, SweepGCPercent, 3<<30)
	}
	restore()
	if p, l := gcSettings(); p != p0 || l != l0 {
		t.Errorf("restored: percent %d limit %d, want %d and %d", p, l, p0, l0)
	}
	for _, tt := range []struct {
		name string
		lim  Limit
		vars map[string]string
	}{
		{"no limit", Limit{}, nil},
		{"GOGC set", Limit{Bytes: 3 << 30}, map[string]string{"GOGC": "100"}},
		{"GOMEMLIMIT set", Limit{Bytes: 3 << 30}, map[string]string{"GOMEMLIMIT": "1GiB"}},
	} {
		restore := TuneGC(tt.lim, SweepGCPercent, env(tt.vars))
		if p, l := gcSettings(); p != p0 || l != l0 {
			t.Errorf("%s: percent %d limit %d changed (was %d and %d)", tt.name, p, l, p0, l0)
		}
		restore()
	}
}
