package order

// Status is where an order is in its life. The zero value is Open.
//
//	Open ──fill──▶ PartiallyFilled ──fill──▶ Filled
//	  │  └──────────────fill─────────────────▲
//	  ├──cancel──▶ Cancelled ◀──cancel/reject── PartiallyFilled
//	  └──reject──▶ Rejected
//
// Filled, Cancelled and Rejected are final: no transition leaves them.
type Status uint8

const (
	// Open: placed and accepted, nothing filled yet.
	Open Status = iota
	// PartiallyFilled: some but not all of the amount has filled; the
	// rest is still working.
	PartiallyFilled
	// Filled: the whole amount has filled.
	Filled
	// Cancelled: stopped before filling completely, by the strategy, at
	// the end of a day order's session, or by a fill refused after a
	// partial fill; Reason says which.
	Cancelled
	// Rejected: refused, at placement (invalid request) or at its first
	// fill (account rules); Reason says why.
	Rejected
)

var statusNames = []string{"open", "partially_filled", "filled", "cancelled", "rejected"}

// String returns the status's name: open, partially_filled, filled,
// cancelled or rejected.
func (s Status) String() string { return enumString("Status", statusNames, uint8(s)) }

// ParseStatus reads a status by its name (see [Status.String]).
func ParseStatus(s string) (Status, error) {
	v, err := enumParse("order status", statusNames, s)
	return Status(v), err
}

// MarshalText implements [encoding.TextMarshaler].
func (s Status) MarshalText() ([]byte, error) {
	return marshalEnum("order status", statusNames, uint8(s))
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *Status) UnmarshalText(b []byte) error {
	v, err := ParseStatus(string(b))
	if err == nil {
		*s = v
	}
	return err
}

// IsOpen reports whether an order with status s can still fill: Open or
// PartiallyFilled.
func (s Status) IsOpen() bool { return s == Open || s == PartiallyFilled }
