package bench

import (
	"math"
	"testing"
)

func TestSummarize(t *testing.T) {
	tests := []struct {
		name string
		in   []float64
		want Stats
	}{
		{"empty", nil, Stats{}},
		{"one", []float64{7}, Stats{N: 1, Mean: 7, Median: 7, Min: 7, Max: 7}},
		{"odd count, unsorted", []float64{3, 1, 2}, Stats{N: 3, Mean: 2, Median: 2, StdDev: 1, Min: 1, Max: 3}},
		{"even count: mean of the middle two", []float64{4, 1, 3, 2}, Stats{N: 4, Mean: 2.5, Median: 2.5, StdDev: math.Sqrt(5.0 / 3), Min: 1, Max: 4}},
		// Sum of squared deviations from the mean 5 is 32; n-1 = 7.
		{"sample deviation", []float64{2, 4, 4, 4, 5, 5, 7, 9}, Stats{N: 8, Mean: 5, Median: 4.5, StdDev: math.Sqrt(32.0 / 7), Min: 2, Max: 9}},
		{"constant", []float64{5, 5, 5}, Stats{N: 3, Mean: 5, Median: 5, Min: 5, Max: 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := append([]float64(nil), tt.in...)
			got := Summarize(in)
			if got.N != tt.want.N || !near(got.Mean, tt.want.Mean) || !near(got.Median, tt.want.Median) ||
				!near(got.StdDev, tt.want.StdDev) || got.Min != tt.want.Min || got.Max != tt.want.Max {
				t.Errorf("Summarize(%v) = %+v, want %+v", tt.in, got, tt.want)
			}
			for i := range in {
				if in[i] != tt.in[i] {
					t.Fatalf("Summarize modified its input: %v", in)
				}
			}
		})
	}
}

func TestCV(t *testing.T) {
	if got := (Stats{Mean: 4, StdDev: 1}).CV(); got != 0.25 {
		t.Errorf("CV = %v, want 0.25", got)
	}
	if got := (Stats{}).CV(); got != 0 {
		t.Errorf("CV of a zero mean = %v, want 0", got)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b)) }
