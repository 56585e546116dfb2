package csvsource

import (
	"fmt"
	"time"
)

// stamp is a date or time as written in a file: a civil date alone, or an
// instant.
type stamp struct {
	day     int64 // the civil date as days since 1970-01-01 (date-only stamps)
	ns      int64 // the instant, Unix nanoseconds (stamps with a time)
	hasTime bool
}

const (
	minYear = 1800
	maxYear = 2200 // Unix nanoseconds overflow after 2262
	nsDay   = int64(24 * time.Hour)
)

// parseStamp reads s as one of
//
//	YYYY-MM-DD                                  a date
//	YYYY-MM-DD HH:MM[:SS[.fraction]]            a wall time in loc
//	YYYY-MM-DDTHH:MM[:SS[.fraction]]            a wall time in loc
//	either of the above followed by Z, ±HH:MM or ±HHMM: an instant (RFC 3339)
//
// Wall times that a daylight-saving change skips or repeats are resolved
// as time.Date does. It does not allocate on success.
func parseStamp(s string, loc *time.Location) (stamp, error) {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return stamp{}, fmt.Errorf("%w: want YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or RFC 3339", ErrTime)
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return stamp{}, fmt.Errorf("%w: want YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or RFC 3339", ErrTime)
	}
	if y < minYear || y > maxYear {
		return stamp{}, fmt.Errorf("%w: year outside %d..%d", ErrTime, minYear, maxYear)
	}
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return stamp{}, fmt.Errorf("%w: no such date", ErrTime)
	}
	day := daysFromCivil(y, m, d)
	if len(s) == 10 {
		return stamp{day: day}, nil
	}
	rest := s[10:]
	if rest[0] != 'T' && rest[0] != ' ' && rest[0] != 't' {
		return stamp{}, fmt.Errorf("%w: want T or a space between date and time", ErrTime)
	}
	rest = rest[1:]
	if len(rest) < 5 || rest[2] != ':' {
		return stamp{}, fmt.Errorf("%w: want HH:MM[:SS] after the date", ErrTime)
	}
	hh, ok1 := digits(rest[0:2])
	mm, ok2 := digits(rest[3:5])
	if !ok1 || !ok2 || hh > 23 || mm > 59 {
		return stamp{}, fmt.Errorf("%w: bad hour or minute", ErrTime)
	}
	rest = rest[5:]
	ss, frac := 0, 0
	if len(rest) > 0 && rest[0] == ':' {
		if len(rest) < 3 {
			return stamp{}, fmt.Errorf("%w: bad seconds", ErrTime)
		}
		var ok bool
		ss, ok = digits(rest[1:3])
		if !ok || ss > 59 {
			return stamp{}, fmt.Errorf("%w: bad seconds", ErrTime)
		}
		rest = rest[3:]
		if len(rest) > 0 && (rest[0] == '.' || rest[0] == ',') {
			i := 1
			scale := int(1e8)
			for i < len(rest) && '0' <= rest[i] && rest[i] <= '9' {
				if scale > 0 {
					frac += int(rest[i]-'0') * scale
					scale /= 10
				}
				i++
			}
			if i == 1 {
				return stamp{}, fmt.Errorf("%w: bad fraction of a second", ErrTime)
			}
			rest = rest[i:]
		}
	}
	sec := day*86400 + int64(hh*3600+mm*60+ss)
	switch {
	case rest == "":
		if loc == time.UTC {
			return stamp{ns: sec*1e9 + int64(frac), hasTime: true, day: day}, nil
		}
		t := time.Date(y, time.Month(m), d, hh, mm, ss, frac, loc)
		return stamp{ns: t.UnixNano(), hasTime: true, day: day}, nil
	case rest == "Z" || rest == "z":
		return stamp{ns: sec*1e9 + int64(frac), hasTime: true, day: day}, nil
	case rest[0] == '+' || rest[0] == '-':
		off, ok := parseOffset(rest[1:])
		if !ok {
			return stamp{}, fmt.Errorf("%w: bad UTC offset (want Z, ±HH:MM or ±HHMM)", ErrTime)
		}
		if rest[0] == '-' {
			off = -off
		}
		return stamp{ns: (sec-int64(off))*1e9 + int64(frac), hasTime: true, day: day}, nil
	}
	return stamp{}, fmt.Errorf("%w: unexpected text after the time", ErrTime)
}

// parseOffset reads HH:MM or HHMM as seconds.
func parseOffset(s string) (int, bool) {
	var hs, ms string
	switch {
	case len(s) == 5 && s[2] == ':':
		hs, ms = s[0:2], s[3:5]
	case len(s) == 4:
		hs, ms = s[0:2], s[2:4]
	default:
		return 0, false
	}
	h, ok1 := digits(hs)
	m, ok2 := digits(ms)
	if !ok1 || !ok2 || h > 23 || m > 59 {
		return 0, false
	}
	return h*3600 + m*60, true
}

// digits reads a string of ASCII digits.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(s) > 0
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the number of days from 1970-01-01 to the
// proleptic Gregorian date y-m-d (y >= 0), after Howard Hinnant's
// days_from_civil.
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

// civil returns the date of day (days since 1970-01-01) as a time.Time at
// midnight UTC.
func civil(day int64) time.Time { return time.Unix(day*86400, 0).UTC() }

// dayOf returns the civil date, in loc, of the instant ns.
func dayOf(ns int64, loc *time.Location) int64 {
	y, m, d := time.Unix(0, ns).In(loc).Date()
	return daysFromCivil(y, int(m), d)
}
