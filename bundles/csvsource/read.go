package csvsource

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/market"
)

// Options are the rules for reading one file, resolved from a [Config] by
// [Config.Options]. The zero value reads daily bars on the data calendar,
// wall times in UTC, stamped at the start of their interval, strictly.
type Options struct {
	Frequency market.Frequency
	// Calendar gives the sessions; nil means the data calendar: every
	// date is a session from 00:00 to 24:00 in Location (the rule of
	// calendar.FromDates).
	Calendar calendar.Calendar
	// Location is the zone of wall times written without an offset; nil
	// means the calendar's location (UTC for the data calendar).
	Location *time.Location
	// Start and End bound the bars kept, both included; the zero time
	// means unbounded. Daily rows are compared by date (the dates of Start
	// and End in Location), intraday rows by their end-of-interval time.
	Start, End time.Time
	Stamp      Stamp
	// Price says which prices a bar takes (see Price).
	Price Price
	// Delimiter separates fields; 0 means ','.
	Delimiter byte
	Repair    Repair
}

func (o Options) location() *time.Location {
	switch {
	case o.Location != nil:
		return o.Location
	case o.Calendar != nil:
		return o.Calendar.Location()
	}
	return time.UTC
}

// CalendarName returns the name of the calendar the bars follow: the
// calendar's name, or "data".
func (o Options) CalendarName() string {
	if o.Calendar == nil {
		return "data"
	}
	return o.Calendar.Name()
}

// FileReport tells what reading one file did.
type FileReport struct {
	Symbol string
	File   string
	Rows   int // data rows read (blank lines not counted)
	Bars   int // bars kept
	// Outside counts the rows left out by the Start/End bounds.
	Outside int
	// Dropped counts the rows dropped by a repair, and Drops names the
	// first few of them (at most MaxDropsListed), each with its line,
	// field, value and reason.
	Dropped int
	Drops   []*ParseError
}

// MaxDropsListed is the number of dropped rows a FileReport names.
const MaxDropsListed = 10

// ReadSeries reads one file of bars from r; file names it in errors. The
// series' Asset is left for the caller to fill in. Prices and volumes are
// parsed straight from the text into N, exactly (for Float: the nearest
// float64). The first row that breaks a rule is returned as a
// *[ParseError], unless a repair in opt.Repair drops it. The series is
// sorted, and satisfies market.Series.Validate.
func ReadSeries[N numeric.Number[N]](r io.Reader, file string, opt Options) (market.Series[N], FileReport, error) {
	return readSeries[N](r, file, opt, -1)
}

// kind classifies a bad row for the repair options.
type kind uint8

const (
	fatal kind = iota
	unparseable
	invalid
	duplicate
	offCalendar
)

type reader[N numeric.Number[N]] struct {
	file  string
	opt   Options
	loc   *time.Location
	sess  *sessionCache
	cols  columns
	dur   int64 // nominal bar length, ns
	delim byte
	// bounds: days for daily rows, instants for intraday ones
	startDay, endDay int64
	startNs, endNs   int64

	fields []string
	join   []byte // scratch for date + " " + time
	s      market.Series[N]
	rep    FileReport
	last   int64 // stamp of the last bar kept
	// lastStamp is the last bar's time as the file writes it (st.ns).
	lastStamp int64
}

// shown words the bar stamp ns for a message as the file's rows read: a
// daily bar by its session's date ("dated 1995-01-16"; its stamp is the
// session's close, which on the data calendar is the next midnight), an
// intraday one by its end-of-interval instant.
func (rd *reader[N]) shown(ns int64) string {
	if rd.opt.Frequency == market.Daily {
		return "dated " + civil(dayOf(ns-1, rd.sess.loc)).Format(time.DateOnly)
	}
	return "stamped " + time.Unix(0, ns).UTC().Format(time.RFC3339)
}

func readSeries[N numeric.Number[N]](r io.Reader, file string, opt Options, size int64) (s market.Series[N], rep FileReport, err error) {
	if opt.Frequency > market.Minute {
		return s, rep, &ParseError{File: file, Err: fmt.Errorf("unknown frequency %v", opt.Frequency)}
	}
	rd := &reader[N]{file: file, opt: opt, loc: opt.location(), dur: int64(opt.Frequency.Duration()), delim: opt.Delimiter}
	if rd.delim == 0 {
		rd.delim = ','
	}
	rd.sess = newSessionCache(opt.Calendar, rd.loc)
	rd.rep.File = file
	rd.startDay, rd.endDay = -1<<62, 1<<62
	rd.startNs, rd.endNs = -1<<63, 1<<63-1
	if !opt.Start.IsZero() {
		rd.startNs = opt.Start.UnixNano()
		rd.startDay = dayOf(rd.startNs, rd.loc)
	}
	if !opt.End.IsZero() {
		rd.endNs = opt.End.UnixNano()
		rd.endDay = dayOf(rd.endNs, rd.loc)
	}
	err = rd.read(r, size)
	return rd.s, rd.rep, err
}

func (rd *reader[N]) read(r io.Reader, size int64) error {
	lr := newLineReader(r)
	header := false
	for {
		line, ok := lr.next()
		if !ok {
			break
		}
		if isBlank(line) {
			continue
		}
		if !header {
			rd.fields = splitFields(rd.fields, line, rd.delim)
			cols, err := parseHeader(rd.fields, rd.file, lr.line)
			if err != nil {
				return err
			}
			if rd.opt.Price == PriceAdjClose && cols.adj < 0 {
				return &ParseError{File: rd.file, Line: lr.line, Field: "Adj Close", Value: clip(strings.Join(cols.names, ",")),
					Err: fmt.Errorf("%w: no Adj Close column (price: adj_close reads it)", ErrMissingColumn)}
			}
			rd.cols, header = cols, true
			if size > 0 {
				rd.grow(lr, size)
			}
			continue
		}
		rd.rep.Rows++
		k, err := rd.row(line, lr.line)
		if err == nil {
			continue
		}
		if !rd.repairs(k) {
			return err
		}
		rd.rep.Dropped++
		if len(rd.rep.Drops) < MaxDropsListed {
			rd.rep.Drops = append(rd.rep.Drops, err)
		}
	}
	if err := lr.Err(); err != nil {
		return &ParseError{File: rd.file, Line: lr.line + 1, Err: err}
	}
	if !header {
		return &ParseError{File: rd.file, Err: fmt.Errorf("%w: no header line", ErrEmpty)}
	}
	if rd.s.Len() == 0 {
		e := &ParseError{File: rd.file, Err: fmt.Errorf("%w: the file has a header and no data rows", ErrNoData)}
		switch {
		case rd.rep.Dropped > 0 && rd.rep.Outside > 0:
			e.Err = fmt.Errorf("%w: every row was dropped by a repair or outside start..end", ErrNoData)
		case rd.rep.Dropped > 0:
			e.Err = fmt.Errorf("%w: every row was dropped by a repair", ErrNoData)
		case rd.rep.Outside > 0:
			e.Err = fmt.Errorf("%w between start and end", ErrNoData)
		}
		return e
	}
	return nil
}

// grow preallocates the columns from the file size and the mean length
// of the lines of the first chunk.
func (rd *reader[N]) grow(lr *lineReader, size int64) {
	rows := capacityFor(size, lr.chunk)
	if rows == 0 {
		return
	}
	rd.s.Time = make([]int64, 0, rows)
	rd.s.Open = make([]N, 0, rows)
	rd.s.High = make([]N, 0, rows)
	rd.s.Low = make([]N, 0, rows)
	rd.s.Close = make([]N, 0, rows)
	rd.s.Volume = make([]N, 0, rows)
}

func (rd *reader[N]) repairs(k kind) bool {
	switch k {
	case unparseable:
		return rd.opt.Repair.DropUnparseable
	case invalid:
		return rd.opt.Repair.DropInvalid
	case duplicate:
		return rd.opt.Repair.DropDuplicates
	case offCalendar:
		return rd.opt.Repair.DropOffCalendar
	}
	return false
}

func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isSpace(s[i]) {
			return false
		}
	}
	return true
}

// bad builds the error for a field of line ln.
func (rd *reader[N]) bad(ln, col int, value string, err error) *ParseError {
	field := ""
	if col >= 0 {
		field = rd.cols.names[col]
	}
	return &ParseError{File: rd.file, Line: ln, Field: field, Value: clip(value), Err: err}
}

// row reads one data line; it returns nil when the bar is kept or left out
// by the bounds.
func (rd *reader[N]) row(line string, ln int) (kind, *ParseError) {
	c := &rd.cols
	rd.fields = splitFields(rd.fields, line, rd.delim)
	f := rd.fields
	if len(f) != c.n {
		return unparseable, &ParseError{File: rd.file, Line: ln, Value: clip(line),
			Err: fmt.Errorf("%w: %d, the header has %d", ErrFieldCount, len(f), c.n)}
	}

	// Time.
	tcol, text := c.stamp, ""
	if tcol >= 0 {
		text = f[tcol]
	} else if tcol = c.date; c.clock < 0 {
		text = f[c.date]
	} else {
		rd.join = append(append(append(rd.join[:0], f[c.date]...), ' '), f[c.clock]...)
		text = string(rd.join)
	}
	st, err := parseStamp(text, rd.loc)
	if err != nil {
		return unparseable, rd.bad(ln, tcol, text, err)
	}
	ns, k, err := rd.barTime(st)
	if err != nil {
		return k, rd.bad(ln, tcol, text, err)
	}
	if k == outside {
		rd.rep.Outside++
		return 0, nil
	}
	if n := rd.s.Len(); n > 0 && ns <= rd.last {
		if ns == rd.last && rd.opt.Frequency == market.Daily && st.hasTime && st.ns != rd.lastStamp {
			// Two times of day on one date in a file read as daily: the
			// file holds intraday bars.
			return fatal, rd.bad(ln, tcol, text, fmt.Errorf("%w: a second bar on %s (the bar above is at %s): the file holds intraday bars, read as daily; set the frequency (minute or hourly)",
				ErrFrequency, civil(dayOf(ns-1, rd.sess.loc)).Format(time.DateOnly), time.Unix(0, rd.lastStamp).In(rd.loc).Format("15:04:05")))
		}
		prev, this := rd.shown(rd.last), rd.shown(ns)
		if ns == rd.last {
			return duplicate, rd.bad(ln, tcol, text, fmt.Errorf("%w: the bar above is also %s", ErrDuplicate, prev))
		}
		return fatal, rd.bad(ln, tcol, text, fmt.Errorf("%w: the bar above is %s, after this one (%s)", ErrUnsorted, prev, this))
	}

	// Prices and volume.
	var v [5]N
	for i, col := range [5]int{c.open, c.high, c.low, c.close, c.volume} {
		x, err := v[i].Parse(f[col])
		if err != nil {
			k := fatal
			var pe *numeric.ParseError
			if errors.As(err, &pe) {
				if errors.Is(err, numeric.ErrSyntax) {
					k = unparseable
				}
				// Do not pin the chunk the text came from.
				err = &numeric.ParseError{Backend: pe.Backend, Input: clip(pe.Input), Err: pe.Err}
			}
			return k, rd.bad(ln, col, f[col], err)
		}
		switch {
		case i < 4 && x.Sign() <= 0:
			return invalid, rd.bad(ln, col, f[col], ErrNotPositive)
		case x.Sign() < 0:
			return invalid, rd.bad(ln, col, f[col], ErrNegative)
		}
		v[i] = x
	}
	o, h, l, cl := v[0], v[1], v[2], v[3]
	switch {
	case h.Cmp(l) < 0:
		return invalid, rd.bad(ln, c.high, f[c.high], fmt.Errorf("%w %s", ErrHighBelowLow, f[c.low]))
	case o.Cmp(l) < 0 || o.Cmp(h) > 0:
		return invalid, rd.bad(ln, c.open, f[c.open], fmt.Errorf("open %w = [%s, %s]", ErrOutsideRange, f[c.low], f[c.high]))
	case cl.Cmp(l) < 0 || cl.Cmp(h) > 0:
		return invalid, rd.bad(ln, c.close, f[c.close], fmt.Errorf("close %w = [%s, %s]", ErrOutsideRange, f[c.low], f[c.high]))
	}
	if rd.opt.Price == PriceAdjClose {
		var err *ParseError
		var k kind
		if o, h, l, cl, k, err = rd.adjust(ln, f, o, h, l, cl); err != nil {
			return k, err
		}
	}
	s := &rd.s
	s.Time = append(s.Time, ns)
	s.Open = append(s.Open, o)
	s.High = append(s.High, h)
	s.Low = append(s.Low, l)
	s.Close = append(s.Close, cl)
	s.Volume = append(s.Volume, v[4])
	rd.last, rd.lastStamp = ns, st.ns
	rd.rep.Bars++
	return 0, nil
}

// adjust scales a row's prices to its adjusted close (PriceAdjClose).
func (rd *reader[N]) adjust(ln int, f []string, o, h, l, cl N) (N, N, N, N, kind, *ParseError) {
	c := &rd.cols
	adj, err := cl.Parse(f[c.adj])
	if err != nil {
		k := fatal
		if errors.Is(err, numeric.ErrSyntax) {
			k = unparseable
		}
		return o, h, l, cl, k, rd.bad(ln, c.adj, f[c.adj], err)
	}
	if adj.Sign() <= 0 { // the close is positive: checked above
		return o, h, l, cl, invalid, rd.bad(ln, c.adj, f[c.adj], ErrNotPositive)
	}
	d := decimals(adj.String())
	for _, x := range [...]N{o, h, l, cl} {
		d = max(d, decimals(x.String()))
	}
	var out [3]N
	for i, x := range [...]N{o, h, l} {
		col := [...]int{c.open, c.high, c.low}[i]
		if out[i], err = adjusted(x, adj, cl, d); err != nil {
			return o, h, l, cl, fatal, rd.bad(ln, col, f[col], err)
		}
		if out[i].Sign() <= 0 {
			return o, h, l, cl, invalid, rd.bad(ln, col, f[col],
				fmt.Errorf("%w: x %s / %s rounds to zero at %d decimals", ErrNotPositive, f[c.adj], f[c.close], d))
		}
	}
	return out[0], out[1], out[2], adj, 0, nil
}

// outside is the kind barTime gives a row left out by the bounds.
const outside kind = 255

// barTime turns the stamp read into the bar's end-of-interval stamp:
// for daily bars the close of the session on that date, for intraday bars
// the end of the interval, cut at the session's close.
func (rd *reader[N]) barTime(st stamp) (int64, kind, error) {
	atEnd := rd.opt.Stamp == StampEnd
	if rd.opt.Frequency == market.Daily {
		day := st.day
		if st.hasTime {
			ns := st.ns
			if atEnd {
				ns-- // a bar ending at midnight belongs to the day before
			}
			day = dayOf(ns, rd.sess.loc)
		}
		if day < rd.startDay || day > rd.endDay {
			return 0, outside, nil
		}
		cl, ok, err := rd.sess.closeOn(day)
		switch {
		case err != nil:
			return 0, offCalendar, err
		case !ok:
			return 0, offCalendar, fmt.Errorf("%w %s: %s is not a session date", ErrOffCalendar, rd.sess.name(),
				civil(day).Format(time.DateOnly))
		}
		return cl, 0, nil
	}
	if !st.hasTime {
		return 0, unparseable, fmt.Errorf("%w: a date without a time of day in a file of %s bars", ErrTime, rd.opt.Frequency)
	}
	end := st.ns
	if !atEnd {
		end += rd.dur
	}
	if end < rd.startNs || end > rd.endNs {
		return 0, outside, nil
	}
	ss, ok, err := rd.sess.holding(st.ns, atEnd)
	switch {
	case err != nil:
		return 0, offCalendar, err
	case !ok:
		return 0, offCalendar, fmt.Errorf("%w %s: %s is in no session", ErrOffCalendar, rd.sess.name(),
			time.Unix(0, st.ns).UTC().Format(time.RFC3339Nano))
	}
	// On the grid of the session's bars: each starts a whole number of
	// bar lengths after the open (the last may be cut at the close).
	if start := end - rd.dur; (start-ss.open)%rd.dur != 0 && !(atEnd && end == ss.close) {
		return 0, offCalendar, fmt.Errorf("%w: %s is not on the %s grid of the session opening at %s", ErrOffGrid,
			time.Unix(0, st.ns).UTC().Format(time.RFC3339Nano), rd.opt.Frequency, time.Unix(0, ss.open).UTC().Format(time.RFC3339))
	}
	return min(end, ss.close), 0, nil
}
