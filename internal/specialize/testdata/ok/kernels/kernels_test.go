package kernels

import (
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/pennybt/penny/numeric"
)

func TestTwice(t *testing.T) {
	xs := []numeric.Fixed{numeric.MustParse[numeric.Fixed]("1.5"), numeric.MustParse[numeric.Fixed]("2.25")}
	got, n := Twice(xs)
	var b box[numeric.Fixed]
	wantN := twice(&b, xs) // the generic source
	if got != b.N || n != wantN || got.String() != "11.25" || n != 7 {
		t.Fatalf("Twice = %v, %d; generic %v, %d; want 11.25, 7", got, n, b.N, wantN)
	}
}

// TestLineDirectives: a panic in a copy reports the line of the source.
func TestLineDirectives(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("no panic")
		}
		var stack []string
		pcs := make([]uintptr, 20)
		frames := runtime.CallersFrames(pcs[:runtime.Callers(0, pcs)])
		for {
			f, more := frames.Next()
			if strings.HasSuffix(f.Function, ".ratioFixed") {
				if want := "github.com/pennybt/penny/internal/specialize/testdata/ok/kernels/kernels.go"; f.File != want || f.Line != divLine(t) {
					t.Fatalf("ratioFixed at %s:%d, want %s:%d", f.File, f.Line, want, divLine(t))
				}
				return
			}
			stack = append(stack, f.Function)
			if !more {
				break
			}
		}
		t.Fatalf("ratioFixed not on the stack: %v", stack)
	}()
	Ratio(numeric.Int[numeric.Fixed](1), numeric.Fixed(0))
}

// divLine returns the line of ratio's division in kernels.go.
func divLine(t *testing.T) int {
	src, err := os.ReadFile("kernels.go")
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(src), "\n") {
		if strings.TrimSpace(l) == "return x.Div(y)" {
			return i + 1
		}
	}
	t.Fatal("no division in kernels.go")
	return 0
}

func TestShadowing(t *testing.T) {
	if got := pFor[numeric.Decimal]()(numeric.MustParse[numeric.Decimal]("1.5"), 3); got.String() != "4.5" {
		t.Fatalf("p = %v", got)
	}
}
