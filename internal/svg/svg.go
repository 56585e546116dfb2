package svg

import (
	"encoding/xml"
	"math"
	"strconv"
	"strings"
)

// Namespace is the SVG namespace, written on every <svg> element so that
// the markup also stands alone as an SVG document.
const Namespace = "http://www.w3.org/2000/svg"

// Canvas accumulates the markup of one <svg> element. Build it with New
// or NewDocument, draw, and call String once at the end.
type Canvas struct {
	b        strings.Builder
	W, H     float64
	closed   bool
	document bool // a standalone file: String ends it with a newline
}

// New starts an <svg> element of width w and height h user units (its
// viewBox), with the given id and class attributes (omitted when empty),
// optional extra attributes (data-* for a page's script...) and an
// accessible <title>.
func New(w, h float64, id, class, title string, attrs ...Attr) *Canvas {
	c := &Canvas{W: w, H: h}
	c.b.WriteString(`<svg xmlns="` + Namespace + `" viewBox="0 0 `)
	c.num(w)
	c.b.WriteByte(' ')
	c.num(h)
	c.b.WriteByte('"')
	c.attr("id", id)
	c.attr("class", class)
	for _, a := range attrs {
		c.attr(a.Name, a.Value)
	}
	c.b.WriteString(` role="img">`)
	if title != "" {
		c.b.WriteString("<title>")
		c.text(title)
		c.b.WriteString("</title>")
	}
	return c
}

// NewDocument starts a standalone SVG document of width w and height h
// (in user units and in pixels): an XML declaration, then an <svg>
// element with an accessible <title> and, when style is not empty, a
// <style> sheet. String ends the document with a newline.
func NewDocument(w, h float64, title, style string) *Canvas {
	c := &Canvas{W: w, H: h, document: true}
	c.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	c.b.WriteString(`<svg xmlns="` + Namespace + `" width="`)
	c.num(w)
	c.b.WriteString(`" height="`)
	c.num(h)
	c.b.WriteString(`" viewBox="0 0 `)
	c.num(w)
	c.b.WriteByte(' ')
	c.num(h)
	c.b.WriteString(`" role="img"><title>`)
	c.text(title)
	c.b.WriteString("</title>")
	if style != "" {
		c.b.WriteString("<style>")
		c.text(style)
		c.b.WriteString("</style>")
	}
	return c
}

// Background fills the whole canvas with fill: a rectangle of 100% width
// and height, drawn under what follows.
func (c *Canvas) Background(fill string) {
	c.b.WriteString(`<rect width="100%" height="100%"`)
	c.attr("fill", fill)
	c.b.WriteString("/>")
}

// Attr is an extra attribute of an element.
type Attr struct{ Name, Value string }

// Rect draws a rectangle with its top-left corner at (x, y); title, when
// not empty, becomes a <title> child (the tooltip browsers show on hover).
func (c *Canvas) Rect(x, y, w, h float64, class, fill, title string, attrs ...Attr) {
	c.b.WriteString(`<rect x="`)
	c.num(x)
	c.b.WriteString(`" y="`)
	c.num(y)
	c.b.WriteString(`" width="`)
	c.num(math.Max(w, 0))
	c.b.WriteString(`" height="`)
	c.num(math.Max(h, 0))
	c.b.WriteByte('"')
	c.attr("class", class)
	c.attr("fill", fill)
	for _, a := range attrs {
		c.attr(a.Name, a.Value)
	}
	if title == "" {
		c.b.WriteString("/>")
		return
	}
	c.b.WriteString("><title>")
	c.text(title)
	c.b.WriteString("</title></rect>")
}

// Line draws a straight line from (x1, y1) to (x2, y2).
func (c *Canvas) Line(x1, y1, x2, y2 float64, class string) {
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

// Anchor is the horizontal alignment of text (SVG's text-anchor).
type Anchor string

const (
	Start  Anchor = "start"
	Middle Anchor = "middle"
	End    Anchor = "end"
)

// Text writes s with its baseline at y, aligned on x by anchor, with
// optional extra attributes (a fill, a transform...).
func (c *Canvas) Text(x, y float64, anchor Anchor, class, s string, attrs ...Attr) {
	c.b.WriteString(`<text x="`)
	c.num(x)
	c.b.WriteString(`" y="`)
	c.num(y)
	c.b.WriteByte('"')
	if anchor != Start && anchor != "" {
		c.attr("text-anchor", string(anchor))
	}
	c.attr("class", class)
	for _, a := range attrs {
		c.attr(a.Name, a.Value)
	}
	c.b.WriteByte('>')
	c.text(s)
	c.b.WriteString("</text>")
}

// Circle draws a circle of radius r centred on (cx, cy).
func (c *Canvas) Circle(cx, cy, r float64, class, fill string) {
	c.b.WriteString(`<circle cx="`)
	c.num(cx)
	c.b.WriteString(`" cy="`)
	c.num(cy)
	c.b.WriteString(`" r="`)
	c.num(math.Max(r, 0))
	c.b.WriteByte('"')
	c.attr("class", class)
	c.attr("fill", fill)
	c.b.WriteString("/>")
}

// Point is a position in user units.
type Point struct{ X, Y float64 }

// Path draws connected line segments: one <path> element whose data
// starts a new subpath ("M") at the first point of each segment and
// draws a line ("L") to each following point, with optional extra
// attributes (a stroke...). Empty segments are skipped; with no point at
// all nothing is written.
func (c *Canvas) Path(segments [][]Point, class string, attrs ...Attr) {
	n := 0
	for _, s := range segments {
		n += len(s)
	}
	if n == 0 {
		return
	}
	c.b.WriteString(`<path d="`)
	for _, s := range segments {
		for i, p := range s {
			if i == 0 {
				c.b.WriteByte('M')
			} else {
				c.b.WriteByte('L')
			}
			c.num(p.X)
			c.b.WriteByte(',')
			c.num(p.Y)
		}
	}
	c.b.WriteByte('"')
	c.attr("class", class)
	for _, a := range attrs {
		c.attr(a.Name, a.Value)
	}
	c.b.WriteString("/>")
}

// String closes the <svg> element (and a document with a newline) and
// returns the markup. Drawing after String is a bug; it is ignored.
func (c *Canvas) String() string {
	if !c.closed {
		c.b.WriteString("</svg>")
		if c.document {
			c.b.WriteByte('\n')
		}
		c.closed = true
	}
	return c.b.String()
}

// num writes v with at most one decimal ("12", "12.5", "-0.3").
func (c *Canvas) num(v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		v = 0
	}
	v = math.Round(v*10) / 10
	if v == 0 {
		v = 0 // no "-0"
	}
	var buf [32]byte
	c.b.Write(strconv.AppendFloat(buf[:0], v, 'f', -1, 64))
}

func (c *Canvas) attr(name, value string) {
	if value == "" {
		return
	}
	c.b.WriteByte(' ')
	c.b.WriteString(name)
	c.b.WriteString(`="`)
	c.text(value)
	c.b.WriteByte('"')
}

func (c *Canvas) text(s string) {
	// EscapeText escapes <, >, &, ' and " as well as control characters,
	// and replaces invalid UTF-8: safe in text and in quoted attributes.
	_ = xml.EscapeText(&c.b, []byte(s))
}
