package clock

import "fmt"

// Kind is the kind of an [Event].
type Kind uint8

const (
	// SessionStart is stamped at a session's open, before its first bar.
	SessionStart Kind = iota
	// Bar is stamped at the end of a bar's interval.
	Bar
	// SessionEnd is stamped at a session's close, after its last bar
	// (which is stamped at the close too).
	SessionEnd
)

// String returns "session-start", "bar" or "session-end".
func (k Kind) String() string {
	switch k {
	case SessionStart:
		return "session-start"
	case Bar:
		return "bar"
	case SessionEnd:
		return "session-end"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}
