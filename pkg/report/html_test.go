package report_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/report"
)

const svgNamespace = "http://www.w3.org/2000/svg"

// htmlDoc is what checkHTML reads out of report.html, parsed as XML.
type htmlDoc struct {
	raw       string
	elements  map[string]int // element name -> count
	attrs     map[string]int // attribute name -> count
	title, h1 string
	svgs      []*svgDoc
	rows      map[string]int // table class -> rows in its tbody
	notes     []string       // text of the <p class="note"> elements
}

// svgDoc is one <svg> element of the page.
type svgDoc struct {
	id         string
	w, h       float64           // its viewBox
	paths      map[string][]int  // path class -> points of each path
	rects      map[string]int    // rect class -> count
	cellTexts  []string          // text of the heatmap's cells
	barTitles  []string          // tooltips of the histogram's bars
	outside    []string          // points outside the viewBox
	attrValues map[string]string // attributes of the <svg> element
	values     map[string]int    // path class -> values in its data-values
}

// parseHTML parses the page with encoding/xml in strict mode, with no
// entity but XML's five: the page must be well-formed XML (XHTML-style
// markup, which is also valid HTML).
func parseHTML(t *testing.T, b []byte) *htmlDoc {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	doc := &htmlDoc{raw: string(b), elements: map[string]int{}, attrs: map[string]int{}, rows: map[string]int{}}
	var (
		stack []xml.StartElement
		text  strings.Builder // text of the innermost element being read
		svg   *svgDoc
		table string
	)
	class := func(e xml.StartElement) string { return attr(e, "class") }
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, col := d.InputPos()
			t.Fatalf("report.html is not well-formed at line %d, column %d: %v", line, col, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tok.Copy())
			text.Reset()
			name := tok.Name.Local
			doc.elements[name]++
			for _, a := range tok.Attr {
				doc.attrs[a.Name.Local]++
			}
			switch name {
			case "svg":
				svg = &svgDoc{id: attr(tok, "id"), paths: map[string][]int{}, rects: map[string]int{}, attrValues: map[string]string{}, values: map[string]int{}}
				for _, a := range tok.Attr {
					svg.attrValues[a.Name.Local] = a.Value
				}
				if _, err := fmt.Sscanf(attr(tok, "viewBox"), "0 0 %g %g", &svg.w, &svg.h); err != nil {
					t.Errorf("svg %s: viewBox %q: %v", svg.id, attr(tok, "viewBox"), err)
				}
				doc.svgs = append(doc.svgs, svg)
			case "path":
				pts := pathPoints(t, attr(tok, "d"))
				svg.paths[class(tok)] = append(svg.paths[class(tok)], len(pts))
				if v := attr(tok, "data-values"); v != "" {
					svg.values[class(tok)] = strings.Count(v, ",") + 1
				}
				for _, p := range pts {
					if p[0] < 0 || p[0] > svg.w || p[1] < 0 || p[1] > svg.h {
						svg.outside = append(svg.outside, fmt.Sprint(p))
					}
				}
			case "rect":
				svg.rects[class(tok)]++
			case "table":
				table = class(tok)
			case "tr":
				if len(stack) >= 2 && stack[len(stack)-2].Name.Local == "tbody" {
					doc.rows[table]++
				}
			}
		case xml.CharData:
			text.Write(tok)
		case xml.EndElement:
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			switch {
			case tok.Name.Local == "title" && len(stack) > 0 && stack[len(stack)-1].Name.Local == "head":
				doc.title = text.String()
			case tok.Name.Local == "h1":
				doc.h1 = text.String()
			case tok.Name.Local == "p" && class(top) == "note":
				doc.notes = append(doc.notes, text.String())
			case tok.Name.Local == "text" && class(top) == "cell-text":
				svg.cellTexts = append(svg.cellTexts, text.String())
			case tok.Name.Local == "title" && len(stack) > 0 && class(stack[len(stack)-1]) == "bar":
				svg.barTitles = append(svg.barTitles, text.String())
			}
		}
	}
	return doc
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// pathPoints reads the points of path data made of M and L commands with
// "x,y" pairs.
func pathPoints(t *testing.T, d string) [][2]float64 {
	t.Helper()
	var pts [][2]float64
	for _, cmd := range strings.FieldsFunc(d, func(r rune) bool { return r == 'M' || r == 'L' }) {
		xs, ys, ok := strings.Cut(cmd, ",")
		x, errx := strconv.ParseFloat(xs, 64)
		y, erry := strconv.ParseFloat(ys, 64)
		if !ok || errx != nil || erry != nil {
			t.Fatalf("path data %q: bad point %q", d[:min(len(d), 80)], cmd)
		}
		pts = append(pts, [2]float64{x, y})
	}
	if len(d) > 0 && d[0] != 'M' {
		t.Errorf("path data %q does not start with M", d[:min(len(d), 80)])
	}
	return pts
}

func (d *htmlDoc) svg(t *testing.T, id string) *svgDoc {
	t.Helper()
	for _, s := range d.svgs {
		if s.id == id {
			return s
		}
	}
	t.Fatalf("no <svg id=%q>", id)
	return nil
}

// checkHTML checks report.html: well-formed, self-contained, the escaped
// title, one SVG per chart with a line of one point per session (the
// fixture is shorter than report.MaxPoints), the heatmap's months and
// their printed returns, and the transactions table capped at maxTrades.
func checkHTML[N numeric.Number[N]](t *testing.T, path string, res *engine.Result[N], maxTrades int) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := parseHTML(t, b)
	n := len(res.Snapshots)

	// Self-contained: one inline script, no external resource, no
	// reference anywhere but the SVG namespace.
	for _, el := range []string{"link", "img", "iframe", "object", "embed", "base", "use", "image", "foreignObject"} {
		if doc.elements[el] > 0 {
			t.Errorf("%d <%s> elements", doc.elements[el], el)
		}
	}
	if doc.elements["script"] != 1 {
		t.Errorf("%d <script> elements, want the one inline", doc.elements["script"])
	}
	for _, a := range []string{"src", "href", "srcset", "action", "style"} {
		if doc.attrs[a] > 0 {
			t.Errorf("%d %s= attributes", doc.attrs[a], a)
		}
	}
	refs := strings.Count(doc.raw, "http://") + strings.Count(doc.raw, "https://")
	if ns := strings.Count(doc.raw, `xmlns="`+svgNamespace+`"`); refs != ns || ns != len(doc.svgs) {
		t.Errorf("%d http(s) references, %d of them the SVG namespace of the %d <svg>: want only those", refs, ns, len(doc.svgs))
	}
	for _, s := range []string{"url(", "@import", "//"} {
		if strings.Contains(strings.ReplaceAll(doc.raw, svgNamespace, ""), s) {
			t.Errorf("the page contains %q", s)
		}
	}

	// The title, escaped in the markup, reads back as the name.
	if doc.title != fixtureName || doc.h1 != fixtureName {
		t.Errorf("title %q, h1 %q, want %q", doc.title, doc.h1, fixtureName)
	}
	if strings.Contains(doc.raw, "<cross>") || !strings.Contains(doc.raw, "&lt;cross&gt; &amp; ") {
		t.Errorf("the name is not escaped in the markup")
	}

	// One SVG per chart, in order.
	var ids []string
	for _, s := range doc.svgs {
		ids = append(ids, s.id)
		if len(s.outside) > 0 {
			t.Errorf("svg %s: %d points outside the viewBox, e.g. %s", s.id, len(s.outside), s.outside[0])
		}
	}
	if want := []string{"equity", "equity-log", "drawdown", "monthly-returns", "returns-histogram", "rolling-sharpe",
		"rolling-volatility", "rolling-beta", "exposure", "leverage", "costs", "record-0", "record-1"}; !slices.Equal(ids, want) {
		t.Fatalf("svg ids %v, want %v", ids, want)
	}
	full := n - report.DefaultRollingWindow + 1 // the full windows
	lines := []struct {
		svg, class string
		points     int
	}{
		// The equity and the drawdown start at the capital, before the
		// first session; the log chart has the same lines (every value
		// is positive).
		{"equity", "line equity", n + 1},
		{"equity", "line benchmark", n + 1},
		{"equity-log", "line equity", n + 1},
		{"equity-log", "line benchmark", n + 1},
		{"drawdown", "line drawdown", n + 1},
		// The statistics of each full window of 63 sessions.
		{"rolling-sharpe", "line rolling-sharpe", full},
		{"rolling-volatility", "line rolling-volatility", full},
		{"rolling-beta", "line rolling-beta", full},
		{"exposure", "line long", n},
		{"exposure", "line short", n},
		{"exposure", "line net", n},
		{"leverage", "line gross", n},
		{"costs", "line commission", n},
		{"costs", "line slippage", n},
		// The recorded series: cash from the first session, the signal
		// from the fourth.
		{"record-0", "line record", n},
		{"record-1", "line record", n - 3},
	}
	total := map[string]int{}
	for _, l := range lines {
		s := doc.svg(t, l.svg)
		if got := s.paths[l.class]; !slices.Equal(got, []int{l.points}) {
			t.Errorf("svg %s: paths of class %q have %v points, want one of %d", l.svg, l.class, got, l.points)
		}
		// Every value of the series goes to the hover script, one per
		// point of the chart's x axis.
		points, _ := strconv.Atoi(s.attrValues["data-n"])
		if from := s.attrValues["data-values-from"]; from != "" {
			// The log chart's values are the linear chart's.
			if from != "equity" || s.values[l.class] != 0 {
				t.Errorf("svg %s: values from %q, and %d of its own", l.svg, from, s.values[l.class])
			}
		} else if s.values[l.class] != points || s.attrValues["data-hover"] != "line" {
			t.Errorf("svg %s, %s: %d hover values for %d points (data-hover %q)", l.svg, l.class, s.values[l.class], points, s.attrValues["data-hover"])
		}
		total[l.svg] += l.points
	}
	for _, s := range doc.svgs {
		got := 0
		for _, pts := range s.paths {
			for _, p := range pts {
				got += p
			}
		}
		if got != total[s.id] {
			t.Errorf("svg %s: %d points in all, want %d", s.id, got, total[s.id])
		}
	}

	// The histogram: a bar per bin with sessions, its tooltip its count;
	// every session's return in one bin.
	hist := doc.svg(t, "returns-histogram")
	counted := 0
	for _, title := range hist.barTitles {
		_, c, _ := strings.Cut(title, ": ")
		k, err := strconv.Atoi(strings.Fields(c)[0])
		if err != nil || k <= 0 {
			t.Errorf("histogram bar %q", title)
		}
		counted += k
	}
	if counted != n || len(hist.barTitles) != hist.rects["bar"] || len(hist.barTitles) > 50 {
		t.Errorf("histogram: %d bars counting %d sessions, want %d", len(hist.barTitles), counted, n)
	}

	// The worst drawdowns, the deepest the run's max_drawdown; the round
	// trips of the ledger.
	s, err := report.Summarize(res, fixtureOptions())
	if err != nil {
		t.Fatal(err)
	}
	if doc.rows["drawdowns"] != 5 {
		t.Errorf("%d drawdown rows, want 5", doc.rows["drawdowns"])
	}
	if want := formatPercent(s.Metrics.MaxDrawdown); !strings.Contains(doc.raw, `<tr><td class="num">1</td><td class="num">`+want+`</td>`) {
		t.Errorf("the deepest drawdown is not %s", want)
	}
	trips := ledger.RoundTrips(res.Transactions, res.Events())
	if doc.rows["round-trips"] != min(len(trips), maxTrades) {
		t.Errorf("%d round-trip rows for %d trips (cap %d)", doc.rows["round-trips"], len(trips), maxTrades)
	}

	// The heatmap: a cell per month and per year with sessions, each
	// showing its return: the last portfolio value of the month over that
	// of the month before (the capital before the first).
	months, years := monthlyReturns(res)
	heat := doc.svg(t, "monthly-returns")
	if heat.rects["cell"] != len(months) || heat.rects["cell year"] != len(years) {
		t.Errorf("heatmap: %d month cells and %d year cells, want %d and %d", heat.rects["cell"], heat.rects["cell year"], len(months), len(years))
	}
	var want []string
	for _, r := range append(months, years...) {
		// One decimal, and no minus sign on a zero.
		want = append(want, strings.Replace(strconv.FormatFloat(r*100, 'f', 1, 64), "-0.0", "0.0", 1)+"%")
	}
	if !slices.Equal(heat.cellTexts, want) {
		t.Errorf("heatmap values %v, want %v", heat.cellTexts, want)
	}

	// The transactions table and its note.
	shown := min(len(res.Transactions), maxTrades)
	if doc.rows["transactions"] != shown {
		t.Errorf("%d transaction rows, want %d", doc.rows["transactions"], shown)
	}
	note := strconv.Itoa(len(res.Transactions)) + " transactions."
	if left := len(res.Transactions) - shown; left > 0 {
		note = fmt.Sprintf("The first %d of %d transactions; %d more are left out here (transactions.csv has them all).", shown, len(res.Transactions), left)
	}
	if !slices.Contains(doc.notes, note) {
		t.Errorf("no note %q among %q", note, doc.notes)
	}
	// The summary table lists the Summary's rows.
	rows := s.Rows()
	if got := doc.rows["summary"] + doc.rows["trades-summary"] + doc.rows["metrics"]; got != len(rows) {
		t.Errorf("%d rows in the summary, trades and metrics tables, want %d", got, len(rows))
	}
}

// monthlyReturns returns the return of each calendar month and year of
// the run, from the snapshots' portfolio values.
func monthlyReturns[N numeric.Number[N]](res *engine.Result[N]) (months, years []float64) {
	type key struct {
		y int
		m time.Month
	}
	var mkeys []key
	last := map[key]float64{}
	var ykeys []int
	ylast := map[int]float64{}
	for _, s := range res.Snapshots {
		k := key{s.Session.Year(), s.Session.Month()}
		if _, ok := last[k]; !ok {
			mkeys = append(mkeys, k)
		}
		last[k] = s.PortfolioValue.Float64()
		if _, ok := ylast[k.y]; !ok {
			ykeys = append(ykeys, k.y)
		}
		ylast[k.y] = s.PortfolioValue.Float64()
	}
	prev := res.Capital.Float64()
	for _, k := range mkeys {
		months = append(months, last[k]/prev-1)
		prev = last[k]
	}
	prev = res.Capital.Float64()
	for _, y := range ykeys {
		years = append(years, ylast[y]/prev-1)
		prev = ylast[y]
	}
	return months, years
}

// TestHTMLCap checks the cap on the transactions table.
func TestHTMLCap(t *testing.T) {
	res := runFixture[numeric.Fixed](t, fixtureStart, fixtureEnd)
	opts := fixtureOptions()
	opts.MaxTrades = 7
	r, err := report.New(res, opts)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	path := t.TempDir() + "/report.html"
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	checkHTML(t, path, res, 7)
}

// TestHTMLLongRun checks the downsampling of a 10-year daily run (2516
// sessions, more than report.MaxPoints): every line has at most MaxPoints
// points, and the page stays small.
func TestHTMLLongRun(t *testing.T) {
	res := runFixture[numeric.Fixed](t, "2014-01-02", "2023-12-29")
	if len(res.Snapshots) <= report.MaxPoints {
		t.Fatalf("%d sessions: the run is too short to test downsampling", len(res.Snapshots))
	}
	r, err := report.New(res, report.Options{Name: "ten years"})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	doc := parseHTML(t, b.Bytes())
	lines := 0
	for _, s := range doc.svgs {
		for class, paths := range s.paths {
			for _, n := range paths {
				lines++
				if n > report.MaxPoints || n < report.MaxPoints/2 {
					t.Errorf("svg %s, %s: %d points, want at most %d (and not far fewer)", s.id, class, n, report.MaxPoints)
				}
			}
		}
	}
	if lines != 16 {
		t.Errorf("%d lines, want 16", lines)
	}
	if b.Len() > 700<<10 {
		t.Errorf("report.html is %d bytes, want under 700 kB", b.Len())
	}
	t.Logf("report.html of %d sessions: %d bytes", len(res.Snapshots), b.Len())
	if months, _ := monthlyReturns(res); doc.svg(t, "monthly-returns").rects["cell"] != len(months) || len(months) != 120 {
		t.Errorf("heatmap: %d cells for %d months", doc.svg(t, "monthly-returns").rects["cell"], len(months))
	}
}

// formatPercent writes a fraction as the report does: a percentage with
// two decimals.
func formatPercent(v float64) string { return strconv.FormatFloat(v*100, 'f', 2, 64) + "%" }
