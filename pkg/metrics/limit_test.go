package metrics

import (
	"errors"
	"strings"
	"testing"

	"github.com/pennybt/penny/internal/limit"
)

// TestReadReturnsCSVLimits: a line longer than limit.Line is an error (a
// 50 MB field is not read whole), and a long bad value is clipped in the
// error.
func TestReadReturnsCSVLimits(t *testing.T) {
	in := "date,return\n2024-01-02,0.01\n2024-01-03," + strings.Repeat("7", 50<<20) + "\n"
	_, err := ReadReturnsCSV("r.csv", strings.NewReader(in), "")
	if !errors.Is(err, limit.ErrTooLarge) || !strings.Contains(err.Error(), "r.csv") || len(err.Error()) > 200 {
		t.Fatalf("err = %.300v", err)
	}
	in = "date,return\n2024-01-02,0.01\n2024-01-03,x" + strings.Repeat("7", 100<<10) + "\n"
	_, err = ReadReturnsCSV("r.csv", strings.NewReader(in), "")
	if err == nil || !strings.Contains(err.Error(), "r.csv:3") || len(err.Error()) > 300 {
		t.Fatalf("err = %.400v", err)
	}
}
