package order

import (
	"fmt"
	"strconv"
)

// enumString returns names[v] or "Kind(v)" for a value out of range, as a
// stringer-generated method does.
func enumString(kind string, names []string, v uint8) string {
	if int(v) < len(names) {
		return names[v]
	}
	return kind + "(" + strconv.Itoa(int(v)) + ")"
}

// enumParse returns the index of s in names, or an error listing them.
func enumParse(kind string, names []string, s string) (uint8, error) {
	for i, n := range names {
		if s == n {
			return uint8(i), nil
		}
	}
	return 0, fmt.Errorf("order: unknown %s %q (want %s)", kind, s, list(names))
}

func list(names []string) string {
	s := ""
	for i, n := range names {
		switch {
		case i == 0:
		case i == len(names)-1:
			s += " or "
		default:
			s += ", "
		}
		s += n
	}
	return s
}

func marshalEnum(kind string, names []string, v uint8) ([]byte, error) {
	if int(v) >= len(names) {
		return nil, fmt.Errorf("order: invalid %s %d", kind, v)
	}
	return []byte(names[v]), nil
}
