package numeric

import (
	"fmt"
	"strings"
)

// Abbrev shortens the text of a number of more than 20 integer digits to
// scientific notation with at most 7 significant digits (1e+400,
// -1.234567e+30), so that a message about an absurd value stays short;
// other text is returned as it is.
func Abbrev(s string) string {
	sign, digits := "", s
	if strings.HasPrefix(s, "-") {
		sign, digits = "-", s[1:]
	}
	digits, _, _ = strings.Cut(digits, ".")
	if len(digits) <= 20 {
		return s
	}
	out := digits[:1]
	if m := strings.TrimRight(digits[1:7], "0"); m != "" {
		out += "." + m
	}
	return fmt.Sprintf("%s%se+%d", sign, out, len(digits)-1)
}
