package jsonfloat

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	tenth := 0.1
	tests := []struct {
		v    float64
		text string
	}{
		{0, `0`},
		{-3, `-3`},
		{1.5e-16, `1.5e-16`},
		{tenth + 0.2, `0.30000000000000004`},
		{math.MaxFloat64, `1.7976931348623157e+308`},
		{math.NaN(), `"NaN"`},
		{math.Inf(1), `"Infinity"`},
		{math.Inf(-1), `"-Infinity"`},
	}
	for _, tc := range tests {
		b, err := json.Marshal(Float(tc.v))
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != tc.text {
			t.Errorf("Marshal(%v) = %s, want %s", tc.v, b, tc.text)
		}
		var back Float
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		if math.Float64bits(float64(back)) != math.Float64bits(tc.v) && !(math.IsNaN(tc.v) && math.IsNaN(float64(back))) {
			t.Errorf("%v -> %s -> %v", tc.v, b, back)
		}
	}
}

func TestUnmarshalErrors(t *testing.T) {
	for _, text := range []string{`null`, `"1.5"`, `"nan"`, `"+Infinity"`, `"Inf"`, `true`, `[1]`, `{}`, `1e999`, `-1e999`} {
		var f Float = 7
		err := json.Unmarshal([]byte(text), &f)
		if err == nil {
			t.Errorf("Unmarshal(%s) = %v, want an error", text, f)
			continue
		}
		if !strings.Contains(err.Error(), text) {
			t.Errorf("Unmarshal(%s): error %q does not quote the value", text, err)
		}
		if f != 7 {
			t.Errorf("Unmarshal(%s) changed the value to %v", text, f)
		}
	}
}

func TestInStruct(t *testing.T) {
	type row struct {
		A Float  `json:"a"`
		B *Float `json:"b,omitempty"`
	}
	var r row
	if err := json.Unmarshal([]byte(`{"a":"-Infinity","b":2.5}`), &r); err != nil {
		t.Fatal(err)
	}
	if !math.IsInf(float64(r.A), -1) || r.B == nil || *r.B != 2.5 {
		t.Errorf("read %v, %v", r.A, r.B)
	}
	b, err := json.Marshal(row{A: Float(math.NaN())})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"a":"NaN"}` {
		t.Errorf("Marshal = %s", b)
	}
}

// FuzzUnmarshal: whatever UnmarshalJSON accepts marshals back to text
// that reads to the same value.
func FuzzUnmarshal(f *testing.F) {
	for _, s := range []string{`0`, `-0`, `1e-320`, `"NaN"`, `"Infinity"`, `null`, `"x"`, `1e400`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var v Float
		if err := json.Unmarshal([]byte(text), &v); err != nil {
			return
		}
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("Marshal(%v): %v", v, err)
		}
		var back Float
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		if math.Float64bits(float64(back)) != math.Float64bits(float64(v)) && !(math.IsNaN(float64(v)) && math.IsNaN(float64(back))) {
			t.Fatalf("%s -> %v -> %s -> %v", text, v, b, back)
		}
	})
}
