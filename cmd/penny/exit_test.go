package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// exitCase is one command run in a fresh folder holding the files of an
// archive: its exit status, a pattern its stderr must match, and what it
// must have left.
type exitCase struct {
	name   string
	files  string // txtar archive unpacked into the folder
	args   []string
	code   int
	stderr string // regexp
	stdout string // regexp, when set
	check  func(t *testing.T, dir string)
}

// runExitCases runs each case in a folder of its own, with PENNY_HOME
// its subfolder home (not made beforehand).
func runExitCases(t *testing.T, cases []exitCase) {
	bin := pennyBin(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			home := filepath.Join(dir, "home")
			unpack(t, dir, tc.files)
			r := runPenny(t, bin, dir, home, tc.args...)
			if r.code != tc.code {
				t.Errorf("status %d, want %d", r.code, tc.code)
			}
			if !regexp.MustCompile(tc.stderr).MatchString(r.stderr) {
				t.Errorf("stderr does not match %q", tc.stderr)
			}
			if tc.stdout != "" && !regexp.MustCompile(tc.stdout).MatchString(r.stdout) {
				t.Errorf("stdout does not match %q", tc.stdout)
			}
			if t.Failed() {
				t.Logf("stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
			}
			if tc.check != nil {
				tc.check(t, dir)
			}
		})
	}
}

// fileIs fails unless the file at dir/rel holds want.
func fileIs(t *testing.T, dir, rel, want string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, rel))
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != want {
		t.Fatalf("%s holds %q, want %q", rel, b, want)
	}
}

// exists fails unless each path under dir exists (want) or not.
func exists(t *testing.T, dir string, want bool, rels ...string) {
	t.Helper()
	for _, rel := range rels {
		_, err := os.Stat(filepath.Join(dir, rel))
		if got := err == nil; got != want {
			t.Errorf("%s exists: %v, want %v", rel, got, want)
		}
	}
}

const smallCSV = `date,open,high,low,close,volume
2024-01-02,10,11,9,10.5,100
2024-01-03,10.5,11,10,10.8,100
2024-01-04,10.8,12,10.5,11.9,100
2024-01-05,11.9,12,11,11.2,100
2024-01-08,11.2,11.5,10.9,11.0,100
`

// TestOut checks that --out never overwrites a file penny did not write
// (issue 15, item 2).
func TestOut(t *testing.T) {
	cfg := `-- c.yaml --
name: c
backend: fixed
capital: 100000
data:
  source: csv
  files: {X: out/daily.csv}
strategy:
  name: sma_crossover
  params: {fast: 2, slow: 3, shares: 1}
-- out/daily.csv --
` + smallCSV
	runExitCases(t, []exitCase{{
		name: "input named daily.csv in the output folder", files: cfg,
		args: []string{"run", "c.yaml", "--out", "out"}, code: 2,
		stderr: `--out: output folder out: contains the input .*daily.csv`,
		check:  func(t *testing.T, dir string) { fileIs(t, dir, "out/daily.csv", smallCSV) },
	}, {
		name: "a file of the user's in the output folder",
		files: `-- c.yaml --
name: c
backend: fixed
capital: 100000
data:
  source: csv
  files: {X: x.csv}
strategy:
  name: sma_crossover
  params: {fast: 2, slow: 3, shares: 1}
-- x.csv --
` + smallCSV + `-- ow/notes.txt --
mine
`,
		args: []string{"run", "c.yaml", "--out", "ow"}, code: 2,
		stderr: `output folder ow: holds files penny did not write \(notes.txt\)`,
		check: func(t *testing.T, dir string) {
			fileIs(t, dir, "ow/notes.txt", "mine\n")
			exists(t, dir, false, "ow/summary.json")
		},
	}, {
		name: "the config's own folder",
		files: `-- c.yaml --
name: c
backend: fixed
capital: 100000
data:
  source: csv
  files: {X: x.csv}
strategy:
  name: sma_crossover
  params: {fast: 2, slow: 3, shares: 1}
-- x.csv --
` + smallCSV,
		args: []string{"run", "c.yaml", "--out", "."}, code: 2,
		stderr: `contains the input c.yaml`,
	}, {
		name: "written, then written again",
		files: `-- c.yaml --
name: c
backend: fixed
capital: 100000
data:
  source: csv
  files: {X: x.csv}
strategy:
  name: sma_crossover
  params: {fast: 2, slow: 3, shares: 1}
-- x.csv --
` + smallCSV,
		args: []string{"run", "c.yaml", "--out", "o"}, code: 0, stderr: `^$`,
		check: func(t *testing.T, dir string) {
			exists(t, dir, true, "o/summary.json", "o/.penny-out")
			r := runPenny(t, pennyBin(t), dir, t.TempDir(), "run", "c.yaml", "--out", "o", "--backend", "float,decimal")
			if r.code != 0 {
				t.Fatalf("second run: %d\n%s", r.code, r.stderr)
			}
			exists(t, dir, true, "o/float/summary.json", "o/decimal/summary.json")
			exists(t, dir, false, "o/summary.json") // replaced as a whole
		},
	}})
}

// TestBackendFailure checks that --backend all keeps the results of the
// backends that ran when one fails (issue 15, item 3).
func TestBackendFailure(t *testing.T) {
	const sma = `
strategy:
  name: sma_crossover
  params: {fast: 2, slow: 3, shares: 1}
`
	runExitCases(t, []exitCase{{
		name: "fixed overflows in the strategy",
		files: `-- c.yaml --
name: overflow
backend: fixed
capital: 100000
data:
  source: csv
  files: {BIG: big.csv}` + sma + `-- big.csv --
date,open,high,low,close,volume
2024-01-02,40000000000,40000000000,40000000000,40000000000,1
2024-01-03,40000000000,40000000000,40000000000,40000000000,1
2024-01-04,40000000000,40000000000,40000000000,40000000000,1
2024-01-05,40000000000,40000000000,40000000000,40000000000,1
`,
		args: []string{"run", "c.yaml", "--backend", "all", "--out", "out"}, code: 1,
		stderr: `(?s)\(fixed\): .*overflow.*1 of 3 backends failed: fixed`,
		stdout: `(?m)^final value +\S+ +failed +\S+$`,
		check: func(t *testing.T, dir string) {
			exists(t, dir, true, "out/float/summary.json", "out/decimal/summary.json")
			exists(t, dir, false, "out/fixed")
		},
	}, {
		name: "a price beyond fixed's range",
		files: `-- c.yaml --
name: range
backend: fixed
capital: 100000
data:
  source: csv
  files: {BIG: big.csv}` + sma + `-- big.csv --
date,open,high,low,close,volume
2024-01-02,100000000000,100000000000,100000000000,100000000000,1
2024-01-03,100000000000,100000000000,100000000000,100000000000,1
2024-01-04,100000000000,100000000000,100000000000,100000000000,1
`,
		args: []string{"run", "c.yaml", "--backend", "all"}, code: 1,
		stderr: `1 of 3 backends failed: fixed`,
		stdout: `(?m)^ +float +fixed +decimal$`,
	}, {
		name: "the same bad input on every backend",
		files: `-- c.yaml --
name: missing
backend: fixed
capital: 100000
data:
  source: csv
  files: {X: nope.csv}` + sma,
		args: []string{"run", "c.yaml", "--backend", "all", "--out", "out"}, code: 2,
		stderr: `every backend failed \(float, fixed, decimal\)`,
		check:  func(t *testing.T, dir string) { exists(t, dir, false, "out") },
	}})
}

// TestLeftovers checks that a failed ingest leaves nothing behind
// (issue 15, item 16).
func TestLeftovers(t *testing.T) {
	runExitCases(t, []exitCase{{
		name: "a failed csv ingest of a new bundle",
		files: `-- bad.csv --
date,open,high,low,close,volume
2024-01-02,10,11,9,10.5,100
2024-01-03,10.5,11,10,ten,100
`,
		args: []string{"ingest", "x", "--source", "csv", "--file", "X=bad.csv"}, code: 2,
		stderr: `bad.csv:3`,
		check:  func(t *testing.T, dir string) { exists(t, dir, false, "home/bundles/x") },
	}})
}

// TestUnboundedReads: a config or returns file without end is refused at
// a limit instead of read into memory, and a long value is not printed
// whole (issue 15, item 5).
func TestUnboundedReads(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	long := strings.Repeat("9", 200<<10)
	runExitCases(t, []exitCase{{
		name: "run /dev/zero", args: []string{"run", "/dev/zero"}, code: 2,
		stderr: `/dev/zero: larger than 1 MiB, the limit of such a file`,
	}, {
		name: "sweep /dev/zero", args: []string{"sweep", "/dev/zero"}, code: 2,
		stderr: `/dev/zero: larger than 1 MiB`,
	}, {
		name: "stats /dev/zero", args: []string{"stats", "/dev/zero"}, code: 2,
		stderr: `/dev/zero: line 1 is longer than 1 MiB`,
	}, {
		name: "bench --from /dev/zero", args: []string{"bench", "--from", "/dev/zero", "--out", "b"}, code: 2,
		stderr: `/dev/zero: larger than 64 MiB`,
	}, {
		name:  "stats with a long value",
		files: "-- r.csv --\ndate,returns\n2024-01-02,0.01\n2024-01-03,x" + long + "\n",
		args:  []string{"stats", "r.csv"}, code: 2,
		stderr: "^penny stats: r.csv:3: [^\n]{0,200}\n$",
	}})
}
