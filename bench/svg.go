package bench

import (
	"encoding/xml"
	"math"
	"strconv"
	"strings"
)

// canvas writes a standalone SVG document: the few elements the bench's
// charts need. Text and attribute values are escaped; coordinates are
// written with one decimal (non-finite ones as 0).
type canvas struct {
	b strings.Builder
}

// chartStyle is the style sheet of every chart.
const chartStyle = `text{font:12px sans-serif;fill:#222}.title{font-size:15px;font-weight:bold}.small{font-size:10px}.axis{stroke:#444;stroke-width:1}.grid{stroke:#ddd;stroke-width:1}.ideal{stroke:#888;stroke-width:1.5;stroke-dasharray:5 4;fill:none}.line{stroke-width:2;fill:none}`

func newCanvas(w, h float64, title string) *canvas {
	c := &canvas{}
	c.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	c.b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" width="`)
	c.num(w)
	c.b.WriteString(`" height="`)
	c.num(h)
	c.b.WriteString(`" viewBox="0 0 `)
	c.num(w)
	c.b.WriteByte(' ')
	c.num(h)
	c.b.WriteString(`" role="img"><title>`)
	c.esc(title)
	c.b.WriteString("</title><style>" + chartStyle + `</style><rect width="100%" height="100%" fill="#fff"/>`)
	return c
}

func (c *canvas) num(v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		v = 0
	}
	v = math.Round(v*10) / 10
	if v == 0 {
		v = 0
	}
	c.b.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
}

func (c *canvas) esc(s string) { _ = xml.EscapeText(&c.b, []byte(s)) }

func (c *canvas) attr(name, v string) {
	if v == "" {
		return
	}
	c.b.WriteString(" " + name + `="`)
	c.esc(v)
	c.b.WriteByte('"')
}

func (c *canvas) rect(x, y, w, h float64, fill, tip string) {
	c.b.WriteString(`<rect x="`)
	c.num(x)
	c.b.WriteString(`" y="`)
	c.num(y)
	c.b.WriteString(`" width="`)
	c.num(max(w, 0))
	c.b.WriteString(`" height="`)
	c.num(max(h, 0))
	c.b.WriteByte('"')
	c.attr("fill", fill)
	if tip == "" {
		c.b.WriteString("/>")
		return
	}
	c.b.WriteString("><title>")
	c.esc(tip)
	c.b.WriteString("</title></rect>")
}

func (c *canvas) line(x1, y1, x2, y2 float64, class string) {
	c.b.WriteString(`<line x1="`)
	c.num(x1)
	c.b.WriteString(`" y1="`)
	c.num(y1)
	c.b.WriteString(`" x2="`)
	c.num(x2)
	c.b.WriteString(`" y2="`)
	c.num(y2)
	c.b.WriteByte('"')
	c.attr("class", class)
	c.b.WriteString("/>")
}

// text writes s at (x, y); anchor is "start", "middle" or "end".
func (c *canvas) text(x, y float64, anchor, class, s string) {
	c.b.WriteString(`<text x="`)
	c.num(x)
	c.b.WriteString(`" y="`)
	c.num(y)
	c.b.WriteByte('"')
	if anchor != "start" {
		c.attr("text-anchor", anchor)
	}
	c.attr("class", class)
	c.b.WriteByte('>')
	c.esc(s)
	c.b.WriteString("</text>")
}

type point struct{ x, y float64 }

// polyline draws connected segments, with a dot at each point when
// color is set.
func (c *canvas) polyline(ps []point, class, color string) {
	if len(ps) == 0 {
		return
	}
	c.b.WriteString(`<path d="`)
	for i, p := range ps {
		if i == 0 {
			c.b.WriteByte('M')
		} else {
			c.b.WriteByte('L')
		}
		c.num(p.x)
		c.b.WriteByte(',')
		c.num(p.y)
	}
	c.b.WriteByte('"')
	c.attr("class", class)
	c.attr("stroke", color)
	c.b.WriteString("/>")
	if color == "" {
		return
	}
	for _, p := range ps {
		c.b.WriteString(`<circle cx="`)
		c.num(p.x)
		c.b.WriteString(`" cy="`)
		c.num(p.y)
		c.b.WriteString(`" r="3"`)
		c.attr("fill", color)
		c.b.WriteString("/>")
	}
}

func (c *canvas) String() string { return c.b.String() + "</svg>\n" }

// linear maps [d0, d1] onto [r0, r1].
type linear struct{ d0, d1, r0, r1 float64 }

func (s linear) at(v float64) float64 {
	if s.d1 == s.d0 {
		return (s.r0 + s.r1) / 2
	}
	return s.r0 + (v-s.d0)*(s.r1-s.r0)/(s.d1-s.d0)
}

// niceStep returns the smallest of 1, 2 or 5 times a power of ten at or
// above raw.
func niceStep(raw float64) float64 {
	if !(raw > 0) || math.IsInf(raw, 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5} {
		if m*p >= raw*(1-1e-9) {
			return m * p
		}
	}
	return 10 * p
}

// backendColor is each backend's colour in every chart.
var backendColor = map[string]string{"float": "#4e79a7", "fixed": "#f28e2b", "decimal": "#59a14f"}

// moduleColor is each module's colour.
var moduleColor = map[Module]string{
	DataPortal: "#4e79a7", ClockLoop: "#f28e2b", Strategy: "#e15759", Orders: "#76b7b2",
	Ledger: "#59a14f", Metrics: "#edc948", Other: "#b07aa1", Runtime: "#9c755f",
}
