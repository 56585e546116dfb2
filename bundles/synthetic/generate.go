package synthetic

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/pennybt/penny/internal/parallel"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/corpaction"
	"github.com/pennybt/penny/pkg/market"
)

// Generate builds the dataset cfg describes, after validating cfg. It is
// deterministic: the bars of an asset depend only on the seed, the
// asset's symbol and the schedule (calendar, frequency, dates, ranges),
// not on the other assets nor on N. Assets are generated in parallel, one
// goroutine per core. The dataset is normalized (series in symbol order,
// Asset.ID set) and every series satisfies market.Series.Validate.
//
// Prices are whole numbers of ticks, converted to N exactly: Fixed and
// Decimal datasets hold the same decimals digit for digit, Float the
// nearest float64 to each.
//
// A config with Actions is refused: its bars are raw, and without their
// actions a split would look like a crash. Use GenerateWithActions.
func Generate[N numeric.Number[N]](cfg Config) (*market.Dataset[N], error) {
	if !cfg.Actions.IsZero() {
		return nil, fmt.Errorf("synthetic: the config generates corporate actions: use GenerateWithActions, which returns them with the bars they apply to")
	}
	ds, _, err := GenerateWithActions[N](cfg)
	return ds, err
}

// GenerateWithActions is Generate for a config with Actions: it returns
// the raw bars and the corporate actions that apply to them (none when
// cfg.Actions is zero), sorted as corpaction.Sort sorts them, each
// dated at its session and from origin "synthetic". Dividend amounts are
// whole numbers of ticks, exact in every backend.
func GenerateWithActions[N numeric.Number[N]](cfg Config) (*market.Dataset[N], []corpaction.Action[N], error) {
	return GenerateContext[N](context.Background(), cfg)
}

// GenerateContext is GenerateWithActions stopped by ctx: once ctx is
// cancelled no further asset is generated, and it returns ctx's error.
func GenerateContext[N numeric.Number[N]](ctx context.Context, cfg Config) (*market.Dataset[N], []corpaction.Action[N], error) {
	r, err := cfg.resolve()
	if err != nil {
		return nil, nil, err
	}
	clk, err := clock.New(r.cal, r.frequency, cfg.Start, cfg.End)
	if err != nil {
		return nil, nil, fmt.Errorf("synthetic: %w", err)
	}
	sch := newSchedule(clk, r.cal, cfg.Start)
	series := make([]market.Series[N], len(r.symbols))
	acts := make([][]corpaction.Action[N], len(r.symbols))
	// One walker per goroutine: its columns are reused from one asset to
	// the next. Generating cannot fail; only ctx stops it.
	err = parallel.ForEach(ctx, len(series), 0,
		func() *walker { return newWalker(sch, cfg, r.tick) },
		func(_ context.Context, w *walker, i int) error {
			sym := r.symbols[i]
			w.plan = sch.plan(actionStream(cfg.Seed, sym), cfg.Actions, w.plan)
			w.walk(streamFor(cfg.Seed, sym))
			s := &series[i]
			s.Asset = market.Asset{Symbol: sym, Class: r.class, TickSize: r.tick.String(), LotSize: r.lot}
			s.Time = append([]int64(nil), sch.times...)
			s.Open = prices[N](w.open, r.tick)
			s.High = prices[N](w.high, r.tick)
			s.Low = prices[N](w.low, r.tick)
			s.Close = prices[N](w.close, r.tick)
			s.Volume = prices[N](w.volume, tick{units: 1})
			acts[i] = actions[N](w.done, sym, sch, r.tick)
			return nil
		})
	if err != nil {
		return nil, nil, fmt.Errorf("synthetic: %w", err)
	}
	ds := &market.Dataset[N]{Frequency: r.frequency, Calendar: r.cal.Name(), Series: series}
	if err := ds.Normalize(); err != nil {
		return nil, nil, fmt.Errorf("synthetic: %w", err)
	}
	var all []corpaction.Action[N]
	for _, as := range acts {
		all = append(all, as...)
	}
	corpaction.Sort(all)
	return ds, all, nil
}

// actions converts the actions a walk applied to N.
func actions[N numeric.Number[N]](done []generated, symbol string, sch *schedule, t tick) []corpaction.Action[N] {
	if len(done) == 0 {
		return nil
	}
	ticks := make([]int64, len(done))
	for i, g := range done {
		ticks[i] = g.amount
	}
	amounts := prices[N](ticks, t)
	out := make([]corpaction.Action[N], len(done))
	for i, g := range done {
		a := corpaction.Action[N]{Type: corpaction.Split, Symbol: symbol, Date: sch.dates[g.session], Ratio: g.split,
			Origin: corpaction.Origin{File: "synthetic"}}
		if g.amount > 0 {
			a.Type, a.Ratio, a.Amount = corpaction.CashDividend, corpaction.Ratio{}, amounts[i]
			a.RecordDate, a.PayDate = a.Date, a.Date.AddDate(0, 0, g.payDays)
		}
		out[i] = a
	}
	return out
}

// walker generates one asset at a time into its own columns of ticks.
type walker struct {
	sch                            *schedule
	cfg                            Config
	tick                           float64
	inv                            float64 // 1 / tick
	maxTicks                       int64
	open, high, low, close, volume []int64
	// plan is the asset's actions drawn before the walk; done those the
	// walk applied (a dividend too small for a tick is not paid).
	plan []planned
	done []generated
}

func newWalker(sch *schedule, cfg Config, t tick) *walker {
	n := len(sch.times)
	return &walker{
		sch: sch, cfg: cfg, tick: t.float(), inv: 1 / t.float(), maxTicks: t.maxTicks(),
		open: make([]int64, n), high: make([]int64, n), low: make([]int64, n), close: make([]int64, n), volume: make([]int64, n),
	}
}

// maxVolume bounds a bar's volume: whole and exact in every backend.
const maxVolume = 90_000_000_000

// walk draws the asset's parameters and its bars. The price follows a
// geometric random walk: over bar k the log price moves by
// (mu - sigma^2/2) dt + sigma sqrt(dt) Z, dt the bar's year fraction; a
// session after a closed market opens with a gap. The high and the low
// reach past the larger and the smaller of open and close by a factor
// 1 + sigma sqrt(dt) |Z| / 2. The volume is the asset's mean session volume
// times the bar's share of the session, times a log-normal factor of mean
// 1 (sigma 0.5). Prices are rounded to the nearest tick (at least one
// tick); the walk is reflected to stay within [one tick, MaxPrice] (a
// little lower for ticks of 0.0000001 and below, to stay exact in float64).
func (w *walker) walk(rng *rand.Rand) {
	sch, c := w.sch, w.cfg
	p0 := uniform(rng, c.Price)
	mu := uniform(rng, c.Drift)
	sigma := uniform(rng, c.Volatility)
	vbase := c.Volume * (0.5 + rng.Float64())

	logMin, logMax := math.Log(w.tick), math.Log(float64(w.maxTicks)*w.tick)
	reflect := func(x float64) float64 {
		for x < logMin || x > logMax {
			if x < logMin {
				x = 2*logMin - x
			} else {
				x = 2*logMax - x
			}
		}
		return x
	}
	logP := reflect(math.Log(p0))
	p := math.Exp(logP)
	drift := mu - sigma*sigma/2
	gapSd := sigma * sch.gapSd
	var prevClose int64
	w.done = w.done[:0]
	next := 0 // the next planned action
	for k := range sch.times {
		var o int64
		act := next < len(w.plan) && w.plan[next].bar == k
		if act {
			// At the open of the ex-date session, before any gap: a
			// dividend takes its amount off the previous close, a split
			// divides the price by its ratio (and multiplies the volume).
			pl := w.plan[next]
			next++
			if pl.yield > 0 {
				if amt := int64(math.Round(pl.yield / 4 * float64(prevClose))); amt >= 1 && amt < prevClose {
					logP = reflect(math.Log(float64(prevClose-amt) * w.tick))
					w.done = append(w.done, generated{session: pl.session, amount: amt, payDays: pl.payDays})
				}
			} else {
				ratio := float64(pl.split.New) / float64(pl.split.Old)
				logP = reflect(logP - math.Log(ratio))
				vbase *= ratio
				w.done = append(w.done, generated{session: pl.session, split: pl.split})
			}
			p = math.Exp(logP)
		}
		if k == 0 || sch.gap[k] || act {
			if k > 0 && sch.gap[k] {
				logP = reflect(logP + gapSd*rng.NormFloat64())
				p = math.Exp(logP)
			}
			o = w.ticks(p)
		} else {
			o = prevClose
		}
		sd := sigma * sch.sd[k]
		logC := reflect(logP + drift*sch.frac[k] + sd*rng.NormFloat64())
		pc := math.Exp(logC)
		cl := w.ticks(pc)
		ex := sd / 2
		hi := max(w.ticks(max(p, pc)*(1+ex*math.Abs(rng.NormFloat64()))), o, cl)
		lo := min(w.ticks(min(p, pc)/(1+ex*math.Abs(rng.NormFloat64()))), o, cl)
		v := vbase * sch.volume[k] * logNormal[rng.Uint64()>>(64-logNormalBits)]
		w.open[k], w.high[k], w.low[k], w.close[k] = o, hi, lo, cl
		w.volume[k] = int64(min(math.Round(v), maxVolume))
		prevClose, logP, p = cl, logC, pc
	}
}

// ticks rounds a price to the nearest whole number of ticks, at least one.
func (w *walker) ticks(p float64) int64 {
	t := int64(math.Round(p * w.inv))
	return min(max(t, 1), w.maxTicks)
}

func uniform(rng *rand.Rand, r Range) float64 {
	return r.Min + (r.Max-r.Min)*rng.Float64()
}

// streamFor returns the random stream of the asset called symbol: a PCG
// seeded from the seed and a hash of the symbol, both mixed by SplitMix64.
func streamFor(seed uint64, symbol string) *rand.Rand {
	h := uint64(14695981039346656037) // FNV-1a
	for i := 0; i < len(symbol); i++ {
		h ^= uint64(symbol[i])
		h *= 1099511628211
	}
	a := splitmix(seed ^ splitmix(h))
	b := splitmix(a ^ h)
	return rand.New(rand.NewPCG(a, b))
}

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
