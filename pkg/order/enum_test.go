package order_test

import (
	"testing"

	"github.com/pennybt/penny/pkg/order"
)

func TestEnumNames(t *testing.T) {
	tests := []struct {
		name  string
		value interface {
			String() string
			MarshalText() ([]byte, error)
		}
		want string
	}{
		{"type=market", order.Market, "market"},
		{"type=limit", order.Limit, "limit"},
		{"type=stop", order.Stop, "stop"},
		{"type=stop_limit", order.StopLimit, "stop_limit"},
		{"tif=gtc", order.GTC, "gtc"},
		{"tif=day", order.Day, "day"},
		{"status=open", order.Open, "open"},
		{"status=partially_filled", order.PartiallyFilled, "partially_filled"},
		{"status=filled", order.Filled, "filled"},
		{"status=cancelled", order.Cancelled, "cancelled"},
		{"status=rejected", order.Rejected, "rejected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.value.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			b, err := tt.value.MarshalText()
			if err != nil || string(b) != tt.want {
				t.Errorf("MarshalText() = %q, %v, want %q", b, err, tt.want)
			}
		})
	}
}

func TestEnumParse(t *testing.T) {
	for _, s := range []string{"market", "limit", "stop", "stop_limit"} {
		v, err := order.ParseType(s)
		if err != nil || v.String() != s {
			t.Errorf("ParseType(%q) = %v, %v", s, v, err)
		}
		var u order.Type
		if err := u.UnmarshalText([]byte(s)); err != nil || u != v {
			t.Errorf("UnmarshalText(%q) = %v, %v", s, u, err)
		}
	}
	for _, s := range []string{"gtc", "day"} {
		v, err := order.ParseTimeInForce(s)
		if err != nil || v.String() != s {
			t.Errorf("ParseTimeInForce(%q) = %v, %v", s, v, err)
		}
		var u order.TimeInForce
		if err := u.UnmarshalText([]byte(s)); err != nil || u != v {
			t.Errorf("UnmarshalText(%q) = %v, %v", s, u, err)
		}
	}
	for _, s := range []string{"open", "partially_filled", "filled", "cancelled", "rejected"} {
		v, err := order.ParseStatus(s)
		if err != nil || v.String() != s {
			t.Errorf("ParseStatus(%q) = %v, %v", s, v, err)
		}
		var u order.Status
		if err := u.UnmarshalText([]byte(s)); err != nil || u != v {
			t.Errorf("UnmarshalText(%q) = %v, %v", s, u, err)
		}
	}
}

func TestEnumInvalid(t *testing.T) {
	bad := []struct {
		name string
		err  error
		want string
	}{
		{"type", func() error { _, err := order.ParseType("Market"); return err }(),
			`order: unknown order type "Market" (want market, limit, stop or stop_limit)`},
		{"tif", func() error { _, err := order.ParseTimeInForce("ioc"); return err }(),
			`order: unknown time in force "ioc" (want gtc or day)`},
		{"status", func() error { _, err := order.ParseStatus(""); return err }(),
			`order: unknown order status "" (want open, partially_filled, filled, cancelled or rejected)`},
		{"unmarshal", (new(order.Type)).UnmarshalText([]byte("limt")),
			`order: unknown order type "limt" (want market, limit, stop or stop_limit)`},
	}
	for _, tt := range bad {
		if tt.err == nil || tt.err.Error() != tt.want {
			t.Errorf("%s: error %v, want %q", tt.name, tt.err, tt.want)
		}
	}
	if got := order.Type(9).String(); got != "Type(9)" {
		t.Errorf("Type(9).String() = %q", got)
	}
	if got := order.Status(200).String(); got != "Status(200)" {
		t.Errorf("Status(200).String() = %q", got)
	}
	if got := order.TimeInForce(5).String(); got != "TimeInForce(5)" {
		t.Errorf("TimeInForce(5).String() = %q", got)
	}
	if _, err := order.Type(9).MarshalText(); err == nil {
		t.Error("Type(9).MarshalText: no error")
	}
}

// FuzzParse checks that the enum parsers never panic and that whatever
// they accept prints back to the same text.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"market", "limit", "stop", "stop_limit", "gtc", "day", "open",
		"partially_filled", "filled", "cancelled", "rejected", "", "Market", "stop-limit"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v, err := order.ParseType(s); err == nil && v.String() != s {
			t.Errorf("ParseType(%q) = %v", s, v)
		}
		if v, err := order.ParseTimeInForce(s); err == nil && v.String() != s {
			t.Errorf("ParseTimeInForce(%q) = %v", s, v)
		}
		if v, err := order.ParseStatus(s); err == nil && v.String() != s {
			t.Errorf("ParseStatus(%q) = %v", s, v)
		}
	})
}
