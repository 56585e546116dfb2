package sweep

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/config"
	"github.com/pennybt/penny/pkg/metrics"
)

// fold is one walk-forward fold: its train and test windows of sessions.
type fold struct {
	train, test window
}

// makeFolds cuts the sessions into folds: fold k trains on the sessions
// dated in [first + k*step, first + k*step + train) and tests on those of
// the test span that follows, first being the first session's date. Only
// folds whose test span ends within the sessions are made (the last
// session's date is the last day of the data).
func makeFolds(sessions []calendar.Session, wf *config.WalkForward) ([]fold, error) {
	if len(sessions) == 0 {
		return nil, fmt.Errorf("walk_forward: the data has no sessions")
	}
	first := sessions[0].Date
	last := sessions[len(sessions)-1].Date
	// index of the first session dated on or after t
	at := func(t time.Time) int {
		return sort.Search(len(sessions), func(i int) bool { return !sessions[i].Date.Before(t) })
	}
	var folds []fold
	for k := 0; ; k++ {
		trainStart := wf.Step.AddTo(first, k)
		trainEnd := wf.Train.AddTo(trainStart, 1)
		testEnd := wf.Test.AddTo(trainEnd, 1)
		if testEnd.After(last.AddDate(0, 0, 1)) {
			break
		}
		f := fold{train: window{at(trainStart), at(trainEnd)}, test: window{at(trainEnd), at(testEnd)}}
		if f.train.from < f.train.to && f.test.from < f.test.to {
			folds = append(folds, f)
		}
	}
	if len(folds) == 0 {
		return nil, fmt.Errorf("%s: train %s and test %s do not fit in the data's sessions (%s to %s)",
			lineOf("walk_forward", wf.Line), wf.Train, wf.Test, first.Format(dateLayout), last.Format(dateLayout))
	}
	return folds, nil
}

const dateLayout = "2006-01-02"

func sameSessions(a, b []calendar.Session) bool {
	return slices.EqualFunc(a, b, func(x, y calendar.Session) bool { return x.Date.Equal(y.Date) })
}

// WalkForwardResult is a walk-forward study: each fold's choice, made on
// its train window only, and its run on the test window that follows;
// and the out-of-sample runs stitched into one account per backend.
type WalkForwardResult struct {
	// Metric is the metric the choices were made by.
	Metric string
	// Folds holds one entry per backend and fold, by backend then fold.
	Folds []Fold
	// OutOfSample holds the stitched out-of-sample account of each
	// backend.
	OutOfSample []Stitched
}

// Fold is one fold's choice and out-of-sample run on one backend.
type Fold struct {
	Fold    int
	Backend string
	// The first and last session dates of the windows.
	TrainStart, TrainEnd, TestStart, TestEnd time.Time
	// Chosen is the best in-sample row (nil when no row of the fold met
	// the constraints: the test window is then held in cash).
	Chosen *Row
	// Test is the chosen combination's row on the test window (nil when
	// none was chosen).
	Test *Row
	// StartValue and EndValue are the account's value at the start and
	// the end of the test window, exact.
	StartValue, EndValue string
}

// Stitched is the out-of-sample account of one backend: the test windows
// one after the other, each starting with the previous one's ending
// value in cash.
type Stitched struct {
	Backend                         string
	StartingValue, EndingValue, PnL string
	TotalReturn                     float64
	Sessions                        int
	Metrics                         metrics.Summary
	dates, values, folds            []string
	rets                            []float64
}

// walkForward chooses, for each fold and backend, the best row of the
// fold's train sweep (the rankers saw only rows run on train windows),
// runs it on the fold's test window, and stitches the test runs. With out
// set it writes OUT/walkforward (OUT/walkforward/BACKEND with several
// backends).
func (s *sweep) walkForward(ctx context.Context, out string) (*WalkForwardResult, error) {
	res := &WalkForwardResult{Metric: s.spec.Sweep.Metric}
	for bi, b := range s.backends {
		dir := ""
		if out != "" {
			dir = filepath.Join(out, "walkforward")
			if len(s.backends) > 1 {
				dir = filepath.Join(dir, b.Name())
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, err
			}
		}
		capital, err := s.startingCapital(bi)
		if err != nil {
			return nil, err
		}
		st := Stitched{Backend: b.Name(), StartingValue: capital}
		sessions := b.sessions()
		for k, f := range s.folds {
			fr := Fold{Fold: k, Backend: b.Name(), StartValue: capital,
				TrainStart: sessions[f.train.from].Date, TrainEnd: sessions[f.train.to-1].Date,
				TestStart: sessions[f.test.from].Date, TestEnd: sessions[f.test.to-1].Date}
			top := s.coll.rankers[k].ranking(b.Name())
			held := true
			if len(top) > 0 {
				chosen := top[0]
				fr.Chosen = &chosen
				t, err := b.run(ctx, s.space.Trial(chosen.Trial), f.test, capital, s.opts.Report)
				if err != nil {
					return nil, interrupted(ctx, err)
				}
				t.row.Fold = k
				fr.Test = &t.row
				if t.row.Status == OK {
					held = false
					for i := range t.dates {
						st.dates = append(st.dates, t.dates[i])
						st.values = append(st.values, t.values[i])
						st.rets = append(st.rets, t.rets[i])
						st.folds = append(st.folds, strconv.Itoa(k))
					}
					capital = t.end
					if dir != "" {
						if err := t.write(filepath.Join(dir, "fold-"+strconv.Itoa(k)), s.opts.Report); err != nil {
							return nil, err
						}
					}
				}
			}
			if held { // in cash through the test window
				for i := f.test.from; i < f.test.to; i++ {
					st.dates = append(st.dates, sessions[i].Date.Format(dateLayout))
					st.values = append(st.values, capital)
					st.rets = append(st.rets, 0)
					st.folds = append(st.folds, strconv.Itoa(k))
				}
			}
			fr.EndValue = capital
			res.Folds = append(res.Folds, fr)
		}
		st.EndingValue = capital
		st.PnL = decimalSub(capital, st.StartingValue)
		st.TotalReturn = ratio(capital, st.StartingValue) - 1
		st.Sessions = len(st.rets)
		st.Metrics = metrics.Summarize(st.rets, s.opts.Report.Metrics)
		res.OutOfSample = append(res.OutOfSample, st)
		if dir != "" {
			if err := s.writeWalkForward(dir, res.Folds[len(res.Folds)-len(s.folds):], &st); err != nil {
				return nil, err
			}
		}
	}
	return res, nil
}

// startingCapital is the capital of the factory's engine config (that of
// the first combination it builds).
func (s *sweep) startingCapital(b int) (string, error) {
	for k := int64(0); k < min(s.space.Trials(), 1000); k++ {
		if c, ok := s.backends[b].capital(s.space.Trial(k)); ok {
			return c, nil
		}
	}
	return "", fmt.Errorf("sweep: none of the first combinations can be built: no starting capital for the walk-forward")
}

func decimalSub(a, b string) string {
	x, _ := numeric.Parse[numeric.Decimal](a)
	y, _ := numeric.Parse[numeric.Decimal](b)
	return x.Sub(y).String()
}

func ratio(a, b string) float64 {
	x, _ := new(big.Rat).SetString(a)
	y, _ := new(big.Rat).SetString(b)
	if x == nil || y == nil || y.Sign() == 0 {
		return 0
	}
	f, _ := new(big.Rat).Quo(x, y).Float64()
	return f
}

// writeWalkForward writes folds.csv, equity.csv and summary.json.
func (s *sweep) writeWalkForward(dir string, folds []Fold, st *Stitched) error {
	metric := s.spec.Sweep.Metric
	head := []string{"fold", "train_start", "train_end", "test_start", "test_end", "status", "index"}
	head = append(head, s.space.Keys()...)
	head = append(head, "in_sample_"+metric, "out_of_sample_"+metric, "start_value", "end_value", "reason")
	var b strings.Builder
	w := csv.NewWriter(&b)
	_ = w.Write(head)
	for _, f := range folds {
		rec := []string{strconv.Itoa(f.Fold), f.TrainStart.Format(dateLayout), f.TrainEnd.Format(dateLayout),
			f.TestStart.Format(dateLayout), f.TestEnd.Format(dateLayout)}
		switch {
		case f.Chosen == nil:
			rec = append(rec, "none", "")
			for range s.space.Keys() {
				rec = append(rec, "")
			}
			rec = append(rec, "", "", f.StartValue, f.EndValue, "no combination met the constraints: held in cash")
		default:
			rec = append(rec, string(f.Test.Status), strconv.FormatInt(f.Chosen.Trial, 10))
			rec = append(rec, f.Chosen.Values...)
			rec = append(rec, f.Chosen.Metric(metric), f.Test.Metric(metric), f.StartValue, f.EndValue, f.Test.Reason)
		}
		_ = w.Write(rec)
	}
	w.Flush()
	if err := writeFileAtomic(filepath.Join(dir, "folds.csv"), []byte(b.String())); err != nil {
		return err
	}

	b.Reset()
	_ = w.Write([]string{"date", "fold", "portfolio_value", "return"})
	for i := range st.dates {
		_ = w.Write([]string{st.dates[i], st.folds[i], st.values[i], strconv.FormatFloat(st.rets[i], 'g', -1, 64)})
	}
	w.Flush()
	if err := writeFileAtomic(filepath.Join(dir, "equity.csv"), []byte(b.String())); err != nil {
		return err
	}

	head2, err := json.Marshal(struct {
		Backend       string  `json:"backend"`
		Metric        string  `json:"metric"`
		Folds         int     `json:"folds"`
		Start         string  `json:"start"`
		End           string  `json:"end"`
		StartingValue string  `json:"starting_value"`
		EndingValue   string  `json:"ending_value"`
		PnL           string  `json:"pnl"`
		TotalReturn   float64 `json:"total_return"`
		Sessions      int     `json:"sessions"`
	}{st.Backend, metric, len(folds), first(st.dates), lastOf(st.dates), st.StartingValue, st.EndingValue, st.PnL, st.TotalReturn, st.Sessions})
	if err != nil {
		return err
	}
	m, err := json.Marshal(st.Metrics)
	if err != nil {
		return err
	}
	joined := append(head2[:len(head2)-1], ',')
	joined = append(joined, m[1:]...)
	var ind strings.Builder
	var buf []byte
	buf, err = indentJSON(joined)
	if err != nil {
		return err
	}
	ind.Write(buf)
	return writeFileAtomic(filepath.Join(dir, "summary.json"), []byte(ind.String()))
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func lastOf(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[len(s)-1]
}

// indentJSON indents JSON with two spaces and ends it with a newline.
func indentJSON(b []byte) ([]byte, error) {
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}
