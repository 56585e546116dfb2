package report_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/internal/browser"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/report"
)

// startBrowser starts headless Chromium for a test, or skips the test when
// there is none, unless $PENNY_BROWSER_TEST is 1 (.ci/run sets it): then
// a missing Chromium fails it.
func startBrowser(t *testing.T) *browser.Browser {
	t.Helper()
	path, err := browser.Find(os.Getenv)
	if err != nil {
		if browser.Required(os.Getenv) {
			t.Fatalf("%v (%s=1 requires it)", err, browser.EnvRequired)
		}
		t.Skip(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	b, err := browser.Start(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := b.Close(); err != nil {
			t.Error(err)
		}
	})
	return b
}

// chartState is what the browser says of one <svg class="chart">.
type chartState struct {
	ID      string  `json:"id"`
	Width   float64 `json:"width"`  // its box on the page, CSS pixels
	Height  float64 `json:"height"` // (0 when hidden)
	Marks   int     `json:"marks"`  // paths, rects and texts drawn
	Drawn   float64 `json:"drawn"`  // the width of what it drew (its getBBox)
	Ready   bool    `json:"ready"`  // the hover script set it up
	Hover   bool    `json:"hover"`  // it is a line chart with hover values
	Visible bool    `json:"visible"`
}

const chartsJS = `Array.from(document.querySelectorAll('svg.chart')).map(s => {
	const r = s.getBoundingClientRect();
	const visible = r.width > 0 && r.height > 0;
	return {id: s.id, width: r.width, height: r.height, visible: visible,
		marks: s.querySelectorAll('path, rect, text').length,
		drawn: visible ? s.getBBox().width : 0,
		ready: s.getAttribute('data-ready') === '1', hover: s.hasAttribute('data-hover')};
})`

// hoverJS moves the pointer to the middle of each visible line chart and
// returns the text the hover box shows.
const hoverJS = `Array.from(document.querySelectorAll('svg[data-hover]')).filter(s => s.getBoundingClientRect().width > 0).map(s => {
	const r = s.getBoundingClientRect();
	s.dispatchEvent(new MouseEvent('mousemove', {clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true}));
	const tip = document.querySelector('.tip');
	return {id: s.id, text: tip && !tip.hidden ? tip.textContent : ''};
})`

// checkCharts opens page with scripts on or off and checks that it loads
// with no problem (console error, exception, request) and that every
// chart is drawn: a box on the page and marks in it, the hidden scale of
// a toggle once toggled.
func checkCharts(t *testing.T, b *browser.Browser, page string, scripts bool, wantCharts int) *browser.Page {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	p, err := b.Open(ctx, "file://"+page, browser.Options{Scripts: scripts})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Problems) > 0 {
		t.Errorf("scripts %v: the browser reports %q", scripts, p.Problems)
	}
	var charts []chartState
	if err := p.Eval(ctx, chartsJS, &charts); err != nil {
		t.Fatal(err)
	}
	if len(charts) != wantCharts {
		t.Errorf("scripts %v: %d charts, want %d", scripts, len(charts), wantCharts)
	}
	hidden := map[string]bool{}
	for _, c := range charts {
		if !c.Visible {
			hidden[c.ID] = true
			continue
		}
		if c.Width < 300 || c.Height < 50 || c.Marks < 3 || c.Drawn < 100 {
			t.Errorf("scripts %v: chart %s drawn %.0fx%.0f, %d marks over %.0f px", scripts, c.ID, c.Width, c.Height, c.Marks, c.Drawn)
		}
		if c.Hover && c.Ready != scripts {
			t.Errorf("scripts %v: chart %s: hover set up %v", scripts, c.ID, c.Ready)
		}
	}
	// The log scale is hidden until its toggle is checked (CSS alone),
	// which hides the linear one.
	if len(hidden) != 1 || !hidden["equity-log"] {
		t.Errorf("scripts %v: hidden charts %v, want equity-log alone", scripts, hidden)
	}
	if err := p.Eval(ctx, `document.getElementById('equity-log-toggle').click()`, nil); err != nil {
		t.Fatal(err)
	}
	charts = nil
	if err := p.Eval(ctx, chartsJS, &charts); err != nil {
		t.Fatal(err)
	}
	for _, c := range charts {
		if c.ID == "equity" && c.Visible || c.ID == "equity-log" && (!c.Visible || c.Marks < 3 || c.Drawn < 100) {
			t.Errorf("scripts %v, log scale on: chart %s visible %v, %d marks", scripts, c.ID, c.Visible, c.Marks)
		}
	}
	if err := p.Eval(ctx, `document.getElementById('equity-log-toggle').click()`, nil); err != nil {
		t.Fatal(err)
	}
	p.Check()
	if len(p.Problems) > 0 {
		t.Errorf("scripts %v: the browser reports %q", scripts, p.Problems)
	}
	return p
}

// TestBrowser opens report.html in headless Chromium, with scripts and
// without: no console error, exception or request, every chart drawn, the
// log scale toggle working; with scripts, hovering over each line chart
// shows the session and the values, the portfolio's to the cent of the
// exact value. A run that never trades is checked too (empty charts).
func TestBrowser(t *testing.T) {
	b := startBrowser(t)
	res := runFixture[numeric.Fixed](t, fixtureStart, fixtureEnd)
	dir := t.TempDir()
	if err := report.WriteDir(dir, res, fixtureOptions()); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "report.html")
	checkCharts(t, b, page, false, 13)
	p := checkCharts(t, b, page, true, 13)

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var hovers []struct{ ID, Text string }
	if err := p.Eval(ctx, hoverJS, &hovers); err != nil {
		t.Fatal(err)
	}
	if len(hovers) != 10 { // the line charts but the hidden log scale
		t.Errorf("%d line charts hovered, want 10", len(hovers))
	}
	byDate := map[string]int{}
	for i, s := range res.Snapshots {
		byDate[s.Session.Format("2006-01-02")] = i
	}
	for _, h := range hovers {
		lines := strings.Split(h.Text, "\n")
		i, ok := byDate[lines[0]]
		if !ok || len(lines) < 2 {
			t.Errorf("hover over %s shows %q: want a session's date and values", h.ID, h.Text)
			continue
		}
		if h.ID == "equity" {
			want := "Portfolio: " + groupedCents(res.Snapshots[i].PortfolioValue.Float64())
			if lines[1] != want {
				t.Errorf("hover over the equity at %s: %q, want %q", lines[0], lines[1], want)
			}
		}
	}

	// A run that never trades, without a benchmark: no rolling beta nor
	// recorded series, and charts with nothing to draw but their frame and
	// a message.
	e, err := engine.New(fixtureData[numeric.Fixed](t, fixtureStart, "2023-12-29"),
		engine.StrategyFunc[numeric.Fixed](func(*engine.Context[numeric.Fixed]) {}), engine.Config[numeric.Fixed]{Capital: numeric.Int[numeric.Fixed](5000)})
	if err != nil {
		t.Fatal(err)
	}
	idle, err := e.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	flat := t.TempDir()
	if err := report.WriteDir(flat, idle, report.Options{}); err != nil {
		t.Fatal(err)
	}
	checkCharts(t, b, filepath.Join(flat, "report.html"), true, 10)
	checkCharts(t, b, filepath.Join(flat, "report.html"), false, 10)
}

// groupedCents writes v as the hover box does: grouped thousands, two
// decimals.
func groupedCents(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 && whole[i-1] != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String() + "." + frac
}
