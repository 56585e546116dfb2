package svg

import (
	"encoding/xml"
	"io"
	"math"
	"strings"
	"testing"
)

// decode parses markup strictly as XML and returns its elements' names in
// document order and the text of every element, joined.
func decode(t *testing.T, s string) (names []string, text string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = true
	var b strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, s)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			names = append(names, tok.Name.Local)
		case xml.CharData:
			b.Write(tok)
		}
	}
	return names, b.String()
}

func TestCanvasEscapes(t *testing.T) {
	evil := `a<b>&"c"'d' </svg><script>x</script>`
	c := New(100, 50, `id"<`, "k&", evil)
	c.Rect(1, 2, 3, 4, "cell", "rgb(1,2,3)", evil)
	c.Text(5, 6, Middle, "label", evil, Attr{"fill", `"x"`})
	c.Line(0, 0, 1, 1, "grid")
	s := c.String()
	names, text := decode(t, s)
	want := []string{"svg", "title", "rect", "title", "text", "line"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("elements %v, want %v", names, want)
	}
	if got := strings.Count(text, evil); got != 3 {
		t.Errorf("the text reads back %d times, want 3: %q", got, text)
	}
	if strings.Contains(s, "<script") {
		t.Errorf("unescaped markup: %s", s)
	}
	if s2 := c.String(); s2 != s {
		t.Errorf("String is not idempotent")
	}
}

func TestPath(t *testing.T) {
	tests := []struct {
		name string
		segs [][]Point
		want string
	}{
		{"none", nil, ""},
		{"empty segments", [][]Point{{}, {}}, ""},
		{"one", [][]Point{{{0, 0}, {1.25, -2}, {3, 4.04}}}, `<path d="M0,0L1.3,-2L3,4" class="l"/>`},
		{"gap", [][]Point{{{0, 0}, {1, 1}}, {}, {{5, 5}}}, `<path d="M0,0L1,1M5,5" class="l"/>`},
		{"non-finite", [][]Point{{{math.NaN(), math.Inf(1)}, {-0.01, 0}}}, `<path d="M0,0L0,0" class="l"/>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := New(10, 10, "", "", "")
			c.Path(tc.segs, "l")
			got := strings.TrimSuffix(strings.TrimPrefix(c.String(), `<svg xmlns="`+Namespace+`" viewBox="0 0 10 10" role="img">`), "</svg>")
			if got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestNiceTicks(t *testing.T) {
	tests := []struct {
		name     string
		lo, hi   float64
		n        int
		want     []float64
		wantStep float64
	}{
		{"unit", 0, 1, 5, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}, 0.2},
		{"money", 98234, 131000, 5, []float64{90000, 100000, 110000, 120000, 130000, 140000}, 10000},
		{"drawdown", -0.237, 0, 4, []float64{-0.3, -0.2, -0.1, 0}, 0.1},
		{"fine", -0.237, 0, 8, []float64{-0.25, -0.2, -0.15, -0.1, -0.05, 0}, 0.05},
		{"swapped", 1, 0, 2, []float64{0, 0.5, 1}, 0.5},
		{"flat", 100, 100, 2, []float64{99, 100, 101}, 1},
		{"zero", 0, 0, 2, []float64{-1, 0, 1}, 1},
		{"nan", math.NaN(), 1, 5, nil, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, step := NiceTicks(tc.lo, tc.hi, tc.n)
			if step != tc.wantStep || len(got) != len(tc.want) {
				t.Fatalf("NiceTicks(%v, %v, %d) = %v step %v, want %v step %v", tc.lo, tc.hi, tc.n, got, step, tc.want, tc.wantStep)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("tick %d = %v, want %v", i, got[i], tc.want[i])
				}
			}
			if len(got) > 0 && (got[0] > math.Min(tc.lo, tc.hi) || got[len(got)-1] < math.Max(tc.lo, tc.hi)) {
				t.Errorf("ticks %v do not cover [%v, %v]", got, tc.lo, tc.hi)
			}
		})
	}
}

func TestDecimals(t *testing.T) {
	for _, tc := range []struct {
		step float64
		want int
	}{{5000, 0}, {1, 0}, {0.5, 1}, {0.2, 1}, {0.1, 1}, {0.05, 2}, {0.001, 3}, {0, 0}, {math.NaN(), 0}} {
		if got := Decimals(tc.step); got != tc.want {
			t.Errorf("Decimals(%v) = %d, want %d", tc.step, got, tc.want)
		}
	}
}

func TestLinear(t *testing.T) {
	s := Linear{D0: 10, D1: 20, R0: 300, R1: 100}
	for _, tc := range []struct{ in, want float64 }{{10, 300}, {20, 100}, {15, 200}, {25, 0}} {
		if got := s.Map(tc.in); got != tc.want {
			t.Errorf("Map(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
	if got := (Linear{D0: 1, D1: 1, R0: 0, R1: 10}).Map(7); got != 5 {
		t.Errorf("degenerate domain: Map = %v, want 5", got)
	}
}

func TestDocument(t *testing.T) {
	evil := `a<b>&"c"'d' </svg><script>x</script>`
	c := NewDocument(640, 120.25, evil, `text{fill:#222}.a>b{x:"y"}`)
	c.Background("#fff")
	c.Circle(1.25, 2, 3, "", "#f28e2b")
	c.Path([][]Point{{{0, 0}, {1, 1}}}, "line", Attr{"stroke", "#4e79a7"}, Attr{"fill", ""})
	s := c.String()
	const head = `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<svg xmlns="` + Namespace + `" width="640" height="120.3" viewBox="0 0 640 120.3" role="img"><title>`
	if !strings.HasPrefix(s, head) {
		t.Errorf("document starts %q, want %q", s[:min(len(s), len(head))], head)
	}
	if !strings.HasSuffix(s, "</svg>\n") {
		t.Errorf("document does not end with </svg> and a newline: %q", s)
	}
	names, text := decode(t, s)
	want := []string{"svg", "title", "style", "rect", "circle", "path"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("elements %v, want %v", names, want)
	}
	if !strings.Contains(text, evil) || !strings.Contains(text, `.a>b{x:"y"}`) {
		t.Errorf("the title or the style does not read back: %q", text)
	}
	for _, part := range []string{
		`<rect width="100%" height="100%" fill="#fff"/>`,
		`<circle cx="1.3" cy="2" r="3" fill="#f28e2b"/>`,
		`<path d="M0,0L1,1" class="line" stroke="#4e79a7"/>`,
	} {
		if !strings.Contains(s, part) {
			t.Errorf("document lacks %s:\n%s", part, s)
		}
	}
	if strings.Contains(s, "<script") {
		t.Errorf("unescaped markup: %s", s)
	}
	if NewDocument(1, 1, "t", "").String() != `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<svg xmlns="`+Namespace+`" width="1" height="1" viewBox="0 0 1 1" role="img"><title>t</title></svg>`+"\n" {
		t.Errorf("a document without style: %q", NewDocument(1, 1, "t", "").String())
	}
}

func TestLog(t *testing.T) {
	s := Log{D0: 10, D1: 1000, R0: 300, R1: 0}
	for _, c := range []struct{ v, want float64 }{{10, 300}, {100, 150}, {1000, 0}, {1, 450}} {
		if got := s.Map(c.v); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("Map(%v) = %v, want %v", c.v, got, c.want)
		}
	}
	if !math.IsNaN(s.Map(0)) || !math.IsNaN(s.Map(-5)) {
		t.Errorf("Map of a value <= 0: %v, %v; want NaN", s.Map(0), s.Map(-5))
	}
	if got := (Log{D0: 5, D1: 5, R0: 0, R1: 10}).Map(5); got != 5 {
		t.Errorf("degenerate domain: %v, want 5", got)
	}
}

func TestLogTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		want   []float64
	}{
		{95000, 130000, []float64{90000, 100000, 110000, 120000, 130000}},
		{1, 9, []float64{2, 4, 6, 8, 10}}, // 0 has no place on a log axis
		{800, 25000, []float64{500, 1000, 2000, 5000, 10000, 20000, 50000}},
		{1000, 1000, nil}, // a single value: NiceTicks around it, checked below
		{0.5, 3e9, []float64{0.1, 1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10}},
	}
	for _, tt := range tests {
		got, _ := LogTicks(tt.lo, tt.hi)
		if tt.lo == tt.hi {
			// A single value: NiceTicks around it.
			if len(got) < 2 || got[0] > tt.lo || got[len(got)-1] < tt.hi {
				t.Errorf("LogTicks(%v, %v) = %v", tt.lo, tt.hi, got)
			}
			continue
		}
		if len(got) != len(tt.want) {
			t.Errorf("LogTicks(%v, %v) = %v, want %v", tt.lo, tt.hi, got, tt.want)
			continue
		}
		for i := range got {
			if math.Abs(got[i]-tt.want[i]) > 1e-9*tt.want[i] {
				t.Errorf("LogTicks(%v, %v) = %v, want %v", tt.lo, tt.hi, got, tt.want)
				break
			}
		}
	}
	for _, bad := range [][2]float64{{0, 10}, {-1, 10}, {1, math.Inf(1)}, {math.NaN(), 2}} {
		if got, _ := LogTicks(bad[0], bad[1]); got != nil {
			t.Errorf("LogTicks(%v, %v) = %v, want none", bad[0], bad[1], got)
		}
	}
}
