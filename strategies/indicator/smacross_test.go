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
