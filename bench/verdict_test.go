package bench

import "testing"

func TestGrade(t *testing.T) {
	tests := []struct {
		overhead float64
		want     Verdict
	}{
		{-12, Met},
		{0, Met},
		{29.99, Met},
		{30, Marginal},
		{35, Marginal},
		{40, Marginal},
		{40.01, NotMet},
		{2000, NotMet},
	}
	for _, tt := range tests {
		if got := Grade(tt.overhead); got != tt.want {
			t.Errorf("Grade(%v) = %q, want %q", tt.overhead, got, tt.want)
		}
	}
}

func TestWorst(t *testing.T) {
	tests := []struct {
		in   []Verdict
		want Verdict
	}{
		{nil, Met},
		{[]Verdict{Met, Met}, Met},
		{[]Verdict{Met, Marginal, Met}, Marginal},
		{[]Verdict{Marginal, NotMet, Met}, NotMet},
	}
	for _, tt := range tests {
		if got := Worst(tt.in...); got != tt.want {
			t.Errorf("Worst(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestOverhead(t *testing.T) {
	tests := []struct{ t, base, want float64 }{
		{130, 100, 30},
		{100, 100, 0},
		{75, 100, -25},
		{3, 1, 200},
	}
	for _, tt := range tests {
		if got := Overhead(tt.t, tt.base); !near(got, tt.want) {
			t.Errorf("Overhead(%v, %v) = %v, want %v", tt.t, tt.base, got, tt.want)
		}
	}
}
