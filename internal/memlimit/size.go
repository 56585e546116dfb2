package memlimit

import (
	"fmt"
	"strconv"
	"strings"
)

// units are the suffixes ParseSize reads, longest first: binary (KiB to
// EiB) and decimal (KB to EB; K to E too) units.
var units = []struct {
	suffix string
	bytes  int64
}{
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"tib", 1 << 40}, {"pib", 1 << 50}, {"eib", 1 << 60},
	{"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9}, {"tb", 1e12}, {"pb", 1e15}, {"eb", 1e18},
	{"k", 1e3}, {"m", 1e6}, {"g", 1e9}, {"t", 1e12}, {"p", 1e15}, {"e", 1e18},
	{"b", 1},
}

// ParseSize reads a size in bytes: a number, optionally with a decimal
// fraction, and an optional unit (12GiB, 1.5 GB, 500MiB, 1000000).
func ParseSize(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range units {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.bytes
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || t == "" || strings.ContainsAny(t, "xXpPeEnNiI") {
		return 0, fmt.Errorf("%q is not a size (want a number of bytes with an optional unit: 12GiB, 500MB)", s)
	}
	if f < 0 {
		return 0, fmt.Errorf("%q: a size cannot be negative", s)
	}
	v := f * float64(mult)
	if v >= 1<<62 {
		return 0, fmt.Errorf("%q: above 4 EiB", s)
	}
	return int64(v), nil
}

// FormatSize writes n bytes in the largest binary unit it reaches, with
// two significant digits at least (512 B, 1.5 KiB, 41 GiB, 1.8 TiB).
func FormatSize(n int64) string {
	names := []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	f, i := float64(n), 0
	for f >= 1024 && i < len(names)-1 {
		f /= 1024
		i++
	}
	switch {
	case i == 0:
		return fmt.Sprintf("%d B", n)
	case f < 9.95:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", f), ".0") + " " + names[i]
	}
	return fmt.Sprintf("%.0f %s", f, names[i])
}
