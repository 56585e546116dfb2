package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// hostileCases are the files of testdata/hostile (see its README) run by
// the penny command: each case the arguments, the exit status, what
// stderr must say, and for a run that succeeds what stdout must say.
var hostileCases = []struct {
	name   string
	args   []string
	code   int
	stderr string // a regular expression
	stdout string // a regular expression, for runs that succeed
	writes bool   // whether the command may write (--out, or PENNY_HOME)
}{
	// Item 7: a price of zero or below.
	{"zero price", []string{"run", "zero_price.yaml", "--out", "out"}, 2, `zero\.csv:3: field "Low" value "0": price zero or below`, "", false},
	{"zero price ingest", []string{"ingest", "z", "--source", "csv", "--file", "X=zero.csv"}, 2, `zero\.csv:3: field "Low" value "0": price zero or below`, "", false},
	{"zero price dropped", []string{"ingest", "z", "--source", "csv", "--file", "X=zero.csv", "--drop", "invalid"}, 0,
		`dropped 1 rows \(--drop invalid\)(.|\n)*dropped zero\.csv:3: field "Low" value "0": price zero or below`, `ingested z .*: 1 symbols, 4 bars`, true},
	// Item 8: zero volume under volume_share slippage.
	{"zero volume", []string{"run", "zero_volume.yaml"}, 0,
		`1 of 1 assets have bars of zero volume, where no order fills: IDX \(255 of 255 bars\)(.|\n)*7 orders left open for lack of volume`,
		`unfilled, no volume +7`, false},
	// Item 4: a valid config too large for the machine: refused before
	// loading, with what would fit, instead of a Go out-of-memory crash.
	{"huge minute", []string{"run", "huge_minute.yaml", "--out", "out"}, 2,
		`^penny run: huge_minute\.yaml: needs about [0-9.]+ [GT]iB for 100000 assets x 97140 minute bars on fixed; the limit is [0-9.]+ [KMGT]?i?B \(--max-memory default 75% of [^)]+\); .*would fit\n$`, "", false},
	{"huge minute all backends", []string{"run", "huge_minute.yaml", "--backend", "all", "--max-memory", "8GiB", "--out", "out"}, 2,
		`^penny run: huge_minute\.yaml: needs about [0-9.]+ TiB for 100000 assets x 97140 minute bars on decimal; the limit is 8 GiB \(--max-memory\); \d+ assets \(data\.assets\) or data\.end 2023-01-03 \(1 of 250 sessions\) would fit\n$`, "", false},
	{"huge sweep", []string{"sweep", "huge_sweep.yaml", "--out", "out", "--max-memory", "8GiB"}, 2,
		`^penny sweep: huge_sweep\.yaml: needs about [0-9.]+ TiB for 100000 assets x 97140 minute bars on float, fixed and decimal held at once; the limit is 8 GiB \(--max-memory\); \d+ assets \(data\.assets\) would fit\n$`, "", false},
	{"huge ingest", []string{"ingest", "huge", "--source", "synthetic", "--assets", "100000", "--frequency", "minute", "--start", "2023-01-03", "--end", "2023-12-29"}, 2,
		`^penny ingest: huge: needs about [0-9.]+ TiB for 100000 assets x 97140 minute bars on decimal; the limit is .*\(--max-memory default 75% of [^)]+\); .*would fit\n$`, "", false},
	// Item 9: decimals in whole-number keys.
	{"fractional param", []string{"run", "fractional_param.yaml", "--out", "out"}, 2, `strategy\.params\.fast \(line 7\): 5\.99 is not a whole number`, "", false},
	{"fractional assets", []string{"run", "fractional_assets.yaml", "--out", "out"}, 2, `data\.assets \(line 4\): 3\.5 is not a whole number`, "", false},
	// Item 10: files that do not overlap in time.
	{"no overlap", []string{"run", "no_overlap.yaml"}, 0,
		`warning: no asset has a bar from 1995-12-30 to 2006-01-01 \(3656 days, more than 14\): .*\(ORCL ends 1995-12-29; IDX starts 2006-01-02\)`,
		`annual return +0\.10%`, false},
	{"no overlap strict", []string{"run", "no_overlap.yaml", "--strict", "--out", "out"}, 2, `no asset has a bar from 1995-12-30(.|\n)*refused under --strict`, "", false},
	// Item 11: keys that do not apply to the source, a second document.
	{"bundle keys", []string{"run", "bundle_keys.yaml", "--out", "out"}, 2,
		`data\.seed: not used by bundle data \(only synthetic data is generated from a seed\)(.|\n)*data\.files: not used by bundle data`, "", false},
	{"csv seed", []string{"run", "csv_seed.yaml", "--out", "out"}, 2, `data\.seed: not used by csv data`, "", false},
	{"two documents", []string{"run", "two_documents.yaml", "--out", "out"}, 2, `line 8: a second YAML document \(after ---\): a file holds one`, "", false},
	// Item 12: bundles (testdata/hostile/home, PENNY_HOME for these cases)
	// edited after their ingest.
	{"edited manifest", []string{"run", "bundle_edited.yaml", "--out", "out"}, 2,
		`bundles/edited/[^/]+/manifest\.json: checksum mismatch: the manifest was edited or damaged after it was written`, "", false},
	{"altered table", []string{"run", "bundle_altered.yaml", "--out", "out"}, 2,
		`bundles/altered/[^/]+/bars/SYN000\.parquet: checksum mismatch: the file was altered`, "", false},
	{"bad tick size", []string{"run", "bundle_badtick.yaml", "--out", "out"}, 2,
		`bundles/badtick/[^/]+/manifest\.json: invalid manifest.*: field "assets\[0\]\.tick_size" value "abc": want a positive decimal number`, "", false},
	{"unsealed manifest", []string{"run", "bundle_unsealed.yaml"}, 0,
		`warning: bundle "unsealed" ingest [^ ]+: its manifest has no checksum .*ingest the bundle again to add one`, `final value +99958\.4`, false},
	{"unsealed manifest strict", []string{"run", "bundle_unsealed.yaml", "--strict", "--out", "out"}, 2, `its manifest has no checksum(.|\n)*refused under --strict`, "", false},
	{"unsealed frequency", []string{"run", "bundle_unsealed_freq.yaml", "--out", "out"}, 2,
		`bundles/unsealed_freq/[^/]+/bars/SYN000\.parquet: not a bars file: the file holds daily bars \(its penny\.frequency\), the manifest says minute`, "", false},
	{"bundles listed", []string{"bundles"}, 0, "", `badtick +[^ ]+ +unreadable(.|\n)*edited [^ ]+: unreadable: .*checksum mismatch`, false},
	// Item 13: absurd values.
	{"huge capital", []string{"run", "huge_capital.yaml", "--out", "out"}, 2, `capital: 1e\+400 is above 1000000000000000, the largest capital Penny accepts`, "", false},
	{"absurd commission", []string{"run", "absurd_commission.yaml", "--out", "out"}, 2, `execution\.commission\.cost: 1e\+400 is above 1000000`, "", false},
	{"huge window", []string{"run", "huge_window.yaml", "--out", "out"}, 2, `strategy\.params\.slow: 2000000000 is above 1000000 bars`, "", false},
	// Item 15: misleading messages.
	{"minute read as daily", []string{"run", "minute_as_daily.yaml", "--out", "out"}, 2,
		`minute\.csv:3: field "Datetime" value "2024-01-02 09:31:00": frequency mismatch: a second bar on 2024-01-02 \(the bar above is at 09:30:00\): the file holds intraday bars`, "", false},
	{"off the grid", []string{"run", "off_grid.yaml", "--out", "out"}, 2,
		`off-grid\.csv:3: field "Datetime" value "2024-01-02 09:31:30": off the bar grid`, "", false},
	{"alias", []string{"run", "alias.yaml", "--out", "out"}, 2,
		`strategy\.params\.slow \(line 1, reached through the alias \*w at line 7\): want a whole number, got "ten"`, "", false},
	{"params of the wrong types", []string{"run", "params_types.yaml", "--out", "out"}, 2,
		`unknown key "strategy\.params\.fsat" at line 8 \(did you mean "strategy\.params\.fast"\?\)\nstrategy\.params\.slow \(line 9\): want a whole number, got a list\nstrategy\.params\.shares \(line 10\): want a single value, got a mapping`, "", false},
	{"all in a list", []string{"run", "no_overlap.yaml", "--backend", "all,fixed", "--out", "out"}, 2,
		`--backend: "all,fixed": all runs every backend and is given alone, not in a list`, "", false},
	// A server that echoes the API keys back in its refusal ({server} is
	// the test's Alpaca server): keys too short to be secrets are left
	// in the message, not cut out of every word; long ones are removed.
	{"short api keys", []string{"ingest", "a", "--source", "alpaca", "--symbols", "AAPL", "--start", "2024-01-02", "--end", "2024-01-31",
		"--base-url", "{server}/echo", "--max-attempts", "1"}, 2, `HTTP 403: .*: refused the key k and the secret ke: check them`, "", false},
	{"api keys echoed", []string{"ingest", "a", "--source", "alpaca", "--symbols", "AAPL", "--start", "2024-01-02", "--end", "2024-01-31",
		"--base-url", "{server}/echo", "--max-attempts", "1"}, 2, `HTTP 403: .*: refused the key \[redacted\] and the secret \[redacted\]: check them`, "", false},
	// Item 17: bad input is status 2 in every command, told before
	// anything runs or is written.
	{"synthetic dates in 1980", []string{"ingest", "z", "--source", "synthetic", "--start", "1980-01-02", "--end", "1980-03-31"}, 2,
		`synthetic: calendar XNYS: range 1980-01-02\.\.1980-03-31 is outside the supported years 1990-2035`, "", false},
	{"home is a file", []string{"ingest", "z", "--source", "synthetic"}, 2, `store: PENNY_HOME=zero\.csv is a file, not a folder`, "", false},
	{"home is a file, bundles", []string{"bundles"}, 2, `store: PENNY_HOME=zero\.csv is a file, not a folder`, "", false},
	{"home is a file, clean", []string{"clean", "z"}, 2, `store: PENNY_HOME=zero\.csv is a file, not a folder`, "", false},
	{"home under a file", []string{"bundles"}, 2, `store: PENNY_HOME=zero\.csv/home: .*not a directory`, "", false},
	{"csv folder missing", []string{"ingest", "z", "--source", "csv", "--dir", "no-such-folder"}, 2, `no-such-folder: no such file or directory`, "", false},
	{"csv file missing", []string{"ingest", "z", "--source", "csv", "--file", "X=no-such.csv"}, 2, `no-such\.csv: no such file or directory`, "", false},
	{"actions file missing", []string{"ingest", "z", "--source", "synthetic", "--actions", "no-such.csv"}, 2, `actions: no-such\.csv: open no-such\.csv: no such file or directory`, "", false},
	{"bench out is a file", []string{"bench", "--scenario", "daily", "--out", "zero.csv"}, 2, `penny bench: --out zero\.csv: is a file, not a folder`, "", false},
	{"bench runs 0", []string{"bench", "--scenario", "daily", "--runs", "0", "--out", "out"}, 2, `penny bench: --runs 0: want 1 or more timed runs`, "", false},
	{"bench negative profile", []string{"bench", "--scenario", "daily", "--profile", "-5s", "--out", "out"}, 2, `penny bench: --profile -5s: want a duration of 0 \(no profiles\) or more`, "", false},
	{"sweep out is a file", []string{"sweep", "sweep.yaml", "--out", "zero.csv"}, 2, `penny sweep: --out zero\.csv: is a file, not a folder`, "", false},
	{"unknown flag", []string{"run", "zero_price.yaml", "--bogus"}, 2, `^penny run: unknown flag --bogus\n`, "", false},
	// Item 14: returns out of scale.
	{"percent returns", []string{"stats", "returns_percent.csv"}, 2, `3 of its 3 values are above 1 in magnitude: these are not simple returns .* but percentages`, "", false},
	{"below -1", []string{"stats", "returns_below_minus_one.csv"}, 2, `returns_below_minus_one\.csv:3: returns "-1\.5": below -1`, "", false},
	{"1e308", []string{"stats", "returns_huge.csv"}, 2, `returns_huge\.csv:3: returns "1e308": above 1000`, "", false},
	{"some large returns", []string{"stats", "returns_some_large.csv"}, 0,
		`warning: returns_some_large\.csv: 1 of 4 returns are above 1 in magnitude .*line 4, 1\.2\): if the column is in percent, divide it by 100`, `Annual return +[0-9.e+]+%`, false},
}

// hostileEnv is the environment of the cases that need one, by name.
var hostileEnv = map[string][]string{
	"short api keys":  {"APCA_API_KEY_ID=k", "APCA_API_SECRET_KEY=ke"},
	"api keys echoed": {"APCA_API_KEY_ID=PKHOSTILE0123456789A", "APCA_API_SECRET_KEY=hostile/Secret+0123456789abcdefghijklmnop"},
	// PENNY_HOME set after the test's own: the last one counts.
	"home is a file":           {"PENNY_HOME=zero.csv"},
	"home is a file, bundles":  {"PENNY_HOME=zero.csv"},
	"home is a file, clean":    {"PENNY_HOME=zero.csv"},
	"home under a file":        {"PENNY_HOME=zero.csv/home"},
	"edited manifest":          {"PENNY_HOME={dir}/home"},
	"altered table":            {"PENNY_HOME={dir}/home"},
	"bad tick size":            {"PENNY_HOME={dir}/home"},
	"unsealed manifest":        {"PENNY_HOME={dir}/home"},
	"unsealed manifest strict": {"PENNY_HOME={dir}/home"},
	"unsealed frequency":       {"PENNY_HOME={dir}/home"},
	"bundles listed":           {"PENNY_HOME={dir}/home"},
}

// hostileServer is an Alpaca data API that misbehaves by the first
// element of its path: /echo refuses every request, echoing the keys.
func hostileServer(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch strings.SplitN(strings.TrimPrefix(r.URL.Path, "/"), "/", 2)[0] {
		case "echo":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusForbidden)
			json.NewEncoder(w).Encode(map[string]string{"message": "refused the key " + r.Header.Get("APCA-API-KEY-ID") +
				" and the secret " + r.Header.Get("APCA-API-SECRET-KEY") + ": check them"})
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestHostile runs the penny command (the test binary, as testscript's
// Main installs it on PATH) on every case of testdata/hostile, in a copy
// of the folder, and checks the exit status, the message, and that a
// command that fails wrote nothing and changed no file: the folder and
// PENNY_HOME hold after it exactly what they held before.
func TestHostile(t *testing.T) {
	penny, err := exec.LookPath("penny")
	if err != nil {
		t.Fatalf("penny is not on PATH (TestMain installs it): %v", err)
	}
	src := filepath.Join("..", "..", "testdata", "hostile")
	srv := hostileServer(t)
	for _, tc := range hostileCases {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "hostile")
			if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
				t.Fatal(err)
			}
			home := filepath.Join(t.TempDir(), "home")
			if err := os.Mkdir(home, 0o755); err != nil {
				t.Fatal(err)
			}
			before, beforeHome := snapshot(t, dir), snapshot(t, home)

			args := slices.Clone(tc.args)
			for i := range args {
				args[i] = strings.ReplaceAll(args[i], "{server}", srv.URL)
			}
			cmd := exec.Command(penny, args...)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "PENNY_HOME="+home)
			for _, kv := range hostileEnv[tc.name] {
				cmd.Env = append(cmd.Env, strings.ReplaceAll(kv, "{dir}", dir)) // the last of a name wins
			}
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			code := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != tc.code {
				t.Fatalf("exit status %d, want %d\nstderr:\n%s", code, tc.code, stderr.String())
			}
			if !regexp.MustCompile(tc.stderr).MatchString(stderr.String()) {
				t.Errorf("stderr does not match %q:\n%s", tc.stderr, stderr.String())
			}
			if tc.stdout != "" && !regexp.MustCompile(tc.stdout).MatchString(stdout.String()) {
				t.Errorf("stdout does not match %q:\n%s", tc.stdout, stdout.String())
			}
			if strings.Contains(stderr.String(), "goroutine ") || strings.Contains(stderr.String(), "panic:") {
				t.Errorf("a panic's trace on stderr:\n%s", stderr.String())
			}
			for _, kv := range hostileEnv[tc.name] {
				if k, v, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "APCA_") && len(v) >= 8 && strings.Contains(stderr.String()+stdout.String(), v) {
					t.Errorf("the output shows %s:\n%s", k, stderr.String())
				}
			}
			if m := goInternals.FindString(stderr.String()); m != "" {
				t.Errorf("stderr shows Go or YAML internals (%q):\n%s", m, stderr.String())
			}
			after, afterHome := snapshot(t, dir), snapshot(t, home)
			if !tc.writes {
				if !maps.Equal(before, after) {
					t.Errorf("the folder changed: %v before, %v after", slices.Sorted(maps.Keys(before)), slices.Sorted(maps.Keys(after)))
				}
				// PENNY_HOME's own bundles folder may be made; nothing in it.
				if afterHome["bundles"] == "/" {
					delete(afterHome, "bundles")
				}
				if !maps.Equal(beforeHome, afterHome) {
					t.Errorf("PENNY_HOME changed: %v", slices.Sorted(maps.Keys(afterHome)))
				}
			}
			// Nothing of the inputs is lost or changed, whatever the case.
			for name, content := range before {
				if after[name] != content {
					t.Errorf("input %s was changed or removed", name)
				}
			}
		})
	}
}

// goInternals matches what no message may show: a Go type's name
// (smacross.Params, *config.Config) or yaml.v3's own words (!!str, "yaml:
// unmarshal errors").
var goInternals = regexp.MustCompile(`(?m)\b[a-z][a-z0-9]*\.[A-Z][A-Za-z0-9]*\b|!!\w|(^|[\s(])yaml: `)

// snapshot maps every file and folder under root to its content ("/" for
// a folder).
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			out[rel] = "/"
			return nil
		}
		b, err := os.ReadFile(path)
		out[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
