package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/corpaction"
	"github.com/pennybt/penny/pkg/market"
)

// actionsCSV names the symbols of genText(1, 3, ...): S000, S001, S002.
const actionsCSV = `date,symbol,type,ratio,amount,pay_date,record_date,target
2024-01-02,S000,split,3:2,,,,
2024-01-02,S001,cash_dividend,,0.0725,2024-01-20,2024-01-03,
2024-01-02,S001,special_dividend,,1.5,,,
2024-01-03,S002,spin_off,1/3,,2024-01-05,,S000
2024-01-04,S000,merger_stock_and_cash,0.5,12.25,,,S001
2024-01-05,S002,delisting,,0,,,
2024-01-06,S001,name_change,,,,,S002
`

func readActionsCSV[N numeric.Number[N]](t *testing.T, text string) []corpaction.Action[N] {
	t.Helper()
	as, err := corpaction.ReadCSV[N](strings.NewReader(text), "actions.csv")
	if err != nil {
		t.Fatal(err)
	}
	return as
}

// actionLines prints actions with every field, for comparison.
func actionLines[N numeric.Number[N]](as []corpaction.Action[N]) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = fmt.Sprintf("%s special=%v pay=%s record=%s from %s", a, a.Special, a.PayDate.Format("2006-01-02"), a.RecordDate.Format("2006-01-02"), a.Origin)
	}
	return out
}

func TestActionsRoundTrip(t *testing.T) { backendtest.Run(t, testActionsRoundTripByName) }

// testActionsRoundTrip stores actions of N with the bars and loads them
// back as Fixed, Decimal and Float: the same actions, field for field,
// and where they were read.
//
//penny:backends
func testActionsRoundTrip[N numeric.Number[N]](t *testing.T) {
	home := t.TempDir()
	in, err := Begin(home, "acts", t0)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	as := readActionsCSV[N](t, actionsCSV)
	if err := SetActions(in, as); err != nil {
		t.Fatal(err)
	}
	m, err := Commit(in, dataset[N](t, genText(1, 3, 20)), Source{Name: "test"}, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if m.Actions == nil || m.Actions.Rows != 7 || m.Actions.Path != ActionsFile || m.Actions.Decimals != 4 {
		t.Fatalf("manifest actions %+v", m.Actions)
	}
	back, err := ReadManifest(home, "acts", "")
	if err != nil || *back.Actions != *m.Actions {
		t.Fatalf("manifest read back %+v, %v", back.Actions, err)
	}
	want := actionLines(as)
	check := func(name string, got []string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		equalLines(t, got, want)
	}
	ing := IngestName(m.IngestTime)
	f, err := LoadActions[numeric.Fixed](home, "acts", ing)
	check("fixed", actionLines(f), err)
	d, err := LoadActions[numeric.Decimal](home, "acts", ing)
	check("decimal", actionLines(d), err)
	x, err := LoadActions[numeric.Float](home, "acts", "latest")
	check("float", actionLines(x), err)

	// DuckDB and pandas read the table as it is: dates are DATE, the
	// amount DECIMAL(18, 4).
	raw, err := os.ReadFile(filepath.Join(home, "bundles", "acts", ing, ActionsFile))
	if err != nil {
		t.Fatal(err)
	}
	pf, err := parquet.OpenFile(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	for col, want := range map[string]string{"date": "DATE", "amount": "DECIMAL(18,4)", "pay_date": "DATE", "type": "STRING"} {
		leaf, ok := pf.Schema().Lookup(col)
		if !ok || leaf.Node.Type().LogicalType() == nil || leaf.Node.Type().LogicalType().String() != want {
			t.Errorf("column %s: %v, want %s", col, leaf.Node, want)
		}
	}
}

// TestNoActions: an ingest without actions has no table, and loads none.
func TestNoActions(t *testing.T) {
	home := t.TempDir()
	m, err := Write(home, "plain", t0, dataset[numeric.Fixed](t, genText(1, 2, 5)), Source{Name: "test"}, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if m.Actions != nil {
		t.Errorf("manifest has actions %+v", m.Actions)
	}
	as, err := LoadActions[numeric.Fixed](home, "plain", "")
	if err != nil || as != nil {
		t.Errorf("actions %v, %v", as, err)
	}
	if _, err := os.Stat(filepath.Join(home, "bundles", "plain", IngestName(t0), ActionsFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an actions table was written: %v", err)
	}
}

// TestActionsRefused: SetActions refuses invalid or duplicate actions and
// Commit one naming a symbol without bars, with the file and line; the
// previous ingest stays.
func TestActionsRefused(t *testing.T) {
	home := t.TempDir()
	ds := func() *market.Dataset[numeric.Fixed] { return dataset[numeric.Fixed](t, genText(1, 3, 5)) }
	if _, err := Write(home, "b", t0, ds(), Source{Name: "first"}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	later := t0.Add(1e9)
	bad := readActionsCSV[numeric.Fixed](t, "date,symbol,type,ratio\n2024-01-02,S000,split,2\n")
	bad[0].Ratio = corpaction.Ratio{New: -2, Old: 1}
	dup := readActionsCSV[numeric.Fixed](t, "date,symbol,type,ratio\n2024-01-02,S000,split,2\n")
	dup = append(dup, dup[0])
	dup[1].Origin.Line, dup[1].Ratio = 3, corpaction.Ratio{New: 3, Old: 1}
	unknown := readActionsCSV[numeric.Fixed](t, "date,symbol,type,ratio,target\n2024-01-02,S000,split,2,\n2024-01-03,S001,spin_off,1,NOPE\n")
	for _, tc := range []struct {
		name  string
		as    []corpaction.Action[numeric.Fixed]
		at    string // SetActions or Commit
		wants []string
	}{
		{"bad ratio", bad, "set", []string{"actions.csv:2", `"ratio"`, "-2"}},
		{"duplicate", dup, "set", []string{"actions.csv:3", "duplicate", "line 2"}},
		{"unknown target", unknown, "commit", []string{"actions.csv:3", "NOPE", "no bars"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in, err := Begin(home, "b", later)
			if err != nil {
				t.Fatal(err)
			}
			defer in.Close()
			err = SetActions(in, tc.as)
			if tc.at == "commit" {
				if err != nil {
					t.Fatalf("SetActions: %v", err)
				}
				_, err = Commit(in, ds(), Source{Name: "second"}, WriteOptions{})
			}
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range tc.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			m, err := ReadManifest(home, "b", "latest")
			if err != nil || m.Source != "first" {
				t.Errorf("latest ingest %v, %v: want the first, untouched", m, err)
			}
		})
	}
}

// TestCorruptActions: a table altered, truncated, missing or malformed
// fails Load and LoadActions with a *CorruptError naming it.
func TestCorruptActions(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, path, manifest string)
		want   string
	}{
		{"altered", func(t *testing.T, path, _ string) { flipByte(t, path, 40) }, "checksum mismatch"},
		{"truncated", func(t *testing.T, path, _ string) { truncate(t, path, 10) }, "truncated"},
		{"missing", func(t *testing.T, path, _ string) { os.Remove(path) }, "missing"},
		{"not parquet", func(t *testing.T, path, manifest string) { replace(t, path, manifest, []byte("date,symbol\n")) }, "not an actions table"},
		{"bars file", func(t *testing.T, path, manifest string) {
			b, err := os.ReadFile(filepath.Join(filepath.Dir(path), BarsDir, "S000.parquet"))
			if err != nil {
				t.Fatal(err)
			}
			replace(t, path, manifest, b)
		}, `no column "date"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			in, err := Begin(home, "c", t0)
			if err != nil {
				t.Fatal(err)
			}
			if err := SetActions(in, readActionsCSV[numeric.Fixed](t, actionsCSV)); err != nil {
				t.Fatal(err)
			}
			if _, err := Commit(in, dataset[numeric.Fixed](t, genText(1, 3, 5)), Source{Name: "t"}, WriteOptions{}); err != nil {
				t.Fatal(err)
			}
			in.Close()
			dir := filepath.Join(home, "bundles", "c", IngestName(t0))
			path := filepath.Join(dir, ActionsFile)
			tc.damage(t, path, filepath.Join(dir, ManifestFile))
			_, err = LoadActions[numeric.Fixed](home, "c", "")
			var ce *CorruptError
			if !errors.As(err, &ce) || !errors.Is(err, ErrCorrupt) || ce.Path != path || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("LoadActions: %v, want a *CorruptError naming %s: %s", err, path, tc.want)
			}
			if tc.name == "not parquet" || tc.name == "bars file" {
				return // the checksum matches: only decoding tells
			}
			if _, _, err := Load[numeric.Fixed](home, "c", ""); !errors.As(err, &ce) || ce.Path != path {
				t.Errorf("Load: %v, want a *CorruptError naming %s", err, path)
			}
		})
	}
}

// TestActionsPrecision: an amount with more decimals than Fixed holds
// loads as Decimal, and is a *ValueError for Fixed.
func TestActionsPrecision(t *testing.T) {
	home := t.TempDir()
	in, err := Begin(home, "p", t0)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	as := readActionsCSV[numeric.Decimal](t, "date,symbol,type,amount\n2024-01-02,S000,cash_dividend,0.123456789012\n")
	if err := SetActions(in, as); err != nil {
		t.Fatal(err)
	}
	if _, err := Commit(in, dataset[numeric.Decimal](t, genText(1, 1, 5)), Source{Name: "t"}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	d, err := LoadActions[numeric.Decimal](home, "p", "")
	if err != nil || d[0].Amount.String() != "0.123456789012" {
		t.Fatalf("decimal: %v, %v", d, err)
	}
	_, err = LoadActions[numeric.Fixed](home, "p", "")
	var ve *ValueError
	if !errors.As(err, &ve) || ve.Column != "amount" || ve.Value != "0.123456789012" {
		t.Errorf("fixed: %v, want a *ValueError naming the amount", err)
	}
}

func flipByte(t *testing.T, path string, at int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[at] ^= 0x55
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func truncate(t *testing.T, path string, n int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b[:len(b)-n], 0o644); err != nil {
		t.Fatal(err)
	}
}

// replace writes data over the table and fixes the manifest's size and
// checksum, so that only decoding can tell.
func replace(t *testing.T, path, manifest string, data []byte) {
	t.Helper()
	old, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(m), sha(old), sha(data), 1)
	s = strings.Replace(s, fmt.Sprintf(`"size": %d,`+"\n"+`    "sha256"`, len(old)), fmt.Sprintf(`"size": %d,`+"\n"+`    "sha256"`, len(data)), 1)
	if err := os.WriteFile(manifest, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	reseal(t, manifest)
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
