package memlimit

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"time"
)

// footprints are made-up sizes of three backends (the real ones come
// from package runner, which tests them against measured heaps).
var footprints = []Footprint{{"float", 52, 640}, {"fixed", 52, 640}, {"decimal", 92, 640}}

// sessions returns n session dates from 2023-01-03, a day apart.
func sessions(n int) []time.Time {
	out := make([]time.Time, n)
	for i := range out {
		out[i] = time.Date(2023, 1, 3+i, 0, 0, 0, 0, time.UTC)
	}
	return out
}

func TestNeedBytes(t *testing.T) {
	d := Data{Assets: 10, Rows: 1000, Derived: 100, Transient: 7}
	one := func(f Footprint) int64 { return Headroom * (1100*f.Row + 10*f.Asset + 7) }
	if got, want := (Need{Data: d, Backends: footprints}).Bytes(), one(footprints[2]); got != want {
		t.Errorf("one at a time: %d, want the largest, %d", got, want)
	}
	if got, want := (Need{Data: d, Backends: footprints, AtOnce: true}).Bytes(), one(footprints[0])+one(footprints[1])+one(footprints[2]); got != want {
		t.Errorf("at once: %d, want the sum, %d", got, want)
	}
	huge := Need{Data: Data{Assets: 1 << 40, Rows: 1 << 61}, Backends: footprints, AtOnce: true}
	if huge.Bytes() <= 0 {
		t.Errorf("a need beyond int64 wrapped: %d", huge.Bytes())
	}
}

// TestCheckFits: what the message says would fit does fit, and a little
// more would not (the assets are rounded down to two digits).
func TestCheckFits(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	re := regexp.MustCompile(`; (?:(\d+) assets? \(data\.assets\))?(?: or )?(?:data\.end (\S+) \((\d+) of (\d+) sessions\))? would fit$`)
	for i := range 300 {
		nsess := 1 + rng.IntN(500)
		perSession := int64(1 + rng.IntN(400))
		assets := 1 + rng.IntN(200000)
		n := Need{Data: Data{Assets: assets, Rows: int64(assets) * int64(nsess) * perSession, Bars: int64(nsess) * perSession, Frequency: "minute",
			Transient: rng.Int64N(1 << 30), Sessions: sessions(nsess), AssetsKey: "data.assets", EndKey: "data.end"},
			Backends: footprints[:1+rng.IntN(3)], AtOnce: rng.IntN(2) == 0}
		lim := Limit{Bytes: 1 + rng.Int64N(n.Bytes())}
		err := Check(n, lim)
		if lim.Bytes >= n.Bytes() {
			continue
		}
		if err == nil {
			t.Fatalf("case %d: %d needed, limit %d: no error", i, n.Bytes(), lim.Bytes)
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, fmt.Sprintf("needs about %s for %d assets x %d minute bars on ", FormatSize(n.Bytes()), assets, n.Data.Bars)) {
			t.Fatalf("case %d: %s", i, msg)
		}
		if strings.HasSuffix(msg, "not one asset would fit") {
			one := n
			one.Data.Assets, one.Data.Rows, one.Data.Sessions = 1, n.Data.Bars/int64(nsess), nil
			if one.Bytes() <= lim.Bytes {
				t.Errorf("case %d: says not one asset fits, but one session of one asset needs %d of %d", i, one.Bytes(), lim.Bytes)
			}
			continue
		}
		m := re.FindStringSubmatch(msg)
		if m == nil {
			t.Fatalf("case %d: the message says nothing that fits: %s", i, msg)
		}
		if m[1] != "" {
			var a int
			fmt.Sscan(m[1], &a)
			fit := n
			fit.Data.Assets, fit.Data.Rows = a, int64(a)*int64(nsess)*perSession
			if fit.Bytes() > lim.Bytes {
				t.Errorf("case %d: %d assets said to fit need %d, above the limit %d", i, a, fit.Bytes(), lim.Bytes)
			}
			more := fit
			more.Data.Assets = roundUpNext(a)
			more.Data.Rows = int64(more.Data.Assets) * int64(nsess) * perSession
			if more.Data.Assets < assets && more.Bytes() <= lim.Bytes {
				t.Errorf("case %d: %d assets said to fit, but %d fit too", i, a, more.Data.Assets)
			}
		}
		if m[3] != "" {
			var k int
			fmt.Sscan(m[3], &k)
			if m[2] != n.Data.Sessions[k-1].Format(time.DateOnly) {
				t.Errorf("case %d: end %s is not session %d", i, m[2], k)
			}
			fit := n
			fit.Data.Rows = int64(assets) * int64(k) * perSession
			if fit.Bytes() > lim.Bytes {
				t.Errorf("case %d: %d sessions said to fit need %d, above the limit %d", i, k, fit.Bytes(), lim.Bytes)
			}
			fit.Data.Rows = int64(assets) * int64(k+1) * perSession
			if k+1 < nsess && fit.Bytes() <= lim.Bytes {
				t.Errorf("case %d: %d sessions said to fit, but %d fit too", i, k, k+1)
			}
		}
	}
}

// roundUpNext returns the next number of two significant digits above a.
func roundUpNext(a int) int {
	p := 1
	for a/p >= 100 {
		p *= 10
	}
	return (a/p + 1) * p
}

func TestCheckAdvice(t *testing.T) {
	n := Need{Data: Data{Assets: 100, Rows: 1e7, Bars: 1e5, Frequency: "minute", Sessions: sessions(10), EndKey: "data.end",
		Advice: "leave the scenario out (--scenario)"}, Backends: footprints, AtOnce: true}
	err := Check(n, Limit{Bytes: 1 << 20})
	if err == nil || !strings.HasSuffix(err.Error(), "on float, fixed and decimal held at once; the limit is 1 MiB (--max-memory); leave the scenario out (--scenario)") {
		t.Fatalf("Check: %v", err)
	}
	if err := Check(n, Limit{}); err != nil {
		t.Errorf("no limit: %v", err)
	}
	if err := Check(n, Limit{Bytes: n.Bytes()}); err != nil {
		t.Errorf("a limit of exactly the need: %v", err)
	}
}
