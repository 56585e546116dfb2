package csvsource

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/market"
)

// FuzzReadSeries checks that no input makes the reader panic (with every
// option, adj_close prices included), that what
// it accepts is a valid series, that the backends agree (fixed accepts
// only what decimal accepts, with the same digits), and that a series
// written back as CSV reads back identical.
func FuzzReadSeries(f *testing.F) {
	for _, tc := range badCases {
		f.Add(tc.text, uint8(tc.opt.Frequency), false, uint8(0))
	}
	f.Add(head+"2006-01-02,3578.73,3605.95,3578.73,3604.33,0\n2006-01-03,3604.08,3638.42,3601.84,3614.34,0\n", uint8(0), false, uint8(0))
	f.Add("Date,Open,High,Low,Close,Adj Close,Volume\n1999-01-22,1.750000,1.953125,1.552083,1.640625,1.518424,67867200\n", uint8(0), false, uint8(1))
	f.Add("Date,Open,High,Low,Close,Adj Close,Volume\n1999-01-22,1.750000,1.953125,1.552083,1.640625,1.518424,67867200\n1999-01-25,1,3,0.5,2,0.000000001,7\n", uint8(0), false, uint8(16))
	f.Add("Timestamp,Open,High,Low,Close,Volume\n2020-01-02T14:30:00Z,1,2,1,2,10\n2020-01-02T14:31:00Z,1,2,1,2,1.2e9\n", uint8(2), false, uint8(1))
	f.Add("date;time;open;high;low;close;volume\n2020-01-02;23:00;1;2;1;2;10\n2020-01-02;23:59:30.5;1;2;1;2;10\n", uint8(1), true, uint8(2))
	f.Add("\ufeff\"Date\",\"Open\",\"High\",\"Low\",\"Close\",\"Volume\"\r\n\"2020-01-02\",\"1\",\"2\",\"1\",\"2\",\"1\"\"0\"\r\n", uint8(0), false, uint8(0))

	f.Fuzz(func(t *testing.T, text string, freq uint8, atEnd bool, mode uint8) {
		opt := Options{Frequency: market.Frequency(freq % 3)}
		if atEnd {
			opt.Stamp = StampEnd
		}
		switch mode % 3 {
		case 1:
			opt.Calendar = calendar.TwentyFourSeven()
		case 2:
			opt.Calendar = calendar.XNYS()
		}
		if mode&4 != 0 {
			opt.Delimiter = ';'
		}
		if mode&8 != 0 {
			opt.Repair = Repair{DropUnparseable: true, DropInvalid: true, DropDuplicates: true, DropOffCalendar: true}
		}
		if mode&16 != 0 {
			opt.Price = PriceAdjClose
		}
		fl, _, errF := ReadSeries[numeric.Float](strings.NewReader(text), "f.csv", opt)
		fx, repX, errX := ReadSeries[numeric.Fixed](strings.NewReader(text), "f.csv", opt)
		dc, _, errD := ReadSeries[numeric.Decimal](strings.NewReader(text), "f.csv", opt)
		for _, err := range []error{errF, errX, errD} {
			var pe *ParseError
			if err != nil && !errors.As(err, &pe) {
				t.Fatalf("error %T %v is not a *ParseError", err, err)
			}
		}
		if errX == nil {
			if err := fx.Validate(); err != nil {
				t.Fatalf("fixed series accepted but invalid: %v", err)
			}
			if repX.Bars != fx.Len() || repX.Rows != repX.Bars+repX.Outside+repX.Dropped {
				t.Fatalf("report %+v does not add up to %d bars", repX, fx.Len())
			}
			if errD != nil {
				t.Fatalf("fixed reads it, decimal fails: %v", errD)
			}
			sameSeries(t, &fx, &dc)
			roundTrip(t, &fx, opt)
		}
		if errD == nil {
			if err := dc.Validate(); err != nil {
				t.Fatalf("decimal series accepted but invalid: %v", err)
			}
			if errX != nil && !errors.Is(errX, numeric.ErrPrecision) && !errors.Is(errX, numeric.ErrOverflow) {
				t.Fatalf("decimal reads it, fixed fails for another reason than precision or range: %v", errX)
			}
			roundTrip(t, &dc, opt)
			if errF != nil && !errors.Is(errF, numeric.ErrOverflow) && !errors.Is(errF, ErrDuplicate) && opt.Repair == (Repair{}) {
				t.Fatalf("decimal reads it, float fails: %v", errF)
			}
		}
		if errF == nil {
			if err := fl.Validate(); err != nil {
				t.Fatalf("float series accepted but invalid: %v", err)
			}
		}
	})
}

// sameSeries fails unless a and b hold the same stamps and digits.
func sameSeries[A numeric.Number[A], B numeric.Number[B]](t *testing.T, a *market.Series[A], b *market.Series[B]) {
	t.Helper()
	if a.Len() != b.Len() {
		t.Fatalf("%d bars and %d bars", a.Len(), b.Len())
	}
	for i := range a.Time {
		if a.Time[i] != b.Time[i] {
			t.Fatalf("bar %d: stamped %d and %d", i, a.Time[i], b.Time[i])
		}
		for _, f := range market.Fields() {
			if x, y := a.Column(f)[i].String(), b.Column(f)[i].String(); x != y {
				t.Fatalf("bar %d %s: %s and %s", i, f, x, y)
			}
		}
	}
}

// roundTrip writes s as CSV, stamped at the end of each bar in RFC 3339,
// and reads it back with the rules it was read with.
func roundTrip[N numeric.Number[N]](t *testing.T, s *market.Series[N], opt Options) {
	t.Helper()
	var b strings.Builder
	b.WriteString("timestamp,open,high,low,close,volume\n")
	for i := range s.Time {
		b.WriteString(time.Unix(0, s.Time[i]).UTC().Format(time.RFC3339Nano))
		for _, f := range market.Fields() {
			b.WriteByte(',')
			b.WriteString(s.Column(f)[i].String())
		}
		b.WriteByte('\n')
	}
	back := Options{Frequency: opt.Frequency, Calendar: opt.Calendar, Stamp: StampEnd}
	got, _, err := ReadSeries[N](strings.NewReader(b.String()), "back.csv", back)
	if err != nil {
		t.Fatalf("reading back what was read: %v\n%s", err, b.String())
	}
	sameSeries(t, s, &got)
}
