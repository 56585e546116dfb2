package config

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/pennybt/penny/internal/strictyaml"
)

// WalkForward is the `walk_forward:` block beside `sweep:`: the spans of
// each fold's train (in-sample) and test (out-of-sample) windows and the
// step from one fold to the next.
//
//	walk_forward: {train: 2y, test: 6m, step: 6m}
//
// Folds are cut on calendar dates from the run's first session: fold k
// trains on the sessions of [first + k*step, first + k*step + train) and
// tests on the sessions of the test span that follows (package sweep
// builds them).
type WalkForward struct {
	Train, Test, Step Span
	Line              int
}

// Span is a calendar span: a positive count of years (y), months (m),
// weeks (w) or days (d), written "2y", "6m", "3w", "10d".
type Span struct {
	Count int
	Unit  byte // 'y', 'm', 'w' or 'd'
}

// ParseSpan reads "2y", "6m", "3w" or "10d".
func ParseSpan(s string) (Span, error) {
	if len(s) < 2 {
		return Span{}, fmt.Errorf("span %q: want a count and a unit, as 2y, 6m, 3w or 10d", s)
	}
	unit := s[len(s)-1]
	n, err := strconv.Atoi(s[:len(s)-1])
	switch {
	case unit != 'y' && unit != 'm' && unit != 'w' && unit != 'd':
		return Span{}, fmt.Errorf("span %q: unknown unit %q (want y, m, w or d)", s, string(unit))
	case err != nil || s[0] == '+' || s[0] == '-':
		return Span{}, fmt.Errorf("span %q: want a count and a unit, as 2y, 6m, 3w or 10d", s)
	case n < 1:
		return Span{}, fmt.Errorf("span %q: the count must be at least 1", s)
	}
	return Span{Count: n, Unit: unit}, nil
}

// String writes the span as ParseSpan reads it.
func (s Span) String() string {
	if s.Unit == 0 {
		return ""
	}
	return strconv.Itoa(s.Count) + string(s.Unit)
}

// AddTo returns the date k spans after t (k may be 0), computed from t
// in one step so that month ends do not drift: time.AddDate's rules.
func (s Span) AddTo(t time.Time, k int) time.Time {
	n := s.Count * k
	switch s.Unit {
	case 'y':
		return t.AddDate(n, 0, 0)
	case 'm':
		return t.AddDate(0, n, 0)
	case 'w':
		return t.AddDate(0, 0, 7*n)
	case 'd':
		return t.AddDate(0, 0, n)
	}
	panic(fmt.Sprintf("config: span with unit %q", s.Unit))
}

// UnmarshalYAML reads the block strictly, naming key and line on errors.
func (w *WalkForward) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("walk_forward (line %d): want {train: 2y, test: 6m, step: 6m}", n.Line)
	}
	*w = WalkForward{Line: n.Line}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := "walk_forward." + k.Value
		var dst *Span
		switch k.Value {
		case "train":
			dst = &w.Train
		case "test":
			dst = &w.Test
		case "step":
			dst = &w.Step
		default:
			return strictyaml.UnknownKey("walk_forward", k.Value, k.Line, []string{"train", "test", "step"})
		}
		if v.Kind != yaml.ScalarNode {
			return fmt.Errorf("%s (line %d): want a span such as 6m", key, v.Line)
		}
		s, err := ParseSpan(v.Value)
		if err != nil {
			return fmt.Errorf("%s (line %d): %v", key, v.Line, err)
		}
		*dst = s
	}
	return nil
}

// Validate reports missing spans and a step shorter than the test span
// (the out-of-sample windows would overlap and could not be stitched).
func (w *WalkForward) Validate() error {
	var errs []error
	for _, f := range []struct {
		key  string
		span Span
	}{{"train", w.Train}, {"test", w.Test}, {"step", w.Step}} {
		if f.span.Unit == 0 || f.span.Count < 1 {
			errs = append(errs, fmt.Errorf("%s: missing (a span such as 2y, 6m, 3w or 10d)", at("walk_forward."+f.key, w.Line)))
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	// Compare the spans on a reference date: step must reach at least as
	// far as test, so that test windows do not overlap.
	ref := time.Date(2001, 1, 31, 0, 0, 0, 0, time.UTC)
	if w.Step.AddTo(ref, 1).Before(w.Test.AddTo(ref, 1)) {
		return fmt.Errorf("%s: %s is shorter than test %s: the out-of-sample windows would overlap", at("walk_forward.step", w.Line), w.Step, w.Test)
	}
	return nil
}
