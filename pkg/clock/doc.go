// Package clock turns a trading calendar and a bar frequency into the
// schedule a backtest walks: for each session, its open (before trading),
// its bars in order, its close.
//
// [New] computes the whole schedule of a run at once: the sessions of the
// calendar between two dates ([Clock.Sessions]) and every bar stamp
// ([Clock.BarTimes], Unix nanoseconds UTC, strictly ascending), which the
// engine loops over. Bar i of the run is BarTimes()[i]; [Clock.SessionBars]
// gives the bars of a session as a range of indexes and [Clock.SessionOf]
// the session of a bar.
//
// # Stamps
//
// A bar is stamped at the END of its interval (the convention of package
// market):
//
//   - Daily: one bar per session, at the close.
//   - Minute: one bar at the end of each minute of the session: 09:31 to
//     16:00 on a regular NYSE day (390 bars), 09:31 to 13:00 on an early
//     close (210).
//   - Hourly: one bar at the end of each hour counted from the open, the
//     last one possibly shorter and ending at the close: 10:30, 11:30, ...,
//     15:30, 16:00 (7 bars); on an early close 10:30, 11:30, 12:30, 13:00
//     (4).
//
// The same rules apply to every calendar: a 24/7 day has 1440 minute bars
// (00:01 to 24:00 UTC) and 24 hourly ones, its daily bar stamped at 24:00,
// that is 00:00 UTC of the next day. A data calendar's session runs 00:00
// to 24:00 in its location, so its daily bar is stamped at the next day's
// local midnight, and its hourly count follows daylight saving time (23 or
// 25 bars on the days it changes). Minute and hour steps are counted in
// elapsed time, not wall-clock time.
//
// Bar i covers the instants after the previous bar's stamp (or its
// session's open) up to and including its own. [Clock.Align] maps an
// instant, or the stamp of a finer bar, to the bar that holds it, the rule
// for aggregating minute bars into hourly and daily ones; [Clock.Index]
// finds the bar stamped exactly at t, to reject data off the sessions or off
// the grid.
//
// # Order
//
// Within a session: the open, the bars in order (each strictly after the
// open, the last one at the close), the close. The engine walks them in
// that order (package engine): a bar stamped at the close comes BEFORE
// the end of its session, so a strategy sees the session's last bar
// before the end-of-session hook. Times never decrease; where a session
// closes as the next opens (24/7, data calendars), the close of the one
// comes before the open of the next.
//
// # Errors, panics and cost
//
// New returns an error for a nil calendar, an unknown frequency, a range
// the calendar rejects (start after end, outside its years, no sessions:
// the error names the dates and unwraps to a *calendar.RangeError) and for
// a calendar whose sessions are out of order. The accessors panic on an
// index out of range, as slices do; [CountBars] and [AppendBarTimes] panic
// on an unknown frequency or an empty session (programmer errors: New
// checks both).
//
// New makes three allocations besides the calendar's (the bar stamps sized
// exactly, the per-session bar offsets, the Clock); the accessors make
// none. A Clock is immutable and safe for concurrent use; BarTimes and
// Sessions return its own slices, which callers must not modify.
package clock
