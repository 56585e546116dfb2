package memlimit

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"1000", 1000}, {"12GiB", 12 << 30}, {"12 gib", 12 << 30}, {"1.5GiB", 3 << 29}, {"500MB", 500 * 1000 * 1000},
		{"2g", 2 * 1000 * 1000 * 1000}, {"64KiB", 64 << 10}, {"1TiB", 1 << 40}, {"7B", 7}, {"0", 0},
	}
	for _, tc := range tests {
		got, err := ParseSize(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "GiB", "12 parsecs", "-5", "1e3", "+Inf", "NaN", "0x1p3", "9999999 TiB"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q): no error", bad)
		}
	}
}

// TestFormatSize reads back what it writes within its rounding: two
// significant digits at least, in the largest binary unit reached.
func TestFormatSize(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 1000 {
		n := rng.Int64N(1 << rng.IntN(62))
		s := FormatSize(n)
		back, err := ParseSize(s)
		if err != nil {
			t.Fatalf("FormatSize(%d) = %q, which ParseSize refuses: %v", n, s, err)
		}
		if d := float64(back-n) / float64(max(n, 1)); d > 0.05 || d < -0.05 {
			t.Errorf("FormatSize(%d) = %q, read back as %d: off by %.1f%%", n, s, back, d*100)
		}
	}
	for n, want := range map[int64]string{512: "512 B", 1536: "1.5 KiB", 41 << 30: "41 GiB", 2 << 30: "2 GiB"} {
		if got := FormatSize(n); got != want {
			t.Errorf("FormatSize(%s) = %q, want %q", strconv.FormatInt(n, 10), got, want)
		}
	}
}
