package ledger

import (
	"fmt"
	"slices"

	"github.com/pennybt/penny/numeric"
)

// Ledger is the account of a run: cash, positions, the transaction log
// and the session snapshots. Create it with [New]; it is not safe for
// concurrent use.
type Ledger[N numeric.Number[N]] struct {
	account   Account[N]
	start     N
	cash      N
	realized  N
	positions []Position[N]      // indexed by asset ID
	held      []int              // IDs of the assets with a non-zero Amount, ascending
	txs       [][]Transaction[N] // the log, in chunks that never move
	ntx       int
	flat      []Transaction[N] // Transactions' copy, valid while len(flat) == ntx
	// spare is storage taken from a finished ledger (Reuse): empty
	// chunks for the log, and room for Transactions' copy.
	spare struct {
		chunks [][]Transaction[N]
		flat   []Transaction[N]
	}
	snaps     []Snapshot[N]
	lastValue N // portfolio value at the last snapshot (start until then)
	session   sessionSums[N]

	// Running totals over the held positions, kept as positions change so
	// that valuing the ledger (every leverage check) is O(1): the sums of
	// the long and of the short values, and of the costs. Exact in Fixed
	// and Decimal; re-summed at each snapshot, so Float's running sums
	// cannot drift across sessions.
	long, short, cost N

	// Corporate actions: their event log, the dividends accrued and not
	// paid (counted in the portfolio value), the dividend income since
	// the start, and the receivables by due date.
	events    []Event[N]
	recv      N
	dividends N
	corp      corpState[N]
	lastDiv   N // dividend income at the last snapshot

	k kernels[N]
}

// New returns a ledger holding cash and nothing else, applying the
// account's rules in Check.
func New[N numeric.Number[N]](cash N, account Account[N]) *Ledger[N] {
	return &Ledger[N]{account: account, start: cash, cash: cash, lastValue: cash, k: kernelsFor[N]()}
}

// Account returns the account rules the ledger checks.
func (l *Ledger[N]) Account() Account[N] { return l.account }

// StartingCash returns the cash the ledger was created with.
func (l *Ledger[N]) StartingCash() N { return l.start }

// Cash returns the cash, exact: the starting cash less, for every
// transaction, its Notional() and its commission.
func (l *Ledger[N]) Cash() N { return l.cash }

// Realized returns the P&L realized by closing trades since the start,
// net of all commissions paid on them and on the trades that opened them.
func (l *Ledger[N]) Realized() N { return l.realized }

// Position returns the position in the asset with the given ID (the zero
// Position, flat, for an asset never traded).
func (l *Ledger[N]) Position(asset int) Position[N] {
	if asset < 0 || asset >= len(l.positions) {
		return Position[N]{}
	}
	return l.positions[asset]
}

// Amount returns the amount held of the asset with the given ID (zero for
// an asset never traded): Position(asset).Amount without the copy.
func (l *Ledger[N]) Amount(asset int) N {
	if asset < 0 || asset >= len(l.positions) {
		var z N
		return z
	}
	return l.positions[asset].Amount
}

// Held returns the IDs of the assets held (non-zero amount), ascending.
// The slice is the ledger's own: read it, do not modify or keep it.
func (l *Ledger[N]) Held() []int { return l.held }

// The transaction log is kept in chunks: appending never copies the log,
// and the garbage collector scans it in pieces. The first chunks hold
// txChunk transactions and each next one a quarter of what the log holds
// (up to maxTxChunk), so that n transactions take O(log n) allocations
// and leave at most a quarter of the chunks' room unused.
const (
	txChunk    = 1024
	maxTxChunk = 1 << 14
)

// Transactions returns the transaction log in the order applied. The
// slice is the ledger's own, built on the first call after a change (so
// call it for a report, not per bar): read it, do not modify it.
func (l *Ledger[N]) Transactions() []Transaction[N] {
	if len(l.flat) != l.ntx {
		l.flat = l.spare.flat[:0]
		l.spare.flat = nil
		if cap(l.flat) < l.ntx {
			l.flat = make([]Transaction[N], 0, l.ntx)
		}
		for _, c := range l.txs {
			l.flat = append(l.flat, c...)
		}
	}
	return l.flat
}

// NumTransactions returns the length of the transaction log.
func (l *Ledger[N]) NumTransactions() int { return l.ntx }

// Apply records the transaction: it moves the cash by -Notional() -
// Commission, updates the position by average cost (see the package
// documentation), sets the asset's last price to the fill price, and
// appends the transaction to the log. Apply does not check the account
// rules: call [Ledger.Check] first. It panics (a bug of the caller) if
// the amount is zero or the asset ID negative, and with a
// *numeric.ArithmeticError if a Fixed value overflows.
func (l *Ledger[N]) Apply(tx Transaction[N]) {
	l.prepare(&tx)
	l.k.apply(l, tx)
}

// TryApply is Check followed, if the fill is accepted, by Apply, in one
// pass: the fill's notional, and its position's value when the check
// computes it, are computed once. It reports what Check reports, and
// panics as Apply does.
func (l *Ledger[N]) TryApply(tx Transaction[N]) (ok bool, reason string) {
	l.prepare(&tx)
	v := l.k.tryApply(l, tx)
	if v.refusal != accepted {
		return false, l.refused(&tx, &v)
	}
	return true, ""
}

// prepare makes room for tx: a position slot for its asset and a log
// chunk with room. It panics (a bug of the caller) if the amount is zero
// or the asset ID negative.
func (l *Ledger[N]) prepare(tx *Transaction[N]) {
	id := tx.Asset.ID
	if tx.Amount.IsZero() || id < 0 {
		panic(fmt.Sprintf("ledger: Apply of a transaction of %s asset ID %d", tx.Amount, id))
	}
	if id >= len(l.positions) {
		l.positions = append(l.positions, make([]Position[N], id+1-len(l.positions))...)
	}
	if n := len(l.txs); n == 0 || len(l.txs[n-1]) == cap(l.txs[n-1]) {
		l.txs = append(l.txs, l.chunk())
	}
}

// chunk returns an empty chunk for the log: a spare one if Reuse left
// any, else a new one.
func (l *Ledger[N]) chunk() []Transaction[N] {
	if k := len(l.spare.chunks); k > 0 {
		c := l.spare.chunks[k-1][:0]
		l.spare.chunks[k-1] = nil
		l.spare.chunks = l.spare.chunks[:k-1]
		return c
	}
	return make([]Transaction[N], 0, min(max(txChunk, l.ntx/4), maxTxChunk))
}

// Reuse gives l, a new ledger, the storage of old, a finished ledger
// whose results nobody reads any more: old's transaction log, its
// Transactions copy, its snapshots and its positions (l starts flat all
// the same) become l's room to grow, so that a run after another (a
// sweep's worker) does not allocate them anew. It empties old: what was
// read from old (Transactions, Snapshots) is overwritten by l's run.
// Call it before l's first Apply; it panics otherwise, or if old is l.
func (l *Ledger[N]) Reuse(old *Ledger[N]) {
	if old == nil {
		return
	}
	if old == l || l.ntx != 0 || len(l.snaps) != 0 {
		panic("ledger: Reuse on a ledger in use")
	}
	l.spare.chunks = append(old.spare.chunks, old.txs...)
	l.spare.flat = old.flat[:0]
	if cap(old.spare.flat) > cap(l.spare.flat) {
		l.spare.flat = old.spare.flat[:0]
	}
	if cap(old.snaps) > cap(l.snaps) {
		l.snaps = old.snaps[:0]
	}
	if cap(old.positions) > cap(l.positions) && len(l.positions) == 0 {
		// prepare extends it with zero positions (append of make).
		l.positions = old.positions[:0]
	}
	old.txs, old.ntx, old.flat, old.snaps, old.positions = nil, 0, nil, nil, nil
	old.spare.chunks, old.spare.flat = nil, nil
}

// apply is Apply's arithmetic, concrete per backend: it books tx, which
// prepare made room for.
//
//penny:specialize
func apply[N numeric.Number[N]](l *Ledger[N], tx Transaction[N]) {
	book(l, &tx, round8(tx.Amount, tx.Price), tx.Price, false)
}

// tryApply is TryApply's arithmetic, concrete per backend: check, then
// book if accepted.
//
//penny:specialize
func tryApply[N numeric.Number[N]](l *Ledger[N], tx Transaction[N]) verdict[N] {
	v := check(l, &tx)
	if v.refusal == accepted {
		book(l, &tx, v.notional, v.now, v.valued)
	}
	return v
}

// book applies tx, whose notional is given (round8(tx.Amount, tx.Price)),
// and, when valued is true, the position's value after it
// (round8(amount after, tx.Price)); else it computes the value.
//
//penny:specialize
func book[N numeric.Number[N]](l *Ledger[N], tx *Transaction[N], notional, value N, valued bool) {
	id := tx.Asset.ID
	p := &l.positions[id]
	p.Asset = tx.Asset
	oldCost := p.Cost
	l.cash = l.cash.Sub(notional).Sub(tx.Commission)
	addSession(&l.session, tx, notional)

	a := p.Amount
	if pnl, ok := trade(p, tx, notional); ok {
		p.Realized = p.Realized.Add(pnl)
		l.realized = l.realized.Add(pnl)
	}
	after := p.Amount
	p.LastPrice = tx.Price
	if !valued {
		value = round8(after, tx.Price)
	}
	setValue(l, p, value)
	l.cost = l.cost.Sub(oldCost).Add(p.Cost)
	switch {
	case a.IsZero():
		l.hold(id)
	case after.IsZero():
		l.release(id)
	}
	last := &l.txs[len(l.txs)-1]
	*last = append(*last, *tx)
	l.ntx++
}

// sessionSums are the sums over the transactions of a session that its
// Snapshot reports.
type sessionSums[N numeric.Number[N]] struct {
	commission, slippage, traded N
}

// addSession adds tx, whose Notional() is given, to the session's sums.
//
//penny:specialize
func addSession[N numeric.Number[N]](s *sessionSums[N], tx *Transaction[N], notional N) {
	s.commission = s.commission.Add(tx.Commission)
	s.traded = s.traded.Add(notional.Abs())
	if !tx.Reference.IsZero() {
		s.slippage = s.slippage.Add(notional.Sub(round8(tx.Amount, tx.Reference)))
	}
}

// trade applies tx, whose Notional() is given, to the position p by
// average cost (see the package documentation): it sets p.Amount and
// p.Cost, and returns the P&L the fill realizes, with ok false (and a
// zero P&L) when the fill only opens or increases the position. It is
// the one rule of the ledger and of RoundTrips.
//
//penny:specialize
func trade[N numeric.Number[N]](p *Position[N], tx *Transaction[N], notional N) (pnl N, ok bool) {
	a, q := p.Amount, tx.Amount
	after := a.Add(q)
	switch {
	case a.IsZero() || a.Sign() == q.Sign():
		// Open or increase: the fill's cost, commission included, adds to
		// the position's.
		p.Cost = p.Cost.Add(notional).Add(tx.Commission)
	case after.IsZero() || after.Sign() == a.Sign():
		// Reduce or close: remove the closed share of the cost (all of it
		// on a close) and realize the difference.
		removed := p.Cost
		if !after.IsZero() {
			removed = mulDiv8(p.Cost, q.Abs(), a.Abs())
		}
		pnl, ok = notional.Neg().Sub(tx.Commission).Sub(removed), true
		p.Cost = p.Cost.Sub(removed)
	default:
		// Flip through zero: close the whole position at the fill price,
		// charging the commission to it, and open the rest.
		closing := a.Neg().MulRound(tx.Price, decimals, numeric.HalfEven)
		pnl, ok = closing.Neg().Sub(tx.Commission).Sub(p.Cost), true
		p.Cost = notional.Sub(closing)
	}
	p.Amount = after
	return pnl, ok
}

// setValue sets a position's value and keeps the running long and short
// totals.
func (l *Ledger[N]) setValue(p *Position[N], v N) { setValue(l, p, v) }

// setValue is the method setValue, concrete per backend.
//
//penny:specialize
func setValue[N numeric.Number[N]](l *Ledger[N], p *Position[N], v N) {
	if p.Value.Sign() < 0 {
		l.short = l.short.Sub(p.Value)
	} else {
		l.long = l.long.Sub(p.Value)
	}
	if v.Sign() < 0 {
		l.short = l.short.Add(v)
	} else {
		l.long = l.long.Add(v)
	}
	p.Value = v
}

// resum recomputes the running totals from the positions.
func (l *Ledger[N]) resum() { l.k.resum(l) }

// resum is the method resum, concrete per backend.
//
//penny:specialize
func resum[N numeric.Number[N]](l *Ledger[N]) {
	var long, short, cost N
	for _, id := range l.held {
		p := &l.positions[id]
		if p.Value.Sign() < 0 {
			short = short.Add(p.Value)
		} else {
			long = long.Add(p.Value)
		}
		cost = cost.Add(p.Cost)
	}
	l.long, l.short, l.cost = long, short, cost
}

func (l *Ledger[N]) realize(p *Position[N], pnl N) {
	p.Realized = p.Realized.Add(pnl)
	l.realized = l.realized.Add(pnl)
}

func (l *Ledger[N]) hold(id int) {
	if i, found := slices.BinarySearch(l.held, id); !found {
		l.held = slices.Insert(l.held, i, id)
	}
}

func (l *Ledger[N]) release(id int) {
	if i, found := slices.BinarySearch(l.held, id); found {
		l.held = slices.Delete(l.held, i, i+1)
	}
}
