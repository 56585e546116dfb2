package engine

import (
	"slices"
	"sync"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/order"
)

// Scratch is storage that runs hand on to one another. A run given a
// Scratch ([Engine.Use]) takes its transaction log, snapshots, orders and
// round trips from it, and [Scratch.Reclaim] gives them back once the
// result is read: a sweep's worker keeps one, so that its runs after the
// first allocate almost nothing and the collector has little to do. The
// zero value is empty and ready to use. A Scratch is not safe for
// concurrent use: keep one per goroutine.
type Scratch[N numeric.Number[N]] struct {
	ledger *ledger.Ledger[N]
	book   order.Book[N]
	orders []order.Order[N]
	trips  []ledger.RoundTrip[N]
}

// kept is what a run given a Scratch keeps for Reclaim: its ledger and
// book, whose storage Result's slices are, and room for RoundTrips.
type kept[N numeric.Number[N]] struct {
	ledger *ledger.Ledger[N]
	book   order.Book[N]
	mu     sync.Mutex
	trips  []ledger.RoundTrip[N] // room for RoundTrips, then its last answer
	room   bool                  // trips is room not yet handed out
}

// Use makes the run take its storage from s and keep it for s.Reclaim
// (see [Scratch]). Call it before Run; s may be nil (no reuse).
func (e *Engine[N]) Use(s *Scratch[N]) { e.scratch = s }

// take moves the scratch's storage into the run, at its start.
func (e *Engine[N]) take() {
	s := e.scratch
	if s == nil {
		return
	}
	e.ledger.Reuse(s.ledger)
	e.book.Reuse(&s.book)
	e.spareOrders, e.spareTrips = s.orders[:0], s.trips[:0]
	s.ledger, s.orders, s.trips = nil, nil, nil
}

// keep records, in r, the storage a run given a scratch hands back, and
// copies the book's orders into r (into the scratch's room if there is
// enough).
func (e *Engine[N]) keep(r *Result[N]) {
	all := e.book.All()
	r.Orders = slices.Grow(e.spareOrders[:0], len(all))[:len(all)]
	if r.Orders == nil {
		r.Orders = []order.Order[N]{}
	}
	for i, o := range all {
		r.Orders[i] = *o
	}
	e.spareOrders = nil
	if e.scratch != nil {
		r.kept = &kept[N]{ledger: e.ledger, book: e.book, trips: e.spareTrips, room: true}
		e.spareTrips = nil
	}
}

// Reclaim takes back the storage of res, the result of a run given s
// (Engine.Use), once nobody reads it: res's Transactions, Snapshots and
// Orders, its round trips and everything read from them are overwritten
// by the next run given s. It empties those fields of res. The result of
// a run not given a Scratch is left as it is.
func (s *Scratch[N]) Reclaim(res *Result[N]) {
	k := res.kept
	if k == nil {
		return
	}
	res.kept = nil
	s.ledger, s.book, s.orders, s.trips = k.ledger, k.book, res.Orders[:0], k.trips[:0]
	res.Transactions, res.Snapshots, res.Orders = nil, nil, nil
}

// RoundTrips returns the run's round trips: [ledger.RoundTrips] of
// Transactions and Events, replayed at each call. The trips of a run
// given a Scratch are the scratch's until Reclaim.
func (r *Result[N]) RoundTrips() []ledger.RoundTrip[N] {
	k := r.kept
	if k == nil {
		return ledger.RoundTrips(r.Transactions, r.events)
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	var dst []ledger.RoundTrip[N]
	if k.room {
		dst, k.room = k.trips[:0], false
	}
	k.trips = ledger.AppendRoundTrips(dst, r.Transactions, r.events)
	return k.trips
}
