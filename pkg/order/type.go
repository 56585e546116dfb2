package order

// Type is how an order's fill price is decided. The zero value is Market.
type Type uint8

const (
	// Market fills at the next price available (the next bar's open or
	// close, by the simulator's fill mode).
	Market Type = iota
	// Limit fills at its limit price or better.
	Limit
	// Stop becomes a market order once the price reaches its stop price.
	Stop
	// StopLimit becomes a limit order once the price reaches its stop price.
	StopLimit
)

var typeNames = []string{"market", "limit", "stop", "stop_limit"}

// String returns the type's name as written in configs: market, limit,
// stop or stop_limit.
func (t Type) String() string { return enumString("Type", typeNames, uint8(t)) }

// ParseType reads a type by its name (see [Type.String]).
func ParseType(s string) (Type, error) {
	v, err := enumParse("order type", typeNames, s)
	return Type(v), err
}

// MarshalText implements [encoding.TextMarshaler].
func (t Type) MarshalText() ([]byte, error) { return marshalEnum("order type", typeNames, uint8(t)) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (t *Type) UnmarshalText(b []byte) error {
	v, err := ParseType(string(b))
	if err == nil {
		*t = v
	}
	return err
}

// valid reports whether t is one of the declared types.
func (t Type) valid() bool { return int(t) < len(typeNames) }

// hasLimit reports whether orders of type t carry a limit price.
func (t Type) hasLimit() bool { return t == Limit || t == StopLimit }

// hasStop reports whether orders of type t carry a stop price.
func (t Type) hasStop() bool { return t == Stop || t == StopLimit }
