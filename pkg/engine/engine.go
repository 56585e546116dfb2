package engine

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/dataportal"
	"github.com/pennybt/penny/pkg/execution"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/order"
)

// Engine runs one strategy over one portal's data. Build it with New and
// call Run once.
type Engine[N numeric.Number[N]] struct {
	cfg      Config[N]
	portal   *dataportal.Portal[N]
	strategy Strategy[N]
	sim      execution.Simulator[N]
	match    func(o *order.Order[N], bar *market.Bar[N], barIndex int, used N) (execution.Fill[N], bool) // sim's Matcher
	ledger   *ledger.Ledger[N]
	book     order.Book[N]
	ctx      Context[N]

	sessions []calendar.Session
	// datesOnly: a daily run on a calendar that knows dates, not hours
	// (calendar.DatesOnly): every instant reported is the session's date.
	datesOnly bool
	// days is set by the first Schedule: only scheduled functions use it.
	days    sessionDays
	symbols map[string]int
	lots    []N
	times   []int64
	lastBar int

	// the current position of the replay
	session, bar int
	now          int64
	phase        string   // what the loop is doing, for error reports
	current      order.ID // the order being matched, for error reports
	inStrategy   bool     // the engine is calling the strategy (see recovered)

	// per-asset volume taken by fills at the current bar
	used   []N
	usedAt []int
	// fillBar holds the bar an order is matched against: the simulator
	// takes a pointer, which a local would make escape to the heap once
	// per open order per bar.
	fillBar market.Bar[N]

	schedules   []scheduled[N]
	due         []dueCall[N]
	records     map[string]*Series[N]
	recordOrder []string

	// markedAt is the bar at which the held positions were last valued
	// at their closes (mark); valuesBook says whether the ledger's Check
	// reads the positions' values (an account with shorting or margin),
	// so that a fill must mark the book first.
	markedAt   int
	valuesBook bool
	ran        bool

	acts     actions[N]
	warnings []string

	// scratch is the storage the run takes and hands back (Use); the
	// orders' and round trips' room taken from it.
	scratch     *Scratch[N]
	spareOrders []order.Order[N]
	spareTrips  []ledger.RoundTrip[N]
}

type dueCall[N numeric.Number[N]] struct {
	at int64
	fn func(*Context[N])
}

// New prepares a run of strategy over the portal's data.
func New[N numeric.Number[N]](portal *dataportal.Portal[N], strategy Strategy[N], cfg Config[N]) (*Engine[N], error) {
	if portal == nil || strategy == nil {
		return nil, fmt.Errorf("engine: a portal and a strategy are required")
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("engine: %w", err)
	}
	assets := portal.Assets()
	if len(assets) == 0 {
		return nil, fmt.Errorf("engine: empty universe")
	}
	e := &Engine[N]{
		cfg:      cfg,
		portal:   portal,
		strategy: strategy,
		sim:      cfg.Execution.Simulator,
		ledger:   ledger.New(cfg.Capital, cfg.Execution.Account),
		sessions: portal.Clock().Sessions(),
		times:    portal.Clock().BarTimes(),
		symbols:  make(map[string]int, len(assets)),
		lots:     make([]N, len(assets)),
		used:     make([]N, len(assets)),
		usedAt:   make([]int, len(assets)),
		records:  map[string]*Series[N]{},
		bar:      -1,
		markedAt: -2,
	}
	e.valuesBook = cfg.Execution.Account.Shorting || cfg.Execution.Account.Margin()
	e.match = e.sim.Matcher()
	e.lastBar = len(e.times) - 1
	clk := portal.Clock()
	e.datesOnly = calendar.DatesOnly(clk.Calendar()) && clk.Frequency() == market.Daily
	for i, a := range assets {
		e.symbols[a.Symbol] = i
		lot, err := order.Lot[N](a)
		if err != nil {
			return nil, fmt.Errorf("engine: asset %s: %w", a.Symbol, err)
		}
		e.lots[i] = lot
		e.usedAt[i] = -1
	}
	if cfg.Benchmark != "" {
		if _, ok := e.symbols[cfg.Benchmark]; !ok {
			return nil, fmt.Errorf("engine: benchmark %q is not an asset of the data", cfg.Benchmark)
		}
	}
	if e.cfg.Logger == nil {
		e.cfg.Logger = slog.New(slog.DiscardHandler)
	}
	e.ctx.e = e
	if err := e.setupActions(); err != nil {
		return nil, fmt.Errorf("engine: %w", err)
	}
	e.warnZeroVolume()
	return e, nil
}

// Run replays the data bar by bar and returns the result. It stops early,
// with ctx's error, when ctx is cancelled (checked at each session end).
// A numeric failure (Fixed overflow, division by zero), or a panic in the
// strategy, stops the run with a *RunError naming the bar, the phase and
// the order and carrying the panic's stack; any other panic is a bug in
// Penny and reaches the caller as it was raised (see the package doc,
// "Failures").
func (e *Engine[N]) Run(ctx context.Context) (res *Result[N], err error) {
	if e.ran {
		return nil, fmt.Errorf("engine: Run called twice")
	}
	e.ran = true
	start := time.Now()
	e.take()
	e.ledger.GrowSnapshots(len(e.sessions))
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, e.recovered(r)
		}
	}()

	if init, ok := e.strategy.(Initializer[N]); ok {
		e.phase = "init"
		e.now = e.sessions[0].Open.UnixNano()
		e.inStrategy = true
		err := init.Init(&e.ctx)
		e.inStrategy = false
		if err != nil {
			return nil, fmt.Errorf("engine: strategy init: %w", err)
		}
	}
	bts, _ := e.strategy.(BeforeTradingStarter[N])
	ender, _ := e.strategy.(SessionEnder[N])
	clk := e.portal.Clock()

	for s := range e.sessions {
		e.session = s
		sess := e.sessions[s]
		e.now = sess.Open.UnixNano()
		if e.acts.sched != nil && (e.acts.next < len(e.acts.sched.Items) && e.acts.sched.Items[e.acts.next].Session == s || e.now >= e.acts.nextDue) {
			e.phase = "corporate actions"
			e.applyActions(s)
			if e.ledger.Pending() > 0 {
				e.settle(s)
			}
		}
		e.planSchedules(s)
		if bts != nil {
			e.phase = "before trading start"
			e.inStrategy = true
			bts.BeforeTradingStart(&e.ctx)
			e.inStrategy = false
		}
		first, end := clk.SessionBars(s)
		for k := first; k < end; k++ {
			e.bar, e.now = k, e.times[k]
			e.portal.Advance(k)
			e.phase = "fill"
			e.fill(k)
			e.current = 0
			e.phase = "strategy"
			e.inStrategy = true
			e.strategy.OnBar(&e.ctx)
			e.inStrategy = false
			if len(e.due) > 0 {
				e.runDue()
			}
		}
		e.now = sess.Close.UnixNano()
		e.phase = "session end"
		e.book.ExpireDay(e.reported(e.now))
		if ender != nil {
			e.phase = "on session end"
			e.inStrategy = true
			ender.OnSessionEnd(&e.ctx)
			e.inStrategy = false
			e.phase = "session end"
		}
		e.mark()
		e.ledger.Snapshot(sess.Date)
		if e.cfg.Progress != nil {
			e.cfg.Progress(s+1, len(e.sessions))
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	return e.result(time.Since(start)), nil
}

// fill matches the open orders placed before bar k against the bars of
// their assets at k, in placement order, and books the fills.
func (e *Engine[N]) fill(k int) {
	open := e.book.Open()
	if len(open) == 0 {
		return
	}
	for _, o := range open {
		if o.PlacedBar >= k || !o.IsOpen() || !e.portal.HasBar(o.Asset.ID) {
			continue
		}
		e.current = o.ID
		a := o.Asset.ID
		if e.usedAt[a] != k {
			e.usedAt[a] = k
			e.used[a] = numeric.Zero[N]()
		}
		e.fillBar, _ = e.portal.Current(a)
		tx, ok := e.match(o, &e.fillBar, k, e.used[a])
		if !ok {
			continue
		}
		if e.valuesBook {
			e.mark() // Check values the book at the last closes
		}
		tx.Time = e.fillTime(k)
		if ok, reason := e.ledger.TryApply(tx); !ok {
			o.Reject(reason, tx.Time)
			continue
		}
		if e.markedAt == k {
			// Apply values the position at the fill price; the book is
			// marked at this bar's closes, so value it at the bar's close
			// like every other position. (Otherwise the next mark does,
			// before anything reads a value.)
			e.ledger.UpdatePrice(a, e.fillBar.Close)
		}
		e.book.Fill(o, tx.Amount, tx.Price, tx.Commission, tx.Time)
		e.used[a] = e.used[a].Add(tx.Amount.Abs())
	}
}

// fillTime returns the instant of a fill at bar k of the current session:
// the bar's open (the previous bar's stamp, or the session's open for its
// first bar) or its close (its stamp), as the fill mode says. On a
// calendar of dates only, the session's date.
func (e *Engine[N]) fillTime(k int) time.Time {
	if e.datesOnly {
		return e.sessions[e.session].Date
	}
	at := e.times[k]
	if e.sim.Mode != execution.NextClose {
		at = e.sessions[e.session].Open.UnixNano()
		if first, _ := e.portal.Clock().SessionBars(e.session); k > first {
			at = e.times[k-1]
		}
	}
	return time.Unix(0, at).UTC()
}

// reported returns the instant Penny reports for the internal time t (Unix
// nanoseconds) of the current session: t itself, or on a calendar of
// dates only the session's date, since such a calendar has no hours.
func (e *Engine[N]) reported(t int64) time.Time {
	if e.datesOnly {
		return e.sessions[e.session].Date
	}
	return time.Unix(0, t).UTC()
}

// planSchedules lists the scheduled functions due in session s with the
// moment they are due, in registration order.
func (e *Engine[N]) planSchedules(s int) {
	e.due = e.due[:0]
	for _, sc := range e.schedules {
		if e.days.matches(sc.date, s) {
			e.due = append(e.due, dueCall[N]{at: sc.tm.at(e.sessions[s]), fn: sc.fn})
		}
	}
}

// runDue runs the scheduled functions due at or before the current bar,
// and at the session's last bar all that remain.
func (e *Engine[N]) runDue() {
	_, end := e.portal.Clock().SessionBars(e.session)
	last := e.bar == end-1
	e.phase = "scheduled function"
	kept := e.due[:0]
	for _, d := range e.due {
		if d.at <= e.now || last {
			e.inStrategy = true
			d.fn(&e.ctx)
			e.inStrategy = false
			continue
		}
		kept = append(kept, d)
	}
	e.due = kept
}

func (e *Engine[N]) logf(format string, args ...any) {
	e.cfg.Logger.Debug(fmt.Sprintf(format, args...), "time", e.reported(e.now))
}

func (e *Engine[N]) result(elapsed time.Duration) *Result[N] {
	r := &Result[N]{
		Backend:      numeric.Backend[N](),
		Frequency:    e.portal.Clock().Frequency(),
		DatesOnly:    e.datesOnly,
		Sessions:     e.sessions,
		Assets:       e.portal.Assets(),
		Capital:      e.cfg.Capital,
		Cash:         e.ledger.Cash(),
		Value:        e.ledger.PortfolioValue(),
		Snapshots:    e.ledger.Snapshots(),
		Transactions: e.ledger.Transactions(),
		Dividends:    e.ledger.Dividends(),
		Receivable:   e.ledger.Receivable(),
		Actions:      e.acts.records,
		events:       e.ledger.Events(),
		Warnings:     slices.Clone(e.warnings),
		Bars:         len(e.times),
		AssetBars:    e.portal.Rows(),
		Elapsed:      elapsed,
	}
	e.keep(r)
	e.noteStarved(r)
	for _, name := range e.recordOrder {
		r.Records = append(r.Records, *e.records[name])
	}
	if e.cfg.Benchmark != "" {
		r.BenchmarkSymbol = e.cfg.Benchmark
		r.Benchmark = e.benchmarkReturns()
	}
	return r
}

// benchmarkReturns returns the benchmark asset's return per session: its
// last close at or before each session's close over the previous one.
func (e *Engine[N]) benchmarkReturns() []float64 {
	a := e.symbols[e.cfg.Benchmark]
	out := make([]float64, len(e.sessions))
	prev := math.NaN()
	closes := e.portal.History(a, market.Close, e.portal.Len(a))
	stamps := e.portal.HistoryTimes(a, e.portal.Len(a))
	j := 0
	for i, sess := range e.sessions {
		end := sess.Close.UnixNano()
		for j < len(stamps) && stamps[j] <= end {
			j++
		}
		cur := math.NaN()
		if j > 0 {
			cur = closes[j-1].Float64()
		}
		out[i] = cur/prev - 1
		prev = cur
	}
	return out
}

// Run is New followed by Engine.Run: the one call a script needs.
func Run[N numeric.Number[N]](ctx context.Context, portal *dataportal.Portal[N], strategy Strategy[N], cfg Config[N]) (*Result[N], error) {
	e, err := New(portal, strategy, cfg)
	if err != nil {
		return nil, err
	}
	return e.Run(ctx)
}

// Backtest runs strategy over a whole dataset, on the calendar it names
// or else on the calendar of its bar dates (dataportal.FromDataset with no
// calendar): the shortest way from bars to a result.
func Backtest[N numeric.Number[N]](ctx context.Context, data *market.Dataset[N], strategy Strategy[N], cfg Config[N]) (*Result[N], error) {
	portal, err := dataportal.FromDataset(data, nil)
	if err != nil {
		return nil, err
	}
	return Run(ctx, portal, strategy, cfg)
}
