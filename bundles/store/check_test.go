package store

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pennybt/penny/numeric"
)

// TestManifestChecked: a manifest edited after it was written (issue 15
// item 12: a lot size changed results with exit 0; a tick size "abc", a
// changed frequency, start or symbols were accepted) fails ReadManifest,
// Load and List with a *CorruptError naming the manifest, and with the
// field and value when the value is impossible. Without its checksum (a
// manifest written before Penny wrote one) every field is still
// validated, and what the data files say of themselves (their symbol,
// frequency and scales) is checked against it.
func TestManifestChecked(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		unseal   bool   // remove the checksum first
		file     bool   // the error names a data file, not the manifest; the edit is made everywhere
		want     string // "" if the manifest loads
	}{
		{"lot size", `"lot_size": "1"`, `"lot_size": "100"`, false, false, "checksum mismatch: the manifest was edited"},
		{"tick size abc", `"tick_size": "0.1"`, `"tick_size": "abc"`, false, false,
			`invalid manifest, and checksum mismatch: .*: field "assets\[1\].tick_size" value "abc": want a positive decimal number`},
		{"frequency", `"frequency": "minute"`, `"frequency": "hourly"`, false, false, "checksum mismatch"},
		{"start", `"start": "2024-01-02T14:30:00Z",` + "\n  \"end\"", `"start": "2024-01-02T14:29:00Z",` + "\n  \"end\"", false, false,
			`field "start" value "2024-01-02T14:29:00Z": the assets start at 2024-01-02T14:30:00Z`},
		{"symbols", `"S001"` + "\n  ]", `"S002"` + "\n  ]", false, false, `field "symbols" value "S000,S002": the assets are S000,S001`},
		{"rows", `"rows": 40,`, `"rows": 41,`, false, false, `field "rows" value "41": the assets hold 40`},
		{"checksum", `"checksum": "`, `"checksum": "0`, false, false, "checksum mismatch"},
		{"unknown field", `"format": 2,`, `"format": 2, "extra": 1,`, false, false, `corrupt manifest: unknown field "extra": not a field of a manifest`},
		{"wrong type", `"rows": 40,`, `"rows": "40",`, false, false, `corrupt manifest: line \d+: field "rows": a JSON string, want a whole number`},
		{"missing frequency", `"frequency": "minute",` + "\n  \"calendar\"", `"calendar"`, false, false, `corrupt manifest: field "frequency": missing`},
		{"bad frequency", `"frequency": "minute"`, `"frequency": "weekly"`, false, false, `corrupt manifest: .*unknown frequency "weekly"`},
		{"name", `"name": "b"`, `"name": "c"`, false, false, `field "name" value "c": the manifest is in bundle "b"`},
		{"ingest time", `"ingest_time": "2025-03-04T05:06:07.890123456Z"`, `"ingest_time": "2025-03-04T05:06:08.890123456Z"`, false, false,
			`field "ingest_time" value "2025-03-04T05:06:08.890123456Z": the manifest is in ingest 2025-03-04T05-06-07.890123456Z`},
		{"sha256", `"sha256": "`, `"sha256": "x`, false, false, `field "assets\[0\].sha256" value "x[0-9a-f]{64}": want 64 hexadecimal digits`},
		{"decimals", `"volume": 0`, `"volume": 40`, false, false, `field "assets\[0\].decimals.volume" value "40": want 0 to 18`},
		{"calendar", `"calendar": "24/7"`, `"calendar": "NOPE"`, false, false, `field "calendar" value "NOPE"`},

		// Without a checksum: loads, unless a field is impossible or the
		// data files disagree.
		{"unsealed", "", "", true, false, ""},
		{"unsealed lot size", `"lot_size": "1"`, `"lot_size": "100"`, true, false, ""}, // undetectable: the caller warns
		{"unsealed tick size abc", `"tick_size": "0.1"`, `"tick_size": "abc"`, true, false, `invalid manifest: field "assets\[1\].tick_size" value "abc"`},
		{"unsealed lot size zero", `"lot_size": "1"`, `"lot_size": "0"`, true, false, `field "assets\[0\].lot_size" value "0": want a positive decimal number`},
		{"unsealed frequency", `"frequency": "minute"`, `"frequency": "daily"`, true, true, `the file holds minute bars \(its penny.frequency\), the manifest says daily`},
		{"unsealed symbol", `"S001"`, `"S002"`, true, true, `the file holds the bars of S001 \(its penny.symbol\), the manifest says S002`},
		{"unsealed decimals", `"open": 1`, `"open": 2`, true, true, `column open has 1 decimals, the manifest says 2`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			w, err := Write(home, "b", t0, dataset[numeric.Fixed](t, genText(5, 2, 20)), Source{Name: "test"}, WriteOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if !w.Sealed() {
				t.Fatal("a manifest written without a checksum")
			}
			path := filepath.Join(home, "bundles", "b", IngestName(t0), ManifestFile)
			if tc.unseal {
				unseal(t, path)
			}
			if tc.old != "" {
				b, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(string(b), tc.old) {
					t.Fatalf("the manifest has no %q:\n%s", tc.old, b)
				}
				n := 1
				if tc.file {
					n = -1 // consistent: only the data files tell
				}
				if err := os.WriteFile(path, []byte(strings.Replace(string(b), tc.old, tc.new, n)), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			m, rerr := ReadManifest(home, "b", "")
			_, _, lerr := Load[numeric.Fixed](home, "b", "")
			if tc.want == "" {
				if rerr != nil || lerr != nil {
					t.Fatalf("ReadManifest: %v; Load: %v", rerr, lerr)
				}
				if m.Sealed() == tc.unseal {
					t.Errorf("Sealed() = %v", m.Sealed())
				}
				return
			}
			errs := []error{lerr}
			if !tc.file {
				bs, err := List(home)
				if err != nil || len(bs) != 1 || len(bs[0].Ingests) != 1 {
					t.Fatalf("List: %v, %v", bs, err)
				}
				errs = append(errs, rerr, bs[0].Ingests[0].Err)
			} else if rerr != nil {
				t.Errorf("ReadManifest: %v (the manifest itself is valid)", rerr)
			}
			for _, err := range errs {
				var ce *CorruptError
				if !errors.As(err, &ce) || !errors.Is(err, ErrCorrupt) {
					t.Fatalf("error %v, want a *CorruptError", err)
				}
				if !tc.file && ce.Path != path || tc.file && filepath.Dir(ce.Path) != filepath.Join(filepath.Dir(path), BarsDir) {
					t.Errorf("error %v names %s", err, ce.Path)
				}
				if !regexp.MustCompile(tc.want).MatchString(err.Error()) {
					t.Errorf("error %q does not match %q", err, tc.want)
				}
			}
		})
	}
}

// TestManifestFormat1Unsealed: the format 1 bundles of testdata, written
// before manifests had a checksum, load, unsealed.
func TestManifestFormat1Unsealed(t *testing.T) {
	home := filepath.Join("testdata", "format1")
	for _, name := range []string{"orcl95", "minutes", "hours"} {
		_, m, err := Load[numeric.Decimal](home, name, "")
		if err != nil {
			t.Fatal(err)
		}
		if m.Sealed() || !strings.Contains(m.UnsealedWarning(), "has no checksum") {
			t.Errorf("%s: Sealed() = %v, warning %q", name, m.Sealed(), m.UnsealedWarning())
		}
	}
}

// TestCommitRefusesIncrements: a dataset whose tick or lot size is not a
// positive decimal is refused before anything is written.
func TestCommitRefusesIncrements(t *testing.T) {
	for _, tc := range []struct{ tick, lot, want string }{
		{"abc", "1", `symbol S000: tick size "abc": want a positive decimal number`},
		{"0.01", "-1", `symbol S000: lot size "-1": want a positive decimal number`},
	} {
		ds := dataset[numeric.Fixed](t, genText(5, 1, 3))
		ds.Series[0].Asset.TickSize, ds.Series[0].Asset.LotSize = tc.tick, tc.lot
		home := t.TempDir()
		if _, err := Write(home, "b", t0, ds, Source{Name: "test"}, WriteOptions{}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("error %v, want %q", err, tc.want)
		}
		if _, err := ReadManifest(home, "b", ""); !errors.Is(err, ErrNoBundle) {
			t.Errorf("a refused ingest left an ingest: %v", err)
		}
	}
}

// unseal removes the checksum of the manifest at path, as the manifests
// written before Penny wrote one are.
func unseal(t testing.TB, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := decodeManifest(b)
	if err != nil {
		t.Fatal(err)
	}
	m.Checksum = ""
	if b, err = json.MarshalIndent(m, "", "  "); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// FuzzManifest: reading any manifest text never panics; one that reads
// and validates writes back to the same manifest (its checksum still
// matching, when it has one).
func FuzzManifest(f *testing.F) {
	home := f.TempDir()
	if _, err := Write(home, "b", t0, dataset[numeric.Fixed](f, genText(5, 2, 5)), Source{Name: "test", Options: map[string]string{"k": "v"}}, WriteOptions{}); err != nil {
		f.Fatal(err)
	}
	dir := filepath.Join(home, "bundles", "b", IngestName(t0))
	seed, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(strings.Replace(string(seed), `"lot_size": "1"`, `"lot_size": "abc"`, 1)))
	f.Add([]byte(`{"format": 2}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := decodeManifest(b)
		if err != nil {
			return
		}
		if m.validate(dir) != nil {
			return
		}
		sum, err := m.sum()
		if err != nil {
			t.Fatal(err)
		}
		again, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		m2, err := decodeManifest(again)
		if err != nil {
			t.Fatalf("a valid manifest does not read back: %v\n%s", err, again)
		}
		if sum2, _ := m2.sum(); sum2 != sum {
			t.Errorf("the checksum changed in a round trip: %s, %s", sum, sum2)
		}
	})
}
