// Package svg writes the small subset of SVG that Penny's charts are drawn
// with: the HTML report's inline charts (package pkg/report) and the
// bench's standalone chart files (package bench). It has a canvas with a
// viewBox, rectangles, lines, circles, text and paths, plus linear scales
// and "nice" axis ticks.
//
// New starts an <svg> element to inline in HTML; NewDocument starts a
// standalone SVG file (an XML declaration, a width and height, a style
// sheet). Both draw with the same methods.
//
// Every piece of text and every attribute value a caller passes is
// escaped for XML, so the markup is well-formed XML (and valid inline SVG
// in HTML) whatever the strings hold. Coordinates are written with one
// decimal, which keeps a 2000-point line under 30 kB.
//
// A Canvas is a strings.Builder underneath: it is not safe for concurrent
// use, and nothing in the package panics on finite input. Non-finite
// coordinates are a bug of the caller; they are written as 0.
package svg
