package market

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Frequency
	}{{"daily", Daily}, {"1d", Daily}, {"hourly", Hourly}, {"1h", Hourly}, {"minute", Minute}, {"1m", Minute}} {
		if got, err := ParseFrequency(tc.in); err != nil || got != tc.want {
			t.Errorf("ParseFrequency(%q) = %v, %v", tc.in, got, err)
		}
	}
	if _, err := ParseFrequency("weekly"); err == nil {
		t.Error("weekly accepted")
	}
	for _, f := range Fields() {
		if got, err := ParseField(f.String()); err != nil || got != f {
			t.Errorf("ParseField(%q) = %v, %v", f, got, err)
		}
	}
	if _, err := ParseField("adj_close"); err == nil {
		t.Error("adj_close accepted")
	}
	if c, err := ParseClass("crypto"); err != nil || c != Crypto {
		t.Errorf("ParseClass(crypto) = %v, %v", c, err)
	}
	if _, err := ParseClass("bond"); err == nil {
		t.Error("bond accepted")
	}
	if Minute.Duration() != time.Minute || Hourly.Duration() != time.Hour {
		t.Error("durations")
	}
}

func TestValidate(t *testing.T) {
	backendtest.Run(t, testValidateByName)
}

//penny:backends
func testValidate[N numeric.Number[N]](t *testing.T) {
	n := func(s string) N { return numeric.MustParse[N](s) }
	base := time.Date(2024, 1, 2, 21, 0, 0, 0, time.UTC)
	good := func() *Series[N] {
		s := &Series[N]{Asset: Asset{Symbol: "X"}}
		for i := range 3 {
			s.Append(Bar[N]{Time: base.AddDate(0, 0, i).UnixNano(), Open: n("10"), High: n("11"), Low: n("9"), Close: n("10.5"), Volume: n("100")})
		}
		return s
	}
	if err := good().Validate(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		edit  func(s *Series[N])
		field string
		want  string
	}{
		{"duplicate", func(s *Series[N]) { s.Time[2] = s.Time[1] }, "time", "duplicate timestamp"},
		{"unsorted", func(s *Series[N]) { s.Time[2] = s.Time[0] - 1 }, "time", "not increasing"},
		{"high below low", func(s *Series[N]) { s.High[1] = n("8") }, "high", "below low 9"},
		{"open above high", func(s *Series[N]) { s.Open[1] = n("12") }, "open", "outside [low, high]"},
		{"close below low", func(s *Series[N]) { s.Close[1] = n("8.5") }, "close", "outside [low, high]"},
		{"negative volume", func(s *Series[N]) { s.Volume[0] = n("-1") }, "volume", "negative"},
		{"negative price", func(s *Series[N]) { s.Low[0] = n("-1") }, "low", "zero or below"},
		{"zero price", func(s *Series[N]) { s.Low[0], s.Close[0] = n("0"), n("0") }, "low", "zero or below"},
		{"short column", func(s *Series[N]) { s.Close = s.Close[:2] }, "", "columns of different lengths"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := good()
			tc.edit(s)
			err := s.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			var be *BarError
			if tc.field != "" && (!errors.As(err, &be) || be.Field != tc.field || be.Symbol != "X") {
				t.Fatalf("error %v does not name symbol X and field %s", err, tc.field)
			}
		})
	}
}

func TestDatasetNormalize(t *testing.T) {
	ds := &Dataset[numeric.Fixed]{Series: []Series[numeric.Fixed]{{Asset: Asset{Symbol: "B"}}, {Asset: Asset{Symbol: "A"}}}}
	if err := ds.Normalize(); err != nil {
		t.Fatal(err)
	}
	if ds.Series[0].Asset.Symbol != "A" || ds.Series[0].Asset.ID != 0 || ds.Series[1].Asset.ID != 1 {
		t.Fatalf("not sorted and numbered: %+v", ds.Assets())
	}
	if err := (&Dataset[numeric.Fixed]{}).Normalize(); err == nil {
		t.Fatal("empty dataset accepted")
	}
}
