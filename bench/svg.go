package bench

import (
	"slices"

	"github.com/pennybt/penny/internal/svg"
	"github.com/pennybt/penny/numeric"
)

// chartStyle is the style sheet of every chart.
const chartStyle = `text{font:12px sans-serif;fill:#222}.title{font-size:15px;font-weight:bold}.small{font-size:10px}.axis{stroke:#444;stroke-width:1}.grid{stroke:#ddd;stroke-width:1}.ideal{stroke:#888;stroke-width:1.5;stroke-dasharray:5 4;fill:none}.line{stroke-width:2;fill:none}`

// newCanvas starts a chart file: a standalone SVG document with the
// charts' style sheet on a white background.
func newCanvas(w, h float64, title string) *svg.Canvas {
	c := svg.NewDocument(w, h, title, chartStyle)
	c.Background("#fff")
	return c
}

// polyline draws connected segments, with a dot at each point when
// color is set.
func polyline(c *svg.Canvas, ps []svg.Point, class, color string) {
	c.Path([][]svg.Point{ps}, class, svg.Attr{Name: "stroke", Value: color})
	if color == "" {
		return
	}
	for _, p := range ps {
		c.Circle(p.X, p.Y, 3, "", color)
	}
}

// backendPalette colours the backends in every chart, in the order of
// numeric's registry: float, fixed, decimal, then any other.
var backendPalette = [...]string{"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948"}

// backendColor returns the colour of the backend named name, by its place
// in numeric's registry ("" for a name the registry does not know).
func backendColor(name string) string {
	i := slices.Index(numeric.BackendNames(), name)
	if i < 0 {
		return ""
	}
	return backendPalette[i%len(backendPalette)]
}

// moduleColor is each module's colour.
var moduleColor = map[Module]string{
	DataPortal: "#4e79a7", ClockLoop: "#f28e2b", Strategy: "#e15759", Orders: "#76b7b2",
	Ledger: "#59a14f", Metrics: "#edc948", Other: "#b07aa1", Runtime: "#9c755f",
}
