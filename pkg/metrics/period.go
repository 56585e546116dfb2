package metrics

import "fmt"

// Period is the spacing of a returns series: one return per trading day,
// week or month. It decides the annualization factor. The zero value is
// Daily, empyrical's default.
type Period int

const (
	Daily   Period = iota // 252 returns a year
	Weekly                // 52 returns a year
	Monthly               // 12 returns a year
)

// AnnualizationFactor returns the number of periods in a year, as empyrical
// counts them: 252 for Daily, 52 for Weekly, 12 for Monthly. It panics on a
// Period that is not one of the three constants (a programmer error).
func (p Period) AnnualizationFactor() float64 {
	switch p {
	case Daily:
		return 252
	case Weekly:
		return 52
	case Monthly:
		return 12
	}
	panic(fmt.Sprintf("metrics: invalid Period(%d)", int(p)))
}

// String returns "daily", "weekly" or "monthly".
func (p Period) String() string {
	switch p {
	case Daily:
		return "daily"
	case Weekly:
		return "weekly"
	case Monthly:
		return "monthly"
	}
	return fmt.Sprintf("Period(%d)", int(p))
}

// ParsePeriod is the inverse of String: it accepts "daily", "weekly" and
// "monthly".
func ParsePeriod(s string) (Period, error) {
	switch s {
	case "daily":
		return Daily, nil
	case "weekly":
		return Weekly, nil
	case "monthly":
		return Monthly, nil
	}
	return 0, fmt.Errorf("metrics: unknown period %q (want daily, weekly or monthly)", s)
}

// MarshalText implements encoding.TextMarshaler with the String form.
func (p Period) MarshalText() ([]byte, error) {
	switch p {
	case Daily, Weekly, Monthly:
		return []byte(p.String()), nil
	}
	return nil, fmt.Errorf("metrics: invalid Period(%d)", int(p))
}

// UnmarshalText implements encoding.TextUnmarshaler with ParsePeriod.
func (p *Period) UnmarshalText(b []byte) error {
	v, err := ParsePeriod(string(b))
	if err != nil {
		return err
	}
	*p = v
	return nil
}
