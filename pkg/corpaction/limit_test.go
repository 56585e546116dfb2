package corpaction

import (
	"errors"
	"strings"
	"testing"

	"github.com/pennybt/penny/internal/limit"
	"github.com/pennybt/penny/numeric"
)

// TestReadCSVLineLimit: a line longer than limit.Line is an error naming
// the file and line, read no further (a file without newlines does not
// grow without bound), and its value is not printed whole.
func TestReadCSVLineLimit(t *testing.T) {
	in := "date,symbol,type,ratio\n2024-01-02,X,split," + strings.Repeat("9", 2*limit.Line) + "\n"
	_, err := ReadCSV[numeric.Fixed](strings.NewReader(in), "a.csv")
	if !errors.Is(err, limit.ErrTooLarge) || !strings.Contains(err.Error(), "a.csv") || !strings.Contains(err.Error(), "line 2") || len(err.Error()) > 200 {
		t.Fatalf("err = %.300v", err)
	}
}
