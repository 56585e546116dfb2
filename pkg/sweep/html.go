package sweep

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/pennybt/penny/internal/atomicfile"
	"github.com/pennybt/penny/internal/svg"
)

//go:embed page.html.tmpl
var pageText string

// page is parsed once and only executed after: not mutable state.
var page = template.Must(template.New("report.html").Parse(pageText))

// maxHeatCells bounds the cells of a heatmap (beyond, the page says so).
const maxHeatCells = 60 * 60

type pageData struct {
	Title, Subtitle, Version string
	Rankings                 []rankingData
	Walks                    []walkData
}

type rankingData struct {
	Title   string
	Head    []string
	Rows    [][]string
	Heatmap template.HTML // SVG from package svg, which escapes its text
}

type walkData struct {
	Title, Summary  string
	Head            []string
	Rows            [][]string
	Compare, Equity template.HTML
}

// rankedColumns are the columns shown for each ranked row.
var rankedColumns = []string{"total_return", "annual_return", "sharpe_ratio", "max_drawdown", "round_trips", "pnl"}

// writeHTML writes OUT/report.html: for a sweep, each backend's ranking
// and, when two keys are swept, a heatmap of the metric over them; for a
// walk-forward study, each fold's choice with its in-sample and
// out-of-sample metric and the stitched out-of-sample equity. The page is
// self-contained and well-formed XML, like a run's report.html.
func (s *sweep) writeHTML(out string) error {
	sw := &s.spec.Sweep
	d := pageData{Version: s.opts.Meta.Version, Title: s.opts.Report.Name}
	if d.Title == "" {
		d.Title = "Penny sweep"
	}
	order := "highest first"
	if !sw.Maximize {
		order = "lowest first"
	}
	var cons []string
	for _, c := range sw.Constraints {
		if c.Min != nil {
			cons = append(cons, c.Metric+" >= "+c.Min.String())
		}
		if c.Max != nil {
			cons = append(cons, c.Metric+" <= "+c.Max.String())
		}
	}
	d.Subtitle = fmt.Sprintf("%s of %s: %d runs on %s, ranked by %s (%s)", kindOf(s), strings.Join(s.space.Keys(), " x "),
		s.runs, strings.Join(s.names, ", "), sw.Metric, order)
	if len(cons) > 0 {
		d.Subtitle += ", constraints " + strings.Join(cons, ", ")
	}
	d.Subtitle += fmt.Sprintf("; %d ok, %d skipped, %d failed.", s.res.OK, s.res.Skipped, s.res.Failed)

	if s.folds == nil {
		cells, err := s.heatCells(out)
		if err != nil {
			return err
		}
		r := s.coll.rankers[0]
		for _, b := range s.names {
			rd := rankingData{Title: fmt.Sprintf("Top %d of %d by %s, %s", len(r.ranking(b)), r.eligible[b], sw.Metric, b)}
			rd.Head = append(append([]string{"#", "index"}, s.space.Keys()...), dedupe(append([]string{sw.Metric}, rankedColumns...))...)
			for i, row := range r.ranking(b) {
				line := append([]string{strconv.Itoa(i + 1), strconv.FormatInt(row.Trial, 10)}, row.Values...)
				for _, c := range rd.Head[2+len(row.Values):] {
					line = append(line, human(c, row.Metric(c)))
				}
				rd.Rows = append(rd.Rows, line)
			}
			if cells != nil {
				rd.Heatmap = template.HTML(s.heatmap(b, cells[b]))
			}
			d.Rankings = append(d.Rankings, rd)
		}
	}
	if wf := s.res.WalkForward; wf != nil {
		for _, st := range wf.OutOfSample {
			d.Walks = append(d.Walks, s.walkData(wf, &st))
		}
	}
	return atomicfile.Write(filepath.Join(out, "report.html"), func(w io.Writer) error { return page.Execute(w, d) })
}

func kindOf(s *sweep) string {
	if s.folds != nil {
		return fmt.Sprintf("Walk-forward (%d folds)", len(s.folds))
	}
	if s.spec.Sweep.Search.Method == "random" {
		return "Random search"
	}
	return "Grid sweep"
}

func dedupe(s []string) []string {
	var out []string
	for _, x := range s {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// human writes a metric for people: returns and drawdowns as
// percentages, other statistics with 4 significant digits, money and
// counts as they are.
func human(col, text string) string {
	i := metricIndex(col)
	if i < 0 || text == "" {
		return text
	}
	_, kinds := metricColumns()
	if kinds[i] != kindFloat {
		return text
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return text
	}
	if strings.Contains(col, "return") || strings.Contains(col, "drawdown") || col == "win_rate" {
		return strconv.FormatFloat(f*100, 'f', 2, 64) + "%"
	}
	return strconv.FormatFloat(f, 'g', 4, 64)
}

// cell is one heatmap cell: the metric of an eligible row, or why there
// is none.
type cell struct {
	v    float64
	ok   bool
	note string
}

// heatCells reads results.csv back (two keys swept only) and returns, per
// backend, the cells keyed by the two values' positions.
func (s *sweep) heatCells(out string) (map[string]map[[2]int64]cell, error) {
	if len(s.space.Keys()) != 2 || out == "" {
		return nil, nil
	}
	n0, _ := s.space.params[0].Len()
	n1, _ := s.space.params[1].Len()
	if n0*n1 > maxHeatCells {
		return nil, nil
	}
	r, err := openResults(filepath.Join(out, resultsName), s.layout)
	if err != nil {
		return nil, err
	}
	defer r.close()
	rk := s.coll.rankers[0]
	cells := map[string]map[[2]int64]cell{}
	for _, b := range s.names {
		cells[b] = map[[2]int64]cell{}
	}
	for {
		_, row, err := r.next()
		if err == io.EOF {
			return cells, nil
		}
		if err != nil {
			return nil, err
		}
		grid, err := s.space.Index(row.Values)
		if err != nil {
			return nil, err
		}
		key := [2]int64{grid / n1, grid % n1}
		c := cell{note: string(row.Status)}
		if v, ok := rk.admit(&row); ok {
			f, _ := v.r.Float64()
			if v.inf != 0 {
				f = math.Inf(v.inf)
			}
			c = cell{v: f, ok: true}
		} else if row.Status == OK {
			c.note = "outside the constraints"
		}
		cells[row.Backend][key] = c
	}
}

// Heatmap geometry.
const (
	heatLeft, heatTop = 90.0, 56.0
	heatW             = 1000.0
)

// heatmap draws the metric over the two swept keys: the first key's
// values down, the second's across, each cell coloured from the worst
// eligible value (red) to the best (green) and showing it; runs skipped,
// failed or outside the constraints are grey.
func (s *sweep) heatmap(backend string, cells map[[2]int64]cell) string {
	p0, p1 := &s.space.params[0], &s.space.params[1]
	n0, _ := p0.Len()
	n1, _ := p1.Len()
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, c := range cells {
		if c.ok && !math.IsInf(c.v, 0) {
			lo, hi = math.Min(lo, c.v), math.Max(hi, c.v)
		}
	}
	cw := math.Max(24, math.Min(80, (heatW-heatLeft-20)/float64(n1)))
	ch := math.Max(16, math.Min(30, 600/float64(n0)))
	h := heatTop + ch*float64(n0) + 30
	metric := s.spec.Sweep.Metric
	title := fmt.Sprintf("%s by %s (down) and %s (across), %s", metric, p0.Key, p1.Key, backend)
	cv := svg.New(heatW, h, "heatmap-"+backend, "chart heatmap", title)
	cv.Text(heatLeft, 20, svg.Start, "chart-title", title)
	for j := range n1 {
		cv.Text(heatLeft+cw*(float64(j)+0.5), heatTop-8, svg.Middle, "tick", p1.Value(j))
	}
	for i := range n0 {
		cv.Text(heatLeft-8, heatTop+ch*(float64(i)+0.5)+4, svg.End, "tick", p0.Value(i))
		for j := range n1 {
			x, y := heatLeft+cw*float64(j), heatTop+ch*float64(i)
			c, seen := cells[[2]int64{i, j}]
			name := p0.Key + "=" + p0.Value(i) + ", " + p1.Key + "=" + p1.Value(j)
			switch {
			case !seen:
				cv.Rect(x+1, y+1, cw-2, ch-2, "cell none", "#f4f4f4", name+": not drawn")
			case !c.ok:
				cv.Rect(x+1, y+1, cw-2, ch-2, "cell none", "#cccccc", name+": "+c.note)
			default:
				t := 0.5
				if hi > lo {
					t = (c.v - lo) / (hi - lo)
				}
				if !s.spec.Sweep.Maximize {
					t = 1 - t
				}
				if math.IsInf(c.v, 0) {
					t = 0
					if (c.v > 0) == s.spec.Sweep.Maximize {
						t = 1
					}
				}
				fill, ink := rampColour(t)
				text := strconv.FormatFloat(c.v, 'g', 3, 64)
				cv.Rect(x+1, y+1, cw-2, ch-2, "cell", fill, name+": "+metric+" "+strconv.FormatFloat(c.v, 'g', -1, 64))
				if cw >= 36 && ch >= 14 {
					cv.Text(x+cw/2, y+ch/2+4, svg.Middle, "cell-text", text, svg.Attr{Name: "fill", Value: ink})
				}
			}
		}
	}
	return cv.String()
}

// rampColour goes from red (t = 0, the worst) through pale yellow to
// green (t = 1, the best).
func rampColour(t float64) (fill, ink string) {
	stops := [3][3]float64{{215, 48, 39}, {255, 255, 191}, {26, 152, 80}}
	a, b, u := stops[0], stops[1], t*2
	if t > 0.5 {
		a, b, u = stops[1], stops[2], (t-0.5)*2
	}
	var c [3]int
	for i := range c {
		c[i] = int(math.Round(a[i] + (b[i]-a[i])*u))
	}
	ink = "#1a1a1a"
	if t < 0.15 || t > 0.85 {
		ink = "#ffffff"
	}
	return fmt.Sprintf("rgb(%d,%d,%d)", c[0], c[1], c[2]), ink
}

// walkData builds the walk-forward section of one backend.
func (s *sweep) walkData(wf *WalkForwardResult, st *Stitched) walkData {
	metric := wf.Metric
	w := walkData{Title: "Walk-forward, " + st.Backend}
	w.Head = append(append([]string{"fold", "train", "test"}, s.space.Keys()...), "in sample "+metric, "out of sample "+metric, "end value")
	var ins, outs []float64
	for _, f := range wf.Folds {
		if f.Backend != st.Backend {
			continue
		}
		line := []string{strconv.Itoa(f.Fold), f.TrainStart.Format(dateLayout) + " to " + f.TrainEnd.Format(dateLayout),
			f.TestStart.Format(dateLayout) + " to " + f.TestEnd.Format(dateLayout)}
		in, out := math.NaN(), math.NaN()
		if f.Chosen == nil {
			for range s.space.Keys() {
				line = append(line, "")
			}
			line = append(line, "none met the constraints", "held in cash", f.EndValue)
		} else {
			line = append(line, f.Chosen.Values...)
			line = append(line, human(metric, f.Chosen.Metric(metric)), human(metric, f.Test.Metric(metric)), f.EndValue)
			in, _ = strconv.ParseFloat(f.Chosen.Metric(metric), 64)
			out, _ = strconv.ParseFloat(f.Test.Metric(metric), 64)
		}
		ins, outs = append(ins, in), append(outs, out)
		w.Rows = append(w.Rows, line)
	}
	w.Compare = template.HTML(compareChart(st.Backend, metric, ins, outs))
	w.Equity = template.HTML(equityChart(st))
	w.Summary = fmt.Sprintf("Out of sample, %s to %s: %s to %s (%s), Sharpe ratio %s, max drawdown %s, over %d sessions.",
		first(st.dates), lastOf(st.dates), st.StartingValue, st.EndingValue,
		human("total_return", strconv.FormatFloat(st.TotalReturn, 'g', -1, 64)),
		human("sharpe_ratio", strconv.FormatFloat(st.Metrics.SharpeRatio, 'g', -1, 64)),
		human("max_drawdown", strconv.FormatFloat(st.Metrics.MaxDrawdown, 'g', -1, 64)), st.Sessions)
	return w
}

// Chart geometry.
const (
	chartW, chartH = 1000.0, 300.0
	plotL, plotR   = 80.0, 20.0
	plotT, plotB   = 40.0, 40.0
	plotW, plotH   = chartW - plotL - plotR, chartH - plotT - plotB
	legendY        = 28.0
	barGap         = 0.2
)

// yAxis draws the value axis of [lo, hi] and returns its scale.
func yAxis(cv *svg.Canvas, lo, hi float64) svg.Linear {
	if lo == hi {
		lo, hi = lo-1, hi+1
	}
	ticks, step := svg.NiceTicks(lo, hi, 5)
	if len(ticks) > 0 {
		lo, hi = math.Min(lo, ticks[0]), math.Max(hi, ticks[len(ticks)-1])
	}
	y := svg.Linear{D0: lo, D1: hi, R0: plotT + plotH, R1: plotT}
	dec := svg.Decimals(step)
	for _, t := range ticks {
		cv.Line(plotL, y.Map(t), plotL+plotW, y.Map(t), "grid")
		cv.Text(plotL-6, y.Map(t)+4, svg.End, "tick", strconv.FormatFloat(t, 'f', dec, 64))
	}
	cv.Line(plotL, plotT+plotH, plotL+plotW, plotT+plotH, "axis")
	return y
}

// compareChart draws each fold's in-sample and out-of-sample metric side
// by side.
func compareChart(backend, metric string, ins, outs []float64) string {
	title := metric + " in sample and out of sample, by fold"
	cv := svg.New(chartW, chartH, "in-vs-out-"+backend, "chart", title)
	cv.Text(plotL, 20, svg.Start, "chart-title", title)
	lo, hi := 0.0, 0.0
	for _, v := range append(slices.Clone(ins), outs...) {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	y := yAxis(cv, lo, hi)
	n := float64(len(ins))
	slot := plotW / math.Max(n, 1)
	bw := slot * (1 - barGap) / 2
	bar := func(i int, k float64, v float64, class, label string) {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
		x := plotL + slot*float64(i) + slot*barGap/2 + k*bw
		top, bot := y.Map(math.Max(v, 0)), y.Map(math.Min(v, 0))
		cv.Rect(x, top, bw, math.Max(bot-top, 0.5), class, "", fmt.Sprintf("fold %d %s: %s", i, label, strconv.FormatFloat(v, 'g', 4, 64)))
	}
	for i := range ins {
		bar(i, 0, ins[i], "in-sample", "in sample")
		bar(i, 1, outs[i], "out-of-sample", "out of sample")
		cv.Text(plotL+slot*(float64(i)+0.5), plotT+plotH+16, svg.Middle, "tick", "fold "+strconv.Itoa(i))
	}
	cv.Rect(plotL+plotW-220, legendY-10, 10, 10, "in-sample", "", "in sample")
	cv.Text(plotL+plotW-205, legendY, svg.Start, "legend-text", "in sample")
	cv.Rect(plotL+plotW-120, legendY-10, 10, 10, "out-of-sample", "", "out of sample")
	cv.Text(plotL+plotW-105, legendY, svg.Start, "legend-text", "out of sample")
	return cv.String()
}

// equityChart draws the stitched out-of-sample equity, a dashed line at
// each fold's start.
func equityChart(st *Stitched) string {
	const title = "Out-of-sample equity: the folds' test runs chained"
	cv := svg.New(chartW, chartH, "oos-equity-"+st.Backend, "chart", title)
	cv.Text(plotL, 20, svg.Start, "chart-title", title)
	vals := make([]float64, len(st.values))
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, v := range st.values {
		f, _ := strconv.ParseFloat(v, 64)
		vals[i] = f
		lo, hi = math.Min(lo, f), math.Max(hi, f)
	}
	if len(vals) == 0 {
		return cv.String()
	}
	y := yAxis(cv, lo, hi)
	x := svg.Linear{D0: 0, D1: math.Max(float64(len(vals)-1), 1), R0: plotL, R1: plotL + plotW}
	pts := make([]svg.Point, len(vals))
	for i, v := range vals {
		pts[i] = svg.Point{X: x.Map(float64(i)), Y: y.Map(v)}
		if i > 0 && st.folds[i] != st.folds[i-1] {
			cv.Line(x.Map(float64(i)), plotT, x.Map(float64(i)), plotT+plotH, "fold")
		}
	}
	cv.Text(plotL, plotT+plotH+16, svg.Start, "tick", first(st.dates))
	cv.Text(plotL+plotW, plotT+plotH+16, svg.End, "tick", lastOf(st.dates))
	cv.Path([][]svg.Point{pts}, "line equity")
	return cv.String()
}
