package metrics

import "testing"

func TestTurnover(t *testing.T) {
	// Period 1: 100 traded over (1000 + 1000)/2; period 2: nothing; period
	// 3: 50 over (1100 + 900)/2; period 4: 10 over a zero value; period 5:
	// nothing over a zero value.
	got := Turnover([]float64{100, 0, 50, 10, 0}, []float64{1000, 1100, 900, -900, 0}, 1000)
	want := []float64{0.1, 0, 0.05, inf, 0}
	for i := range want {
		checkNear(t, "Turnover", got[i], want[i], 12)
	}
}

func TestPeriodTurnover(t *testing.T) {
	tests := []struct {
		name                string
		traded, prev, value float64
		want                float64
	}{
		{"over the average value", 100, 1000, 1000, 0.1},
		{"value moved", 50, 1100, 900, 0.05},
		{"nothing traded", 0, 1000, 1100, 0},
		{"traded at a zero average", 10, 900, -900, inf},
		{"nothing at a zero average", 0, 0, 0, 0},
		{"negative average", 30, -100, -200, -0.2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkNear(t, "PeriodTurnover", PeriodTurnover(tt.traded, tt.prev, tt.value), tt.want, 12)
		})
	}
}

func TestExposure(t *testing.T) {
	tests := []struct {
		name     string
		position []float64
		want     float64
	}{
		{"empty", nil, nan},
		{"all nan", []float64{nan}, nan},
		{"half", []float64{0, 10, nan, -5, 0}, 0.5},
		{"always", []float64{1, 2}, 1},
		{"never", []float64{0, 0, 0}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkNear(t, "Exposure", Exposure(tt.position), tt.want, 12)
		})
	}
}
