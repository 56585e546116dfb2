package indicator

import "github.com/pennybt/penny/numeric"

// extremeState finds the largest (dir = +1) or smallest (dir = -1) of the
// last period values with a monotonic deque: the candidates, oldest first,
// each beating every later one. A new value removes the candidates it ties
// or beats from the back, the candidate that left the window from the
// front, and joins at the back; the front is the extreme. Each value joins
// and leaves once, so an update is amortized O(1). The deque lives in a
// ring of period slots allocated at construction: it never holds more.
type extremeState[N numeric.Number[N]] struct {
	vals  []N   // the ring of candidate values
	at    []int // the update number of each candidate
	head  int   // the ring index of the front
	size  int   // the number of candidates
	t     int   // updates seen
	dir   int   // +1 Highest, -1 Lowest
	value N
	ready bool
}

func newExtremeState[N numeric.Number[N]](period, dir int) extremeState[N] {
	return extremeState[N]{vals: make([]N, period), at: make([]int, period), dir: dir}
}

// extremeStep adds x.
//
//penny:specialize
func extremeStep[N numeric.Number[N]](s *extremeState[N], x N) {
	c := len(s.vals)
	for s.size > 0 {
		b := s.head + s.size - 1
		if b >= c {
			b -= c
		}
		if s.vals[b].Cmp(x)*s.dir > 0 {
			break
		}
		s.size--
	}
	if s.size > 0 && s.at[s.head] <= s.t-c {
		if s.head++; s.head == c {
			s.head = 0
		}
		s.size--
	}
	b := s.head + s.size
	if b >= c {
		b -= c
	}
	s.vals[b], s.at[b] = x, s.t
	s.size++
	s.t++
	if s.t >= c {
		s.ready = true
	}
	s.value = s.vals[s.head]
}
