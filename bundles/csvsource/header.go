package csvsource

import (
	"fmt"
	"strings"
)

// columns is where each field of a row is, found from the header.
type columns struct {
	n     int      // fields in the header
	names []string // the header's names, as written
	// Time is read from one column (stamp), or from a date column and a
	// time-of-day column joined by a space (date and clock).
	stamp, date, clock             int
	open, high, low, close, volume int
	adj                            int // the adjusted close, -1 when absent
}

// timeNames are the header names of a column holding the whole stamp.
var timeNames = []string{"datetime", "date_time", "date time", "timestamp"}

// parseHeader finds the columns by name, ignoring case, spaces around the
// name, surrounding quotes and a UTF-8 byte order mark. The time comes
// from a datetime/timestamp column, else from a date column (with a time
// column when there is one), else from a time column. Other columns are
// ignored.
func parseHeader(fields []string, file string, line int) (columns, error) {
	c := columns{n: len(fields), stamp: -1, date: -1, clock: -1, open: -1, high: -1, low: -1, close: -1, volume: -1, adj: -1}
	c.names = make([]string, len(fields))
	stampName := ""
	for i, f := range fields {
		f = strings.Clone(f)
		c.names[i] = f
		key := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(f, "\ufeff")))
		var slot *int
		switch key {
		case "date":
			slot = &c.date
		case "time":
			slot = &c.clock
		case "open":
			slot = &c.open
		case "high":
			slot = &c.high
		case "low":
			slot = &c.low
		case "close":
			slot = &c.close
		case "volume":
			slot = &c.volume
		default:
			for _, n := range adjNames {
				if key == n {
					slot = &c.adj
				}
			}
			for _, n := range timeNames {
				if key == n {
					slot = &c.stamp
					if stampName != "" {
						return c, &ParseError{File: file, Line: line, Field: f, Value: f,
							Err: fmt.Errorf("%w: both %q and %q hold the time", ErrDuplicateColumn, stampName, f)}
					}
					stampName = f
				}
			}
		}
		if slot == nil {
			continue
		}
		if *slot >= 0 && slot != &c.stamp {
			return c, &ParseError{File: file, Line: line, Field: f, Value: f,
				Err: fmt.Errorf("%w: %q appears twice in the header", ErrDuplicateColumn, key)}
		}
		*slot = i
	}
	// One source of time: a stamp column wins; date and time otherwise.
	switch {
	case c.stamp >= 0:
		c.date, c.clock = -1, -1
	case c.date >= 0:
	case c.clock >= 0:
		c.stamp, c.clock = c.clock, -1
	}
	var missing []string
	if c.stamp < 0 && c.date < 0 {
		missing = append(missing, "date")
	}
	for _, m := range []struct {
		name string
		i    int
	}{{"open", c.open}, {"high", c.high}, {"low", c.low}, {"close", c.close}, {"volume", c.volume}} {
		if m.i < 0 {
			missing = append(missing, m.name)
		}
	}
	if len(missing) > 0 {
		return c, &ParseError{File: file, Line: line, Field: missing[0], Value: clip(strings.Join(c.names, ",")),
			Err: fmt.Errorf("%w: no %s column (want date or datetime/timestamp, open, high, low, close, volume)",
				ErrMissingColumn, strings.Join(missing, ", "))}
	}
	return c, nil
}

// timeField returns the name of the time column(s) as the header writes it.
func (c *columns) timeField() string {
	if c.stamp >= 0 {
		return c.names[c.stamp]
	}
	if c.clock >= 0 {
		return c.names[c.date] + "+" + c.names[c.clock]
	}
	return c.names[c.date]
}
