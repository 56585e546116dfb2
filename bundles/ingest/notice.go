package ingest

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pennybt/penny/bundles/alpaca"
	"github.com/pennybt/penny/bundles/csvsource"
)

// Notice is what an ingest tells its user as it runs: a *Fallback,
// *Dropped, *Downloaded, *OffSession or *Actions. String gives a message for
// people.
type Notice interface {
	fmt.Stringer
	notice()
}

// Fallback: a value needs more than the fixed backend holds; the source
// is read again with the decimal backend.
type Fallback struct {
	// Err is the fixed backend's error (errors.Is numeric.ErrPrecision
	// or numeric.ErrOverflow).
	Err error
}

func (n *Fallback) String() string {
	return fmt.Sprintf("a value needs more than the fixed backend holds (%v); reading with the decimal backend", n.Err)
}

// Dropped: a csv repair dropped rows instead of failing.
type Dropped struct {
	// Report names the rows dropped (Report.Dropped() > 0).
	Report *csvsource.Report
	// Repair is the repairs that were allowed.
	Repair csvsource.Repair
}

func (n *Dropped) String() string {
	return fmt.Sprintf("dropped %d rows (repairs: %s):\n%s", n.Report.Dropped(), n.Repair, n.Report)
}

// Downloaded: an Alpaca download ended, whole or not.
type Downloaded struct {
	Report *alpaca.Report
}

func (n *Downloaded) String() string {
	r := n.Report
	return fmt.Sprintf("alpaca: %d windows (%d fetched, %d resumed), %d requests, %d retries",
		r.Windows, r.Fetched, r.Resumed, r.Requests, r.Retries)
}

// OffSession: Alpaca bars outside the calendar's sessions (extended
// hours) were dropped.
type OffSession struct {
	// Calendar is the calendar's name (XNYS, 24/7).
	Calendar string
	// Dropped counts the bars dropped, by symbol.
	Dropped map[string]int
}

func (n *OffSession) String() string {
	keys := make([]string, 0, len(n.Dropped))
	total := 0
	for k, c := range n.Dropped {
		keys = append(keys, k)
		total += c
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, " %s %d", k, n.Dropped[k])
	}
	return fmt.Sprintf("alpaca: dropped %d bars outside the %s sessions (extended hours):%s", total, n.Calendar, b.String())
}

// Actions: the corporate actions an Alpaca ingest stores, and those it
// left out, by reason.
type Actions struct {
	Kept    int
	LeftOut map[string]int
}

func (n *Actions) String() string {
	keys := make([]string, 0, len(n.LeftOut))
	total := 0
	for k, c := range n.LeftOut {
		keys = append(keys, k)
		total += c
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, " %d %s", n.LeftOut[k], k)
	}
	if total == 0 {
		return fmt.Sprintf("alpaca: %d corporate actions", n.Kept)
	}
	return fmt.Sprintf("alpaca: %d corporate actions, %d left out:%s", n.Kept, total, b.String())
}

func (*Actions) notice()    {}
func (*Fallback) notice()   {}
func (*Dropped) notice()    {}
func (*Downloaded) notice() {}
func (*OffSession) notice() {}
