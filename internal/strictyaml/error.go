package strictyaml

import (
	"errors"
	"fmt"
	"strings"
)

// Error is a value the YAML cannot decode: the key's path ("data.assets";
// empty for the document itself), the line of the value, and what is
// wrong with it.
type Error struct {
	Path string
	Line int
	Msg  string
	// Via names the alias the value was reached through ("*d at line
	// 7"), if it was: Line is then the anchored value's, not the line of
	// the key Path names.
	Via string
}

func (e *Error) Error() string {
	at := fmt.Sprintf("line %d", e.Line)
	if e.Via != "" {
		at += ", reached through the alias " + e.Via
	}
	if e.Path == "" {
		return fmt.Sprintf("%s: %s", at, e.Msg)
	}
	return fmt.Sprintf("%s (%s): %s", e.Path, at, e.Msg)
}

// Errorf returns an *Error for the key path at line.
func Errorf(path string, line int, format string, args ...any) error {
	return &Error{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// UnknownKeyError is a key that the mapping it is in does not take.
type UnknownKeyError struct {
	// Key is the key's full path ("data.frequncy").
	Key  string
	Line int
	// Suggestion is the full path of the known key nearest to Key, if one
	// is near enough to be a likely typo ("data.frequency"); else empty.
	Suggestion string
	// Known are the keys the mapping takes (last elements only).
	Known []string
	// Via names the alias the key was reached through, as Error's Via.
	Via string
}

func (e *UnknownKeyError) Error() string {
	at := fmt.Sprintf("unknown key %q at line %d", e.Key, e.Line)
	if e.Via != "" {
		at += ", reached through the alias " + e.Via
	}
	switch {
	case e.Suggestion != "":
		return fmt.Sprintf("%s (did you mean %q?)", at, e.Suggestion)
	case len(e.Known) > 0:
		return fmt.Sprintf("%s (known keys: %s)", at, strings.Join(e.Known, ", "))
	}
	return fmt.Sprintf("%s (this mapping takes no keys)", at)
}

// UnknownKey returns the error of key, found at line in the mapping at
// path, which takes the keys known.
func UnknownKey(path, key string, line int, known []string) error {
	e := &UnknownKeyError{Key: join(path, key), Line: line, Known: known}
	if s := Suggest(key, known); s != "" {
		e.Suggestion = join(path, s)
	}
	return e
}

// join appends key to path.
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// IsDecodeError reports whether err is, or wraps, an error of decoding
// (an *Error or an *UnknownKeyError): the YAML's fault, not a value its
// reader refused after decoding it.
func IsDecodeError(err error) bool {
	var e *Error
	var u *UnknownKeyError
	return errors.As(err, &e) || errors.As(err, &u)
}
