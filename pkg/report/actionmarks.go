package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pennybt/penny/internal/svg"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/corpaction"
	"github.com/pennybt/penny/pkg/ledger"
)

// mark is a tick at the top of a chart at one point of its x axis, with a
// tooltip: a corporate action on the equity chart.
type mark struct {
	Point        int
	Class, Label string
	Title        string
}

// drawMarks draws each mark as a thin line down the plot and a small
// labelled box above it, whose title is the tooltip.
func drawMarks(cv *svg.Canvas, marks []mark, x func(float64) float64, top, bottom float64) {
	for _, m := range marks {
		px := x(float64(m.Point))
		cv.Line(px, top, px, bottom, "mark-line "+m.Class)
		cv.Rect(px-5, top-14, 10, 12, "mark "+m.Class, "", m.Title)
		cv.Text(px, top-5, svg.Middle, "mark-text", m.Label)
	}
}

// actionRow is a row of the report's table of corporate actions.
type actionRow struct {
	Time, Symbol, Type, Values, Effect, Before, After string
}

// actionMarks returns the marks of the splits and dividends that touched
// a position (one mark per session and kind, its tooltip listing them),
// at the points of an equity chart that starts one point before the
// first session.
func (r *Report[N]) actionMarks(layout string) []mark {
	res := r.Result
	type key struct {
		point int
		split bool
	}
	lines := map[key][]string{}
	for _, a := range res.Actions {
		ev := a.Event
		split := ev.Kind == ledger.EventSplit
		if !split && ev.Kind != ledger.EventDividend || ev.Before.IsZero() {
			continue
		}
		s := sort.Search(len(res.Sessions), func(i int) bool { return res.Sessions[i].Close.After(ev.Time) })
		if s == len(res.Sessions) {
			continue
		}
		k := key{s + 1, split}
		lines[k] = append(lines[k], describeAction(*a.Action, *ev, layout))
	}
	keys := make([]key, 0, len(lines))
	for k := range lines {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].point != keys[j].point {
			return keys[i].point < keys[j].point
		}
		return keys[i].split
	})
	marks := make([]mark, len(keys))
	for i, k := range keys {
		m := mark{Point: k.point, Class: "dividend", Label: "D", Title: strings.Join(lines[k], "\n")}
		if k.split {
			m.Class, m.Label = "split", "S"
		}
		marks[i] = m
	}
	return marks
}

// describeAction says what an action did, for a tooltip.
func describeAction[N numeric.Number[N]](a corpaction.Action[N], ev ledger.Event[N], layout string) string {
	s := ev.Time.UTC().Format(layout) + " " + a.String()
	if ev.Kind == ledger.EventSplit {
		s += fmt.Sprintf(": %s shares became %s", groupThousands(ev.Before.String()), groupThousands(ev.After.String()))
		if !ev.Cash.IsZero() {
			s += ", cash in lieu " + groupThousands(ev.Cash.String())
		}
		return s
	}
	return s + fmt.Sprintf(": %s on %s shares", groupThousands(ev.Dividend.String()), groupThousands(ev.Before.String()))
}

// actionRows lists every effect of a corporate action, the first max of
// them, for the report's table.
func (r *Report[N]) actionRows(layout string, max int) []actionRow {
	acts := r.Result.Actions
	rows := make([]actionRow, 0, min(len(acts), max))
	for _, a := range acts[:min(len(acts), max)] {
		ev := a.Event
		ratio, amount, target := a.Action.Values()
		values := strings.TrimSpace(strings.Join([]string{ratio, amount, target}, " "))
		var effect []string
		for _, f := range []struct {
			name string
			v    N
		}{{"cash", ev.Cash}, {"receivable", ev.Receivable}, {"realized", ev.Realized}} {
			if !f.v.IsZero() {
				effect = append(effect, f.name+" "+groupThousands(f.v.String()))
			}
		}
		if a.Rescaled > 0 || a.Cancelled > 0 {
			effect = append(effect, fmt.Sprintf("orders rescaled %d, cancelled %d", a.Rescaled, a.Cancelled))
		}
		typ := a.Action.Type.String()
		if ev.Kind == ledger.EventPayment {
			typ += " (paid)"
		}
		rows = append(rows, actionRow{Time: ev.Time.UTC().Format(layout), Symbol: ev.Asset.Symbol, Type: typ, Values: values,
			Effect: strings.Join(effect, ", "), Before: groupThousands(ev.Before.String()), After: groupThousands(ev.After.String())})
	}
	return rows
}
