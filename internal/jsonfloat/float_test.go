package jsonfloat

import (
	"encoding/json"
	"math"
	"math/rand/v2"
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

// TestMarshalAsEncodingJSON: a finite Float marshals to the bytes
// encoding/json writes for the float64, at the edges of its exponent
// form, the extremes, the signed zeros and across the range.
func TestMarshalAsEncodingJSON(t *testing.T) {
	values := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1.0 / 3, -123.456, 1e-6, 9.999999999999999e-7,
		-1e-6, 1e-7, 1.5e-7, 1e21, 9.999999999999999e20, -1e21, 1e20, 1e22, 1.2345e-100, 5e-324, -5e-324,
		math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64, 1e-9, 1e-10, 123456789012345680000}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		values = append(values, math.Float64frombits(r.Uint64()), r.NormFloat64()*math.Pow(10, float64(r.IntN(60)-30)))
	}
	for _, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Float(v).MarshalJSON()
		if err != nil || string(got) != string(want) {
			t.Fatalf("Float(%v).MarshalJSON() = %s, %v; encoding/json writes %s", v, got, err, want)
		}
	}
}

// FuzzMarshal: a finite Float marshals to what encoding/json writes for
// the float64.
func FuzzMarshal(f *testing.F) {
	for _, v := range []float64{0, 1e-7, 1e21, -2.5} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v float64) {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
		want, _ := json.Marshal(v)
		if got, err := Float(v).MarshalJSON(); err != nil || string(got) != string(want) {
			t.Fatalf("Float(%v).MarshalJSON() = %s, %v; encoding/json writes %s", v, got, err, want)
		}
	})
}
