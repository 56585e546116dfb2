package configs

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/internal/runner"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/config"
	"github.com/pennybt/penny/pkg/report"
	"github.com/pennybt/penny/strategies/builtin"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ from the fixed backend")

// TestShippedConfigs runs every YAML file of this folder on every backend
// and checks the outputs against the golden files in testdata/<name>/ (the
// outputs of Fixed): the exact backends, Fixed and Decimal, digit for digit
// (summary.json, daily.csv, and the SHA-256 of transactions.csv and
// orders.csv), Float within a relative 1e-6 on every number of
// summary.json and daily.csv.
func TestShippedConfigs(t *testing.T) {
	files, err := filepath.Glob("*.yaml")
	if err != nil || len(files) < 3 {
		t.Fatalf("configs: %v %v", files, err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(f, ".yaml")
		t.Run("config="+name, func(t *testing.T) {
			c, err := config.Load(f)
			if err != nil {
				t.Fatal(err)
			}
			fixed := outputs[numeric.Fixed](t, c)
			dir := filepath.Join("testdata", name)
			if *update {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				for k, v := range fixed {
					if err := os.WriteFile(filepath.Join(dir, k), v, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			golden := map[string][]byte{}
			for k := range fixed {
				b, err := os.ReadFile(filepath.Join(dir, k))
				if err != nil {
					t.Fatalf("%v (run with -update to create)", err)
				}
				golden[k] = b
			}
			backendtest.Each(t, outputsByName, func(t *testing.T, b numeric.BackendInfo, run func(*testing.T, *config.Config) map[string][]byte) {
				got := fixed
				if b.Name != numeric.Backend[numeric.Fixed]() {
					got = run(t, c)
				}
				if b.Exact {
					same(t, got, golden)
					return
				}
				for _, k := range []string{"summary.json", "daily.csv"} {
					close(t, k, got[k], golden[k])
				}
			})
		})
	}
}

// outputs runs c on backend N and returns the files compared.
//
//penny:backends
func outputs[N numeric.Number[N]](t *testing.T, c *config.Config) map[string][]byte {
	t.Helper()
	env := runner.Env{Getenv: func(string) string { return "" }, Strategies: builtin.Table()}
	data, err := runner.LoadData[N](c, env)
	if err != nil {
		t.Fatal(err)
	}
	res, err := runner.Run(context.Background(), c, data, env, runner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// A fixed elapsed time and backend name: the golden files must not
	// depend on speed, and are shared by the backends.
	r, err := report.New(res, report.Options{Name: c.Name, Backend: "any", Elapsed: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	// One P&L model: the round trips, closed and open, realized what the
	// ledger did (exactly in Fixed and Decimal).
	realized := res.Snapshots[len(res.Snapshots)-1].Realized
	trips := numeric.MustParse[N](r.Summary.Trades.PnL).Add(numeric.MustParse[N](r.Summary.Trades.OpenPnL))
	if d := math.Abs(trips.Sub(realized).Float64()); d != 0 && (numeric.Backend[N]() != "float" || d > 1e-9*math.Abs(realized.Float64())) {
		t.Errorf("round trips P&L %s + open %s = %s, the ledger realized %s", r.Summary.Trades.PnL, r.Summary.Trades.OpenPnL, trips, realized)
	}
	out := map[string][]byte{}
	var b bytes.Buffer
	if err := r.Summary.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	out["summary.json"] = bytes.Clone(b.Bytes())
	b.Reset()
	if err := r.WriteDaily(&b); err != nil {
		t.Fatal(err)
	}
	out["daily.csv"] = bytes.Clone(b.Bytes())
	var digests strings.Builder
	files := []struct {
		name  string
		write func(w *bytes.Buffer) error
	}{
		{"transactions.csv", func(w *bytes.Buffer) error { return r.WriteTransactions(w) }},
		{"orders.csv", func(w *bytes.Buffer) error { return r.WriteOrders(w) }},
	}
	if len(res.Actions) > 0 {
		files = append(files, struct {
			name  string
			write func(w *bytes.Buffer) error
		}{"actions.csv", func(w *bytes.Buffer) error { return r.WriteActions(w) }})
	}
	for _, f := range files {
		b.Reset()
		if err := f.write(&b); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&digests, "%x  %s (%d lines)\n", sha256.Sum256(b.Bytes()), f.name, bytes.Count(b.Bytes(), []byte("\n")))
	}
	out["digests.txt"] = []byte(digests.String())
	return out
}

func same(t *testing.T, got, want map[string][]byte) {
	t.Helper()
	for k, w := range want {
		if !bytes.Equal(got[k], w) {
			t.Errorf("%s differs from the golden file:\n%s", k, firstDiff(got[k], w))
		}
	}
}

func firstDiff(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range max(len(la), len(lb)) {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n got  %s\n want %s", i+1, x, y)
		}
	}
	return "(lengths differ)"
}

// close compares two outputs field by field (the values of summary.json,
// the cells of daily.csv): numbers, and strings holding numbers, within a
// relative 1e-6 (absolute near zero), anything else exactly.
func close(t *testing.T, name string, got, want []byte) {
	t.Helper()
	g, w := fields(t, name, got), fields(t, name, want)
	if len(g) != len(w) {
		t.Fatalf("%s: %d fields, golden %d", name, len(g), len(w))
	}
	for i := range g {
		if g[i] == w[i] {
			continue
		}
		x, e1 := strconv.ParseFloat(g[i], 64)
		y, e2 := strconv.ParseFloat(w[i], 64)
		if e1 != nil || e2 != nil {
			t.Fatalf("%s: field %d: %q, golden %q", name, i, g[i], w[i])
		}
		if d := math.Abs(x - y); d > 1e-6*math.Max(1, math.Abs(y)) {
			t.Fatalf("%s: field %d: %v, golden %v (float drift beyond 1e-6)", name, i, x, y)
		}
	}
}

// fields lists the values of a JSON object (in key order) or the cells of
// a CSV file, as text.
func fields(t *testing.T, name string, b []byte) []string {
	t.Helper()
	var out []string
	if strings.HasSuffix(name, ".json") {
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			out = append(out, k, fmt.Sprint(m[k]))
		}
		return out
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for _, r := range recs {
		out = append(out, r...)
	}
	return out
}
