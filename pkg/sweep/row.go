package sweep

import (
	"fmt"
	"slices"
	"strconv"
)

// Status is the outcome of one combination on one backend.
type Status string

// The statuses of a row of results.csv.
const (
	// OK: the run finished; its metrics are in the row.
	OK Status = "ok"
	// Skipped: the combination could not be built (the strategy rejected
	// its params, say fast >= slow); the reason says why. Not run.
	Skipped Status = "skipped"
	// Failed: the run stopped on an error (a Fixed overflow); the reason
	// says where.
	Failed Status = "failed"
)

// Row is one row of results.csv: one combination run on one backend.
type Row struct {
	// Fold is the walk-forward fold (0-based) whose train window the row
	// ran on; 0 for a plain sweep.
	Fold int
	// Trial is the run's number in the search (see Combination.Trial).
	Trial   int64
	Values  []string // the value of each swept key, in the space's order
	Backend string
	Status  Status
	Reason  string
	// Metrics are the texts of the metric columns (see MetricColumns),
	// all "" unless Status is OK.
	Metrics []string
}

// Metric returns the text of a metric column of the row ("" when the
// row has none).
func (r *Row) Metric(name string) string {
	if i := metricIndex(name); i >= 0 && i < len(r.Metrics) {
		return r.Metrics[i]
	}
	return ""
}

// layout is the column layout of a results file.
type layout struct {
	walk     bool     // a fold column first (walk-forward)
	keys     []string // swept keys
	backends []string // the backends, in the order of their rows
}

// header returns the column names: [fold,] index, the swept keys,
// backend, status, reason, the metric columns.
func (l *layout) header() []string {
	var h []string
	if l.walk {
		h = append(h, "fold")
	}
	h = append(h, "index")
	h = append(h, l.keys...)
	h = append(h, "backend", "status", "reason")
	return append(h, MetricColumns()...)
}

// record returns the CSV record of a row.
func (l *layout) record(r *Row) []string {
	rec := make([]string, 0, len(l.keys)+5+len(r.Metrics))
	if l.walk {
		rec = append(rec, strconv.Itoa(r.Fold))
	}
	rec = append(rec, strconv.FormatInt(r.Trial, 10))
	rec = append(rec, r.Values...)
	rec = append(rec, r.Backend, string(r.Status), r.Reason)
	if r.Metrics == nil {
		for range MetricColumns() {
			rec = append(rec, "")
		}
		return rec
	}
	return append(rec, r.Metrics...)
}

// parse reads a record written by record.
func (l *layout) parse(rec []string) (Row, error) {
	names, _ := metricColumns()
	want := len(l.keys) + 4 + len(names)
	if l.walk {
		want++
	}
	if len(rec) != want {
		return Row{}, fmt.Errorf("%d fields, want %d", len(rec), want)
	}
	var r Row
	if l.walk {
		f, err := strconv.Atoi(rec[0])
		if err != nil || f < 0 {
			return Row{}, fmt.Errorf("fold %q is not a fold number", rec[0])
		}
		r.Fold = f
		rec = rec[1:]
	}
	t, err := strconv.ParseInt(rec[0], 10, 64)
	if err != nil || t < 0 {
		return Row{}, fmt.Errorf("index %q is not a run number", rec[0])
	}
	r.Trial = t
	rec = rec[1:]
	r.Values = slices.Clone(rec[:len(l.keys)])
	rec = rec[len(l.keys):]
	r.Backend, r.Status, r.Reason = rec[0], Status(rec[1]), rec[2]
	if !slices.Contains(l.backends, r.Backend) {
		return Row{}, fmt.Errorf("backend %q is not one of the sweep's %v", r.Backend, l.backends)
	}
	switch r.Status {
	case OK:
		r.Metrics = slices.Clone(rec[3:])
	case Skipped, Failed:
	default:
		return Row{}, fmt.Errorf("status %q (want ok, skipped or failed)", r.Status)
	}
	return r, nil
}

// backendIndex returns the position of the row's backend.
func (l *layout) backendIndex(r *Row) int { return slices.Index(l.backends, r.Backend) }
