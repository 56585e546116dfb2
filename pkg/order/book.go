package order

import (
	"fmt"
	"time"

	"github.com/pennybt/penny/numeric"
)

// Orders live in chunks that never move, so the pointers the book hands
// out stay valid. The first chunks hold bookChunk orders and each next
// one a quarter of what the book holds (up to maxBookChunk): a run of n
// orders allocates O(log n) chunks, not one per order or per fixed count,
// and leaves at most a quarter of its chunks' room unused.
const (
	bookChunk    = 256
	maxBookChunk = 1 << 14
)

// Book holds every order of a run, by ID in placement order, and the
// open ones. The zero value is an empty book, ready to use. A Book is not
// safe for concurrent use.
type Book[N numeric.Number[N]] struct {
	all   []*Order[N]
	open  []*Order[N] // a superset of the open orders, in placement order
	chunk []Order[N]  // the chunk new orders are stored in
	// chunks are every chunk the book stored orders in; spare the empty
	// ones Reuse took from a finished book.
	chunks, spare [][]Order[N]
	// fill is Order.Fill's code for N's backend, looked up at the first
	// Fill.
	fill func(o *Order[N], amount, price, commission N)
	lots lotCache[N] // the lot of each asset ordered
}

// Counts summarizes a book.
type Counts struct {
	Orders          int // all orders placed, rejected ones included
	Open            int // Open or PartiallyFilled
	PartiallyFilled int
	Filled          int
	Cancelled       int
	Rejected        int
	Fills           int // fill events, over all orders
}

// Place numbers r with the next ID, validates it as [New] does and
// records the order, open or rejected. It returns a pointer to the
// book's order, valid for the life of the book.
func (b *Book[N]) Place(r Request[N], p Placement) *Order[N] {
	if len(b.chunk) == cap(b.chunk) {
		if k := len(b.spare); k > 0 {
			b.chunk = b.spare[k-1][:0]
			b.spare[k-1] = nil
			b.spare = b.spare[:k-1]
		} else {
			b.chunk = make([]Order[N], 0, min(max(bookChunk, len(b.all)/4), maxBookChunk))
		}
		b.chunks = append(b.chunks, b.chunk)
	}
	b.chunk = append(b.chunk, newOrder(ID(len(b.all)+1), r, p, &b.lots))
	o := &b.chunk[len(b.chunk)-1]
	b.all = append(b.all, o)
	if o.IsOpen() {
		b.open = append(b.open, o)
	}
	return o
}

// Reuse gives b, an empty book, the storage of old, a finished book
// whose orders nobody reads any more: old's chunks of orders and its
// lists become b's room to grow, so that a run after another (a sweep's
// worker) does not allocate them anew. It empties old; the orders old
// handed out are overwritten by b's. It panics if b holds orders or old
// is b.
func (b *Book[N]) Reuse(old *Book[N]) {
	if old == b || len(b.all) != 0 {
		panic("order: Reuse on a book in use")
	}
	b.spare = append(old.spare, old.chunks...)
	b.all, b.open = old.all[:0], old.open[:0]
	*old = Book[N]{}
}

// Fill records a fill of o, an order of the book, as o.Fill(amount,
// price, commission, at) does (and panics as it does), with the code for
// N's backend looked up once per book instead of at every fill.
func (b *Book[N]) Fill(o *Order[N], amount, price, commission N, at time.Time) {
	if !o.IsOpen() {
		panic(fmt.Sprintf("order: fill of %s order %d", o.Status, o.ID))
	}
	if b.fill == nil {
		b.fill = fillFor[N]()
	}
	b.fill(o, amount, price, commission)
	o.Updated = at
}

// Len returns the number of orders placed.
func (b *Book[N]) Len() int { return len(b.all) }

// Get returns the order with the given ID.
func (b *Book[N]) Get(id ID) (*Order[N], bool) {
	if id < 1 || int64(id) > int64(len(b.all)) {
		return nil, false
	}
	return b.all[id-1], true
}

// All returns every order in placement order (index i holds ID i+1). The
// slice is the book's own: read it, do not modify or keep it.
func (b *Book[N]) All() []*Order[N] { return b.all }

// Open returns the open orders in placement order. It first drops the
// orders that closed since the last call, in place: it allocates
// nothing. The slice is the book's own and valid until the next call to
// Open, Place, Cancel or ExpireDay; orders in it may close while it is
// iterated (check IsOpen if that matters).
func (b *Book[N]) Open() []*Order[N] {
	n := 0
	for _, o := range b.open {
		if o.IsOpen() {
			b.open[n] = o
			n++
		}
	}
	clear(b.open[n:])
	b.open = b.open[:n]
	return b.open
}

// Cancel cancels the open order id with reason (use [ReasonCancelled]
// for a strategy's request) at time at. It reports false, changing
// nothing, if there is no such order or it is no longer open.
func (b *Book[N]) Cancel(id ID, reason string, at time.Time) bool {
	o, ok := b.Get(id)
	if !ok || !o.IsOpen() {
		return false
	}
	o.Cancel(reason, at)
	return true
}

// ExpireDay cancels every open Day order with [ReasonDayExpired] at time
// at, the session's end, and returns how many it cancelled.
func (b *Book[N]) ExpireDay(at time.Time) int {
	n := 0
	for _, o := range b.Open() {
		if o.TIF == Day {
			o.Cancel(ReasonDayExpired, at)
			n++
		}
	}
	return n
}

// Counts counts the orders by status, and the fills. It looks at every
// order: call it for a report, not per bar.
func (b *Book[N]) Counts() Counts {
	c := Counts{Orders: len(b.all)}
	for _, o := range b.all {
		c.Fills += o.Fills
		switch o.Status {
		case Open:
			c.Open++
		case PartiallyFilled:
			c.Open++
			c.PartiallyFilled++
		case Filled:
			c.Filled++
		case Cancelled:
			c.Cancelled++
		case Rejected:
			c.Rejected++
		}
	}
	return c
}
