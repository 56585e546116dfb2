package report_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/pennybt/penny/numeric"
)

// goldenDir holds the files of the fixture's Fixed run, rewritten by
// `go test ./pkg/report -run TestWriteDir -update`.
const goldenDir = "testdata/fixture"

// floatTolerance bounds the relative drift of the Float backend from the
// golden Fixed figures (absolute below 1).
const floatTolerance = 1e-9

// checkGolden compares the CSV and JSON files of dir with the golden
// files: byte for byte for Fixed and Decimal (but the backend's name in
// summary.json), within floatTolerance for every number for Float.
func checkGolden[N numeric.Number[N]](t *testing.T, dir string) {
	backend := numeric.Backend[N]()
	for _, name := range []string{"summary.json", "daily.csv", "transactions.csv", "orders.csv"} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join(goldenDir, name)
		if *update && backend == "fixed" {
			if err := os.MkdirAll(goldenDir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if *update && backend != "fixed" {
			continue // the Fixed run is rewriting the golden files
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -run TestWriteDir -update to create it)", err)
		}
		switch {
		case name == "summary.json":
			compareJSON(t, name, got, want, backend == "float")
		case backend == "float":
			compareCSV(t, name, got, want)
		case !bytes.Equal(got, want):
			t.Errorf("%s differs from %s:\n%s", name, golden, firstDiff(got, want))
		}
	}
}

// compareJSON compares two summary.json files key by key: the same keys
// in the same order, the same values (within floatTolerance for numbers
// and numeric strings when tolerant), backend excepted.
func compareJSON(t *testing.T, name string, got, want []byte, tolerant bool) {
	t.Helper()
	gk, gv := jsonObject(t, got)
	wk, wv := jsonObject(t, want)
	if !slices.Equal(gk, wk) {
		t.Fatalf("%s: keys %v, want %v", name, gk, wk)
	}
	for i, k := range gk {
		if k == "backend" {
			continue
		}
		g, w := string(gv[i]), string(wv[i])
		if g == w {
			continue
		}
		if !tolerant || !closeValues(g, w) {
			t.Errorf("%s: %s = %s, want %s", name, k, g, w)
		}
	}
}

// jsonObject returns the keys and raw values of a JSON object, in order.
func jsonObject(t *testing.T, b []byte) (keys []string, values []json.RawMessage) {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not a JSON object: %v", err)
	}
	for d.More() {
		k, err := d.Token()
		if err != nil {
			t.Fatal(err)
		}
		var v json.RawMessage
		if err := d.Decode(&v); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k.(string))
		values = append(values, v)
	}
	return keys, values
}

// closeValues reports whether two JSON values or CSV cells are numbers
// (possibly quoted) within floatTolerance of each other.
func closeValues(got, want string) bool {
	g, err1 := strconv.ParseFloat(unquote(got), 64)
	w, err2 := strconv.ParseFloat(unquote(want), 64)
	if err1 != nil || err2 != nil {
		return false
	}
	if math.IsNaN(g) || math.IsNaN(w) || math.IsInf(w, 0) {
		return math.IsNaN(g) && math.IsNaN(w) || g == w
	}
	return math.Abs(g-w) <= floatTolerance*math.Max(1, math.Abs(w))
}

func unquote(s string) string {
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return s
}

// number matches the numbers in a text such as an order's reason.
var number = regexp.MustCompile(`-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?`)

// closeText reports whether two texts are the same but for the numbers in
// them, which are within floatTolerance ("cash is 52401.11999999999" and
// "cash is 52401.12").
func closeText(got, want string) bool {
	gn, wn := number.FindAllString(got, -1), number.FindAllString(want, -1)
	if len(gn) != len(wn) || number.ReplaceAllString(got, "#") != number.ReplaceAllString(want, "#") {
		return false
	}
	for i := range gn {
		if !closeValues(gn[i], wn[i]) {
			return false
		}
	}
	return true
}

// compareCSV compares two CSV files cell by cell: the same shape, the
// same text, or numbers within floatTolerance, alone or in a text.
func compareCSV(t *testing.T, name string, got, want []byte) {
	t.Helper()
	g, err := csv.NewReader(bytes.NewReader(got)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	w, err := csv.NewReader(bytes.NewReader(want)).ReadAll()
	if err != nil {
		t.Fatalf("golden %s: %v", name, err)
	}
	if len(g) != len(w) {
		t.Fatalf("%s: %d rows, want %d", name, len(g), len(w))
	}
	bad := 0
	for i := range g {
		if len(g[i]) != len(w[i]) {
			t.Fatalf("%s row %d: %d fields, want %d", name, i, len(g[i]), len(w[i]))
		}
		for j := range g[i] {
			if g[i][j] != w[i][j] && !closeValues(g[i][j], w[i][j]) && !closeText(g[i][j], w[i][j]) {
				if bad++; bad <= 10 {
					t.Errorf("%s row %d, %s = %q, want %q", name, i, w[0][j], g[i][j], w[i][j])
				}
			}
		}
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want []byte) string {
	gl, wl := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := range max(len(gl), len(wl)) {
		var g, w []byte
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if !bytes.Equal(g, w) {
			return "line " + strconv.Itoa(i+1) + ":\n got  " + string(g) + "\n want " + string(w)
		}
	}
	return "(no line differs)"
}
