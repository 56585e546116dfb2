package synthetic

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/pennybt/penny/pkg/corpaction"
)

// Actions makes the generator produce corporate actions with the bars:
// splits and cash dividends at seeded dates, the bars raw (as traded)
// around them. The zero value generates none.
//
// Each asset has a second random stream, seeded like its bars' stream
// (from Config.Seed and its symbol), that draws its actions: so the bars
// draw the same random numbers with and without actions, and the
// split-adjusted series of a run with splits follows, to the tick, the
// series without them. Nothing happens at the first session (it has no
// previous close).
type Actions struct {
	// Splits is the expected number of splits per asset per year: each
	// session after the first has a split with probability Splits /
	// sessions per year. A split's ratio is 2:1 (60%), 3:2 or 3:1 (15%
	// each), or a 1:4 reverse split (10%). At most 4.
	Splits float64 `yaml:"splits"`
	// DividendYield is the mean annual cash dividend yield. Each asset
	// draws its own from [0, 2*DividendYield] and pays a quarter of it
	// every quarter (sessions per year / 4 sessions, from a seeded first
	// ex-date): the amount is yield/4 times the close before the ex-date,
	// rounded to a whole number of ticks (none when that is zero); the
	// pay date is 14 to 28 days after the ex-date, the record date the
	// ex-date. At most 0.2.
	DividendYield float64 `yaml:"dividend_yield"`
}

// IsZero reports whether a generates nothing.
func (a Actions) IsZero() bool { return a.Splits == 0 && a.DividendYield == 0 }

func (a Actions) validate() error {
	if !(a.Splits >= 0 && a.Splits <= 4) {
		return fmt.Errorf("synthetic: actions: splits %g outside [0, 4] per asset per year", a.Splits)
	}
	if !(a.DividendYield >= 0 && a.DividendYield <= 0.2) {
		return fmt.Errorf("synthetic: actions: dividend_yield %g outside [0, 0.2]", a.DividendYield)
	}
	return nil
}

// splitRatios are the ratios a split draws from, with their cumulative
// probabilities.
var splitRatios = []struct {
	cum   float64
	ratio corpaction.Ratio
}{{0.6, corpaction.Ratio{New: 2, Old: 1}}, {0.75, corpaction.Ratio{New: 3, Old: 2}}, {0.9, corpaction.Ratio{New: 3, Old: 1}}, {1, corpaction.Ratio{New: 1, Old: 4}}}

// planned is an action drawn for a session, before the walk: a split of
// ratio, a dividend of yield (annual; its amount depends on the close
// before it), or both are never on one session.
type planned struct {
	session, bar int
	split        corpaction.Ratio
	yield        float64
	payDays      int
}

// generated is an action as the walk applied it: a split, or a dividend
// of amount ticks per share.
type generated struct {
	session int
	split   corpaction.Ratio
	amount  int64
	payDays int
}

// actionStream returns the random stream of an asset's actions: another
// stream than its bars' (streamFor), from the same seed and symbol.
func actionStream(seed uint64, symbol string) *rand.Rand {
	return streamFor(splitmix(seed^0x6163_7469_6f6e_7321), symbol) // "actions!"
}

// plan draws an asset's actions over the schedule's sessions.
func (s *schedule) plan(rng *rand.Rand, a Actions, dst []planned) []planned {
	dst = dst[:0]
	if a.IsZero() {
		return dst
	}
	pSplit := a.Splits / s.perYear
	yield := a.DividendYield * 2 * rng.Float64()
	quarter := max(1, int(math.Round(s.perYear/4)))
	next := 1 + rng.IntN(quarter)
	for i := 1; i < len(s.first); i++ {
		// Three draws per session whatever happens, so that one action
		// does not shift the others.
		u, r, pay := rng.Float64(), rng.Float64(), 14+rng.IntN(15)
		p := planned{session: i, bar: s.first[i], payDays: pay}
		switch {
		case yield > 0 && i == next:
			next += quarter
			p.yield = yield
		case u < pSplit:
			for _, sr := range splitRatios {
				if r < sr.cum {
					p.split = sr.ratio
					break
				}
			}
		default:
			continue
		}
		dst = append(dst, p)
	}
	return dst
}
