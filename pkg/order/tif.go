package order

// TimeInForce is how long an order stays open. The zero value is GTC.
type TimeInForce uint8

const (
	// GTC (good till cancelled) stays open until it fills, is cancelled,
	// or the run ends. It is the default, as in zipline and backtrader.
	GTC TimeInForce = iota
	// Day is cancelled at the end of the session it was placed in
	// ([Book.ExpireDay]), with the reason [ReasonDayExpired].
	Day
)

var tifNames = []string{"gtc", "day"}

// String returns "gtc" or "day".
func (t TimeInForce) String() string { return enumString("TimeInForce", tifNames, uint8(t)) }

// ParseTimeInForce reads "gtc" or "day".
func ParseTimeInForce(s string) (TimeInForce, error) {
	v, err := enumParse("time in force", tifNames, s)
	return TimeInForce(v), err
}

// MarshalText implements [encoding.TextMarshaler].
func (t TimeInForce) MarshalText() ([]byte, error) {
	return marshalEnum("time in force", tifNames, uint8(t))
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (t *TimeInForce) UnmarshalText(b []byte) error {
	v, err := ParseTimeInForce(string(b))
	if err == nil {
		*t = v
	}
	return err
}

func (t TimeInForce) valid() bool { return int(t) < len(tifNames) }
