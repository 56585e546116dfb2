package sweep

import (
	"encoding/xml"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// element is a parsed XML element, for walking report.html.
type element struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []element  `xml:",any"`
	Text    string     `xml:",chardata"`
}

func (e *element) attr(name string) string {
	for _, a := range e.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// find returns the elements under e (e included) that match.
func (e *element) find(match func(*element) bool) []*element {
	var out []*element
	if match(e) {
		out = append(out, e)
	}
	for i := range e.Nodes {
		out = append(out, e.Nodes[i].find(match)...)
	}
	return out
}

func parsePage(t *testing.T, path string) *element {
	t.Helper()
	text := strings.Replace(read(t, path), "<!DOCTYPE html>", "", 1)
	d := xml.NewDecoder(strings.NewReader(text))
	d.Strict = true
	var root element
	if err := d.Decode(&root); err != nil && err != io.EOF {
		t.Fatalf("report.html is not well-formed XML: %v", err)
	}
	return &root
}

// TestSweepReport: report.html ranks each backend's best rows and, with
// two keys swept, draws a cell per combination, grey for the skipped.
func TestSweepReport(t *testing.T) {
	spec := parseSweep(t, crossSweep+"  constraints: {round_trips: {min: 1}}\n")
	dir := t.TempDir()
	res := run(t, spec, Options{Out: dir, Report: reportOptions("cross <sweep>")}, backends(t, 1)[:2])
	page := parsePage(t, filepath.Join(dir, "report.html"))
	if h1 := page.find(func(e *element) bool { return e.XMLName.Local == "h1" }); len(h1) != 1 || h1[0].Text != "cross <sweep>" {
		t.Fatalf("title %v", h1)
	}
	tables := page.find(func(e *element) bool { return e.XMLName.Local == "tbody" })
	if len(tables) != 2 {
		t.Fatalf("%d ranking tables", len(tables))
	}
	for i, tb := range tables {
		rows := tb.find(func(e *element) bool { return e.XMLName.Local == "tr" })
		if len(rows) != len(res.Rankings[i].Rows) || len(rows) != 10 {
			t.Fatalf("table %d has %d rows", i, len(rows))
		}
		// the first row is the best: rank 1, its index
		if rows[0].Nodes[0].Text != "1" || rows[0].Nodes[1].Text != strconv.FormatInt(res.Rankings[i].Rows[0].Trial, 10) {
			t.Fatalf("table %d first row %v", i, rows[0].Nodes[:2])
		}
	}
	for _, b := range []string{"fixed", "decimal"} {
		svgs := page.find(func(e *element) bool { return e.attr("id") == "heatmap-"+b })
		if len(svgs) != 1 {
			t.Fatalf("%s: %d heatmaps", b, len(svgs))
		}
		cells := svgs[0].find(func(e *element) bool { return strings.HasPrefix(e.attr("class"), "cell") && e.XMLName.Local == "rect" })
		grey := 0
		for _, c := range cells {
			if c.attr("class") == "cell none" {
				grey++
			}
		}
		if len(cells) != 24 || grey != int(res.Skipped/2) {
			t.Fatalf("%s heatmap: %d cells, %d grey; %d rows skipped", b, len(cells), grey, res.Skipped)
		}
	}
}

// TestWalkForwardReport: report.html shows each fold's in-sample and
// out-of-sample metric and the stitched equity.
func TestWalkForwardReport(t *testing.T) {
	dir := t.TempDir()
	run(t, parseSweep(t, wfSweep), Options{Out: dir}, []Backend{wfBackend(t, "")})
	page := parsePage(t, filepath.Join(dir, "report.html"))
	rows := page.find(func(e *element) bool { return e.XMLName.Local == "tr" })
	if len(rows) != 6 { // header and 5 folds
		t.Fatalf("%d table rows", len(rows))
	}
	bars := page.find(func(e *element) bool {
		return e.XMLName.Local == "rect" && (e.attr("class") == "in-sample" || e.attr("class") == "out-of-sample")
	})
	if len(bars) != 2*5+2 { // two bars per fold, two legend keys
		t.Fatalf("%d bars", len(bars))
	}
	if eq := page.find(func(e *element) bool { return e.attr("id") == "oos-equity-fixed" }); len(eq) != 1 {
		t.Fatal("no out-of-sample equity chart")
	}
}
