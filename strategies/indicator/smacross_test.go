package indicator

import (
	"math/rand/v2"
	"testing"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
)

func TestSMACross(t *testing.T) {
	backendtest.Run(t, testSMACrossByName)
}

// testSMACross checks SMACross against two separate SMAs compared by the
// crossing rule, on a random walk with runs of flat prices (exact ties).
//
//penny:backends
func testSMACross[N numeric.Number[N]](t *testing.T) {
	const fast, slow = 3, 7
	c, err := NewSMACross[N](fast, slow)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := NewSMA[N](fast)
	s, _ := NewSMA[N](slow)
	rng := rand.New(rand.NewPCG(3, 3))
	cents := int64(5000)
	sign, crossings := 0, 0
	for i := range 20000 {
		if i%50 >= 10 {
			cents += rng.Int64N(21) - 10
		}
		x := numeric.MustParse[N](numeric.FixedFromRaw(cents * 1e6).String())
		got := c.Update(x)
		f.Push(x)
		s.Push(x)
		want := 0
		if s.Ready() {
			// fast/3 vs slow/7, exactly in big terms: 7*fastSum vs 3*slowSum.
			d := f.Sum().Mul(numeric.Int[N](slow)).Cmp(s.Sum().Mul(numeric.Int[N](fast)))
			if d != 0 {
				if sign != 0 && sign != d {
					want = d
				}
				sign = d
			}
		}
		if got != want {
			t.Fatalf("update %d: got %d, want %d", i, got, want)
		}
		if got != 0 {
			crossings++
		}
	}
	if crossings < 100 {
		t.Fatalf("only %d crossings: the test proves little", crossings)
	}
	if _, err := NewSMACross[N](5, 5); err == nil {
		t.Fatal("fast == slow accepted")
	}
}

func TestSMACrosses(t *testing.T) {
	backendtest.Run(t, testSMACrossesByName)
}

// testSMACrosses: the detectors of NewSMACrosses, each fed its own random
// walk, give at every update what a detector of NewSMACross fed the same
// walk gives (their rings do not overlap), and they cost two allocations
// however many they are. Bad windows and a negative count are refused.
//
//penny:backends
func testSMACrosses[N numeric.Number[N]](t *testing.T) {
	const n, fast, slow = 4, 2, 5
	cs, err := NewSMACrosses[N](n, fast, slow)
	if err != nil || len(cs) != n {
		t.Fatalf("%d detectors, %v", len(cs), err)
	}
	var refs []*SMACross[N]
	var cents []int64
	for range n {
		r, _ := NewSMACross[N](fast, slow)
		refs = append(refs, r)
		cents = append(cents, 5000)
	}
	rng := rand.New(rand.NewPCG(5, 5))
	crossings := 0
	for i := range 3000 {
		for k := range cs {
			cents[k] += rng.Int64N(21) - 10
			x := numeric.MustParse[N](numeric.FixedFromRaw(cents[k] * 1e6).String())
			got, want := cs[k].Update(x), refs[k].Update(x)
			if got != want || cs[k].Sign() != refs[k].Sign() || cs[k].Ready() != refs[k].Ready() {
				t.Fatalf("update %d of detector %d: %d (sign %d), alone %d (sign %d)", i, k, got, cs[k].Sign(), want, refs[k].Sign())
			}
			if got != 0 {
				crossings++
			}
		}
	}
	if crossings < 100 {
		t.Fatalf("only %d crossings: the test proves little", crossings)
	}
	if f, s := cs[n-1].Periods(); f != fast || s != slow {
		t.Errorf("periods %d, %d", f, s)
	}
	if a := testing.AllocsPerRun(10, func() { cs, _ = NewSMACrosses[N](50, 20, 100) }); a != 2 {
		t.Errorf("NewSMACrosses of 50 allocated %v times, want 2", a)
	}
	for _, bad := range [][3]int{{-1, 2, 5}, {3, 5, 5}, {3, 0, 5}} {
		if _, err := NewSMACrosses[N](bad[0], bad[1], bad[2]); err == nil {
			t.Errorf("NewSMACrosses(%v) accepted", bad)
		}
	}
	if cs, err := NewSMACrosses[N](0, fast, slow); err != nil || len(cs) != 0 {
		t.Errorf("no detector: %d, %v", len(cs), err)
	}
}
