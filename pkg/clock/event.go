package clock

import "time"

// Event is one step of a run: a session starts, a bar closes, a session
// ends.
type Event struct {
	Kind Kind
	// Time is the event's instant in UTC: the open for SessionStart, the
	// bar's stamp (the end of its interval) for Bar, the close for
	// SessionEnd.
	Time time.Time
	// Session is the index of the event's session in Clock.Sessions.
	Session int
	// Bar is the running index of the bar across the whole run, into
	// Clock.BarTimes, for Bar events; -1 for session events.
	Bar int
}
