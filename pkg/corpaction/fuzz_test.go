package corpaction

import (
	"errors"
	"strings"
	"testing"

	"github.com/pennybt/penny/numeric"
)

// FuzzReadCSV checks that no input makes the reader panic, that every
// error is a *ParseError, that fixed accepts only what decimal accepts
// with the same digits, and that what is accepted writes back and reads
// back the same.
func FuzzReadCSV(f *testing.F) {
	f.Add(goodCSV)
	for _, tc := range badCSV {
		f.Add(tc.text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		fx, errX := ReadCSV[numeric.Fixed](strings.NewReader(text), "f.csv")
		dc, errD := ReadCSV[numeric.Decimal](strings.NewReader(text), "f.csv")
		for _, err := range []error{errX, errD} {
			var pe *ParseError
			if err != nil && !errors.As(err, &pe) {
				t.Fatalf("error %T %v is not a *ParseError", err, err)
			}
		}
		if errX == nil {
			if errD != nil {
				t.Fatalf("fixed accepted what decimal refuses: %v", errD)
			}
			for i := range fx {
				if fx[i].String() != dc[i].String() {
					t.Fatalf("fixed %v, decimal %v", fx[i], dc[i])
				}
			}
			var b strings.Builder
			if err := WriteCSV(&b, fx); err != nil {
				t.Fatal(err)
			}
			back, err := ReadCSV[numeric.Fixed](strings.NewReader(b.String()), "g.csv")
			if err != nil {
				t.Fatalf("written back, refused: %v\n%s", err, b.String())
			}
			for i := range fx {
				if back[i].String() != fx[i].String() {
					t.Fatalf("round trip %v -> %v", fx[i], back[i])
				}
			}
		}
	})
}
