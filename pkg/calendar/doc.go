// Package calendar says when markets trade: a [Calendar] lists the trading
// [Session]s of a range of dates, each with its calendar date and its open
// and close instants in UTC. The clock (package clock) turns sessions and a
// bar frequency into the events a backtest walks.
//
// Three kinds of calendar:
//
//   - [XNYS]: the New York Stock Exchange, 1990-2035.
//   - [TwentyFourSeven] ("24/7"): markets that never close (crypto), one
//     session per UTC day, 00:00 to 24:00 UTC.
//   - [FromDates] ("data"): the dates present in a data file, for markets
//     we have no calendar for, each session 00:00 to 24:00 in a location.
//     Such a calendar knows dates, not hours ([DatesOnly]).
//
// [ByName] finds XNYS (also "NYSE") and 24/7 by name.
//
// # Dates
//
// A session's Date is its calendar date as 00:00 UTC; Open and Close are
// instants in UTC, Open < Close. Sessions(start, end) reads start and end as
// calendar dates (the year, month and day they show in their own location;
// see [Date]) and returns the sessions whose Date is in [start, end] in
// order. It returns a [*RangeError] that names the calendar and the dates
// when start is after end ([ErrStartAfterEnd]), when the range leaves the
// supported years ([ErrOutOfRange]: 1990-2035 for XNYS, [MinYear]-[MaxYear],
// the years int64 Unix nanoseconds reach, for the others) or when no session
// falls in it ([ErrNoSessions]). A range that only partly overlaps the
// supported years is an error: a calendar never answers for years it does
// not know.
//
// # XNYS rules
//
// Sessions run 09:30-16:00 America/New_York on weekdays, except:
//
//   - Full holidays, under the rules in force each year: New Year's Day,
//     Martin Luther King Jr. Day (third Monday of January, from 1998),
//     Washington's Birthday (third Monday of February), Good Friday (two
//     days before Easter, see [Easter]), Memorial Day (last Monday of May),
//     Juneteenth (June 19, from 2022), Independence Day (July 4), Labor Day
//     (first Monday of September), Thanksgiving (fourth Thursday of
//     November) and Christmas (December 25). A fixed-date holiday falling on
//     a Saturday is observed the Friday before, on a Sunday the Monday
//     after; but a New Year's Day on a Saturday is not observed (December 31
//     stays a trading day).
//   - Special closures: 1994-04-27 (President Nixon), 2001-09-11 to 09-14
//     (September 11), 2004-06-11 (President Reagan), 2007-01-02 (President
//     Ford), 2012-10-29 and 10-30 (Hurricane Sandy), 2018-12-05 (President
//     G. H. W. Bush), 2025-01-09 (President Carter).
//   - Early closes at 13:00 (14:00 before 1993): the day after Thanksgiving
//     (from 1992); Christmas Eve on a Monday to Thursday; July 3 on a
//     Monday, Tuesday or Thursday from 1995, and on a Wednesday from 2013
//     (from 1995 to 2012 a Thursday Independence Day gave the early close to
//     Friday, July 5 instead); and the one-off closes of 1997-12-26,
//     1999-12-31 and 2003-12-26.
//
// The rules were derived from, and are tested session by session (open and
// close) against, the published session list for 1990-01-02 to 2023-01-13
// (exchange_calendars' xnys.csv), and against the NYSE's published holiday
// lists for 2023-2027. That list shows no weather closures, late openings
// or other special closes in 1990-2023 besides those above; late openings
// and intraday halts are not modelled. Years after the published lists
// follow the rules: a future special closure needs a code change.
//
// Time zones come from the embedded database (time/tzdata), so the
// calendar works on machines without tzdata.
//
// # Cost and concurrency
//
// XNYS computes its sessions once per process, on first use (about 11,600
// sessions), and shares the table read-only; data calendars compute theirs
// in FromDates; 24/7 computes them on each call. Sessions costs two binary
// searches and one allocation, the returned slice, which the caller owns.
// Every calendar is immutable and safe for concurrent use. Nothing in the
// package panics on user input.
package calendar
