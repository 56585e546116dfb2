package market

import "fmt"

// Field names a column of a bar.
type Field uint8

const (
	Open Field = iota
	High
	Low
	Close
	Volume
)

// NumFields is the number of fields of a bar.
const NumFields = int(Volume) + 1

// Fields returns every field in column order: Open, High, Low, Close,
// Volume (a new array at each call).
func Fields() [NumFields]Field { return [...]Field{Open, High, Low, Close, Volume} }

// String returns "open", "high", "low", "close" or "volume".
func (f Field) String() string {
	switch f {
	case Open:
		return "open"
	case High:
		return "high"
	case Low:
		return "low"
	case Close:
		return "close"
	case Volume:
		return "volume"
	}
	return fmt.Sprintf("Field(%d)", uint8(f))
}

// ParseField reads a field name, case-sensitively lower-case.
func ParseField(s string) (Field, error) {
	for _, f := range Fields() {
		if f.String() == s {
			return f, nil
		}
	}
	return 0, fmt.Errorf("market: unknown field %q (want open, high, low, close or volume)", s)
}
