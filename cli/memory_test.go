package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pennybt/penny/strategies/builtin"
)

// hugeYAML passes validation and would need about a terabyte: 100000
// synthetic assets of minute bars over 2023.
const hugeYAML = `name: huge
backend: fixed
capital: 100000
data: {source: synthetic, frequency: minute, calendar: XNYS, start: 2023-01-03, end: 2023-12-29, assets: 100000, seed: 1}
strategy: {name: sma_crossover, params: {fast: 10, slow: 30, target_percent: 0.02}}
`

const hugeSweepYAML = hugeYAML + `sweep:
  backends: [float, fixed, decimal]
  params: {fast: [5, 10]}
  search: grid
  metric: sharpe_ratio
`

// TestMaxMemory runs every command that loads data on a machine with
// 4 GiB available (testdata/machine4g's /proc/meminfo): the huge config
// is refused with status 2 before anything loads, with what would fit,
// and nothing is written; a small one runs.
func TestMaxMemory(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{"huge.yaml": hugeYAML, "sweep.yaml": hugeSweepYAML} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	home := filepath.Join(dir, "home")
	huge, sweepCfg, out := filepath.Join(dir, "huge.yaml"), filepath.Join(dir, "sweep.yaml"), filepath.Join(dir, "out")
	daily := filepath.Join("..", "configs", "sma_daily.yaml")
	const default4g = `the limit is 3 GiB \(--max-memory default 75% of 4 GiB available\)`
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"run", []string{"run", huge, "--out", out}, 2,
			`^penny run: .*huge\.yaml: needs about [0-9.]+ GiB for 100000 assets x 97140 minute bars on fixed; ` + default4g + `; \d+ assets \(data\.assets\) would fit\n$`},
		{"run all", []string{"run", huge, "--backend", "all", "--max-memory", "2GiB"}, 2,
			`needs about [0-9.]+ TiB for 100000 assets x 97140 minute bars on decimal; the limit is 2 GiB \(--max-memory\)`},
		{"run a share", []string{"run", huge, "--max-memory", "50%"}, 2, `the limit is 2 GiB \(--max-memory 50% of 4 GiB available\)`},
		{"run bad flag", []string{"run", huge, "--max-memory", "lots"}, 2, `--max-memory: "lots" is not a size`},
		{"sweep", []string{"sweep", sweepCfg, "--out", out}, 2,
			`^penny sweep: .*sweep\.yaml: needs about [0-9.]+ TiB for 100000 assets x 97140 minute bars on float, fixed and decimal held at once; ` + default4g},
		{"ingest synthetic", []string{"ingest", "big", "--source", "synthetic", "--assets", "100000", "--frequency", "minute", "--start", "2023-01-03", "--end", "2023-12-29"}, 2,
			`^penny ingest: big: needs about [0-9.]+ TiB for 100000 assets x 97140 minute bars on decimal; ` + default4g + `; \d+ assets \(--assets\) would fit\n$`},
		{"ingest csv", []string{"ingest", "orcl", "--source", "csv", "--file", "ORCL=" + filepath.Join(refData, "orcl-1995-2014.txt"), "--max-memory", "100KiB"}, 2,
			`^penny ingest: orcl: needs about [0-9.]+ MiB for 1 asset x \d+ daily bars on decimal; the limit is 100 KiB \(--max-memory\); not one asset would fit\n$`},
		{"bench", []string{"bench", "--scenario", "minute-large", "--max-memory", "1GiB", "--out", out}, 2,
			`^penny bench: scenario minute-large: needs about [0-9.]+ GiB for 100 assets x \d+ minute bars on float, fixed and decimal held at once; the limit is 1 GiB \(--max-memory\); leave the scenario out`},
		{"small run fits", []string{"run", daily, "--max-memory", "1GiB"}, 0, `^$`},
		{"no limit", []string{"run", daily, "--max-memory", "0"}, 0, `^$`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			e := &env{strategies: builtin.Table(), stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr,
				getenv: func(k string) string { return map[string]string{"PENNY_HOME": home}[k] }, sysfs: os.DirFS(filepath.Join("testdata", "machine4g"))}
			code := run(e, tc.args)
			if code != tc.code {
				t.Fatalf("status %d, want %d\nstderr:\n%s", code, tc.code, stderr.String())
			}
			if !regexp.MustCompile(tc.stderr).MatchString(stderr.String()) {
				t.Errorf("stderr does not match %q:\n%s", tc.stderr, stderr.String())
			}
			if tc.code != 0 {
				for _, p := range []string{out, home} {
					if _, err := os.Stat(p); !os.IsNotExist(err) {
						t.Errorf("%s was written: %v", p, err)
					}
				}
			}
		})
	}
}
