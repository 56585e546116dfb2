package order_test

import (
	"testing"
	"time"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/order"
)

//penny:backends
func testBook[N numeric.Number[N]](t *testing.T) {
	var b order.Book[N]
	place := func(amount string, tif order.TimeInForce) *order.Order[N] {
		return b.Place(order.Request[N]{Asset: orcl, Amount: num[N](t, amount), TIF: tif},
			order.Placement{Time: t0, Bar: b.Len(), KnownAsset: true})
	}
	o1 := place("10", order.GTC)
	o2 := place("0", order.GTC) // rejected
	o3 := place("-5", order.Day)
	o4 := place("7", order.Day)
	o5 := place("1", order.GTC)
	ids := func(os []*order.Order[N]) []order.ID {
		var s []order.ID
		for _, o := range os {
			s = append(s, o.ID)
		}
		return s
	}
	if got := ids(b.All()); !equalIDs(got, 1, 2, 3, 4, 5) {
		t.Fatalf("All() IDs %v", got)
	}
	if o2.Status != order.Rejected || b.Len() != 5 {
		t.Fatalf("o2 %s, len %d", o2.String(), b.Len())
	}
	if got := ids(b.Open()); !equalIDs(got, 1, 3, 4, 5) {
		t.Fatalf("Open() IDs %v", got)
	}
	if g, ok := b.Get(3); !ok || g != o3 {
		t.Errorf("Get(3) = %v, %v", g, ok)
	}
	for _, id := range []order.ID{0, 6, -1} {
		if _, ok := b.Get(id); ok {
			t.Errorf("Get(%d) found an order", id)
		}
	}
	// A fill closes o1; cancelling it then fails; cancelling o5 works.
	o1.Fill(num[N](t, "10"), num[N](t, "1"), num[N](t, "0"), t0)
	b.Fill(o4, num[N](t, "3"), num[N](t, "1.5"), num[N](t, "0.25"), t0.Add(time.Minute))
	if o4.Status != order.PartiallyFilled || o4.Filled.String() != "3" || o4.Notional.String() != "4.5" ||
		o4.Commission.String() != "0.25" || o4.Fills != 1 || !o4.Updated.Equal(t0.Add(time.Minute)) {
		t.Errorf("o4 after Book.Fill: %s, notional %s, commission %s, %d fills, updated %s", o4.String(), o4.Notional, o4.Commission, o4.Fills, o4.Updated)
	}
	for name, fill := range map[string]func(){
		"a filled order":              func() { b.Fill(o1, num[N](t, "1"), num[N](t, "1"), num[N](t, "0"), t0) },
		"more than remains":           func() { b.Fill(o4, num[N](t, "5"), num[N](t, "1"), num[N](t, "0"), t0) },
		"an amount of the wrong sign": func() { b.Fill(o4, num[N](t, "-1"), num[N](t, "1"), num[N](t, "0"), t0) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Book.Fill of %s did not panic", name)
				}
			}()
			fill()
		}()
	}
	if b.Cancel(1, order.ReasonCancelled, t0) || b.Cancel(2, order.ReasonCancelled, t0) || b.Cancel(99, order.ReasonCancelled, t0) {
		t.Error("Cancel of a closed or unknown order reported true")
	}
	if !b.Cancel(5, order.ReasonCancelled, t0) || o5.Status != order.Cancelled || o5.Reason != order.ReasonCancelled {
		t.Errorf("Cancel(5): %s", o5.String())
	}
	if got := ids(b.Open()); !equalIDs(got, 3, 4) {
		t.Fatalf("Open() after fills and cancel: %v", got)
	}
	end := t0.Add(7 * time.Hour)
	if n := b.ExpireDay(end); n != 2 {
		t.Errorf("ExpireDay = %d, want 2", n)
	}
	if o3.Status != order.Cancelled || o3.Reason != order.ReasonDayExpired || !o3.Updated.Equal(end) {
		t.Errorf("o3 after ExpireDay: %s", o3.String())
	}
	if o4.Status != order.Cancelled || o4.Filled.String() != "3" {
		t.Errorf("o4 after ExpireDay: %s", o4.String())
	}
	if len(b.Open()) != 0 {
		t.Errorf("open orders remain: %v", ids(b.Open()))
	}
	want := order.Counts{Orders: 5, Filled: 1, Cancelled: 3, Rejected: 1, Fills: 2}
	if got := b.Counts(); got != want {
		t.Errorf("Counts() = %+v, want %+v", got, want)
	}
}

func TestBook(t *testing.T) {
	backendtest.Run(t, testBookByName)
}

func equalIDs(got []order.ID, want ...order.ID) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}

// TestBookPointersStable places more orders than a chunk holds and checks
// that earlier pointers still point at their orders, and that Open does
// not allocate.
func TestBookPointersStable(t *testing.T) {
	var b order.Book[numeric.Fixed]
	var ptrs []*order.Order[numeric.Fixed]
	for i := range 1000 {
		o := b.Place(order.Request[numeric.Fixed]{Asset: orcl, Amount: numeric.Int[numeric.Fixed](int64(i + 1))},
			order.Placement{Bar: i, KnownAsset: true})
		ptrs = append(ptrs, o)
	}
	for i, o := range ptrs {
		g, _ := b.Get(order.ID(i + 1))
		if g != o || o.Amount != numeric.Int[numeric.Fixed](int64(i+1)) || o.PlacedBar != i {
			t.Fatalf("order %d moved or changed: %s", i+1, o.String())
		}
	}
	for _, o := range ptrs[:500] {
		o.Cancel("x", t0)
	}
	allocs := testing.AllocsPerRun(100, func() {
		if n := len(b.Open()); n != 500 {
			t.Fatalf("open %d", n)
		}
	})
	if allocs != 0 {
		t.Errorf("Open allocates %v times", allocs)
	}
	if b.Open()[0] != ptrs[500] {
		t.Error("Open lost placement order")
	}
}

func BenchmarkBookOpen(b *testing.B) {
	var bk order.Book[numeric.Fixed]
	for i := range 100 {
		bk.Place(order.Request[numeric.Fixed]{Asset: orcl, Amount: numeric.Int[numeric.Fixed](int64(i + 1))},
			order.Placement{Bar: i, KnownAsset: true})
	}
	b.Run("open=100/backend=fixed", func(b *testing.B) {
		for b.Loop() {
			_ = bk.Open()
		}
	})
}

// testBookLots checks that the book's orders get the lot, status and
// reason New gives them when an asset's lot size changes between orders
// (the book keeps each asset's lot: it must not serve a stale one).
//
//penny:backends
func testBookLots[N numeric.Number[N]](t *testing.T) {
	var b order.Book[N]
	asset := func(id int, class market.Class, lot string) market.Asset {
		return market.Asset{ID: id, Symbol: "X", Class: class, LotSize: lot}
	}
	reqs := []order.Request[N]{
		{Asset: asset(0, market.Equity, "10"), Amount: num[N](t, "5")},
		{Asset: asset(0, market.Equity, "10"), Amount: num[N](t, "20")},
		{Asset: asset(0, market.Equity, ""), Amount: num[N](t, "5")},
		{Asset: asset(0, market.Crypto, ""), Amount: num[N](t, "0.5")},
		{Asset: asset(0, market.Equity, ""), Amount: num[N](t, "0.5")},
		{Asset: asset(0, market.Equity, "abc"), Amount: num[N](t, "5")},
		{Asset: asset(0, market.Equity, "abc"), Amount: num[N](t, "5")},
		{Asset: asset(3, market.Equity, "0.5"), Amount: num[N](t, "1.5")},
		{Asset: asset(3, market.Equity, "0.5"), Amount: num[N](t, "1.25")},
	}
	for i, r := range reqs {
		p := order.Placement{Time: t0, Bar: i, KnownAsset: true}
		got, want := b.Place(r, p), order.New(order.ID(i+1), r, p)
		if got.Status != want.Status || got.Reason != want.Reason || got.Lot.Cmp(want.Lot) != 0 {
			t.Errorf("request %d (lot %q): book %s lot %s, New %s lot %s", i, r.Asset.LotSize, got.String(), got.Lot, want.String(), want.Lot)
		}
	}
}

func TestBookLots(t *testing.T) {
	backendtest.Run(t, testBookLotsByName)
}
