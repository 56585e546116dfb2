package csvsource

import (
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/pkg/market"
)

func TestDecodeConfig(t *testing.T) {
	c, err := DecodeConfig(strings.NewReader(`
files:
  ORCL: ../../testdata/orcl-1995-2014.txt
frequency: minute
calendar: XNYS
timezone: America/Chicago
start: 2001-01-02
end: 2001-06-30T20:00:00Z
stamp: end
delimiter: ";"
class: equity
tick_size: "0.01"
lot_size: "1"
repair:
  drop_unparseable: true
  drop_off_calendar: true
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Frequency != market.Minute || c.Stamp != StampEnd || !c.Repair.DropUnparseable || !c.Repair.DropOffCalendar ||
		c.Repair.DropInvalid || c.Files["ORCL"] == "" || c.Delimiter != ";" {
		t.Fatalf("decoded %+v", c)
	}
	o, err := c.Options()
	if err != nil {
		t.Fatal(err)
	}
	chicago, _ := time.LoadLocation("America/Chicago")
	if o.Calendar.Name() != "XNYS" || o.Location.String() != "America/Chicago" || o.Delimiter != ';' ||
		!o.Start.Equal(time.Date(2001, 1, 2, 0, 0, 0, 0, chicago)) || !o.End.Equal(time.Date(2001, 6, 30, 20, 0, 0, 0, time.UTC)) {
		t.Fatalf("options %+v", o)
	}
	// A date as End means the whole of that day.
	o, err = Config{Files: map[string]string{"A": "a"}, End: "2001-06-30"}.Options()
	if err != nil || !o.End.Equal(time.Date(2001, 7, 1, 0, 0, 0, 0, time.UTC).Add(-1)) {
		t.Fatalf("end of 2001-06-30: %v, %v", o.End, err)
	}
}

func TestConfigRejects(t *testing.T) {
	cases := []struct{ name, yaml, want string }{
		{"unknown key", "files: {A: a.csv}\nfrequncy: daily\n", "frequncy"},
		{"no input", "calendar: XNYS\n", "no input"},
		{"empty", "", "empty config"},
		{"symbols without dir", "files: {A: a.csv}\nsymbols: [A]\n", "dir"},
		{"empty symbol in dir", "dir: data\nsymbols: [\"\"]\n", "cannot name a file"},
		{"path as a symbol", "dir: data\nsymbols: [../x]\n", "cannot name a file"},
		{"empty path", "files: {A: \"\"}\n", "empty path"},
		{"bad frequency", "files: {A: a.csv}\nfrequency: weekly\n", "weekly"},
		{"bad calendar", "files: {A: a.csv}\ncalendar: LSE\n", "LSE"},
		{"bad zone", "files: {A: a.csv}\ntimezone: Mars/Olympus\n", "Mars/Olympus"},
		{"bad start", "files: {A: a.csv}\nstart: 01/02/2020\n", "01/02/2020"},
		{"end before start", "files: {A: a.csv}\nstart: 2020-02-01\nend: 2020-01-01\n", "before start"},
		{"bad stamp", "files: {A: a.csv}\nstamp: middle\n", "middle"},
		{"long delimiter", "files: {A: a.csv}\ndelimiter: \"::\"\n", "one byte"},
		{"digit delimiter", "files: {A: a.csv}\ndelimiter: \"1\"\n", "delimiter"},
		{"bad class", "files: {A: a.csv}\nclass: bond\n", "bond"},
		{"bad tick", "files: {A: a.csv}\ntick_size: \"-0.01\"\n", "tick_size"},
		{"zero lot", "files: {A: a.csv}\nlot_size: \"0\"\n", "lot_size"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeConfig(strings.NewReader(tc.yaml))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}

func TestParseRepair(t *testing.T) {
	tests := []struct {
		in, out string
		want    Repair
	}{
		{"", "", Repair{}},
		{"invalid", "invalid", Repair{DropInvalid: true}},
		{" off-calendar , unparseable,,", "unparseable,off-calendar", Repair{DropUnparseable: true, DropOffCalendar: true}},
		{"duplicates,invalid,duplicates", "invalid,duplicates", Repair{DropInvalid: true, DropDuplicates: true}},
		{"unparseable,invalid,duplicates,off-calendar", "unparseable,invalid,duplicates,off-calendar", Repair{true, true, true, true}},
	}
	for _, tc := range tests {
		got, err := ParseRepair(tc.in)
		if err != nil || got != tc.want || got.String() != tc.out {
			t.Errorf("ParseRepair(%q) = %+v (%q), %v; want %+v (%q)", tc.in, got, got.String(), err, tc.want, tc.out)
		}
		if back, err := ParseRepair(got.String()); err != nil || back != got {
			t.Errorf("ParseRepair(%q) = %+v, %v; want %+v", got.String(), back, err, got)
		}
	}
	for _, in := range []string{"everything", "invalid,Invalid", "drop_invalid"} {
		if _, err := ParseRepair(in); err == nil || !strings.Contains(err.Error(), "want unparseable, invalid, duplicates or off-calendar") {
			t.Errorf("ParseRepair(%q): %v", in, err)
		}
	}
}
