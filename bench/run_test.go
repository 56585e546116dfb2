package bench

import (
	"context"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/pprof/profile"

	"github.com/pennybt/penny/numeric"
)

// tinyScenarios are small versions of the scenarios (seconds under the
// race detector): a base daily, a base minute that is factor 1 of the
// assets series, and its 2x.
func tinyScenarios() []Scenario {
	return []Scenario{
		{Name: "daily", Group: "base", Config: resize(dailyYAML, "tiny-daily", 4, "2024-01-02", "2024-04-30")},
		{Name: "minute", Group: "base", Factor: 1, Config: resize(minuteYAML, "tiny-minute", 2, "2024-03-01", "2024-03-05")},
		{Name: "minute-assets-2x", Group: "growth", Series: "assets", Factor: 2, Config: resize(minuteYAML, "tiny-minute-2x", 4, "2024-03-01", "2024-03-05")},
	}
}

// tinyRun runs the tiny scenarios once per test binary.
var tinyRun = sync.OnceValues(func() (*Results, error) {
	dir, err := os.MkdirTemp("", "bench-test-")
	if err != nil {
		return nil, err
	}
	tinyDir = dir
	o := DefaultOptions(true)
	o.Scenarios = tinyScenarios()
	o.Runs, o.SampleTarget, o.ProfileTime, o.CalibrationReps = 2, 0, 30*time.Millisecond, 2
	o.OutDir = dir
	o.Command = "penny bench --test"
	o.Environment = func() Environment {
		return Environment{CPU: "Test CPU", Cores: 2, GOMAXPROCS: 2, OS: "test/os", Go: runtime.Version(), GOGC: "100"}
	}
	return Run(context.Background(), o)
})

var tinyDir string

func TestMain(m *testing.M) {
	if os.Getenv(countChildEnv) == "1" {
		os.Exit(testCountChild())
	}
	code := m.Run()
	if tinyDir != "" {
		os.RemoveAll(tinyDir)
	}
	os.Exit(code)
}

func tiny(t *testing.T) *Results {
	t.Helper()
	r, err := tinyRun()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRun(t *testing.T) {
	r := tiny(t)
	if len(r.Scenarios) != 3 || r.Environment.CPU != "Test CPU" || r.Command != "penny bench --test" || r.Seconds <= 0 {
		t.Fatalf("results: %d scenarios, environment %+v, command %q, %v s", len(r.Scenarios), r.Environment, r.Command, r.Seconds)
	}
	if r.Calibration.N != 3*3*2 { // 3 scenarios x (2 rounds + the last) x 2 reps
		t.Errorf("%d calibration reps, want 18", r.Calibration.N)
	}
	for _, s := range r.Scenarios {
		if s.Sessions == 0 || s.AssetBars == 0 || s.RawBytes != 48*s.AssetBars || s.Calibration.Median <= 0 {
			t.Errorf("%s: %d sessions, %d asset-bars, %d raw bytes, calibration %v", s.Name, s.Sessions, s.AssetBars, s.RawBytes, s.Calibration)
		}
		var got []string
		for _, b := range s.Backends {
			got = append(got, b.Backend)
		}
		if !reflect.DeepEqual(got, numeric.BackendNames()) {
			t.Fatalf("%s: backends %v", s.Name, got)
		}
		fl := s.Backend("float")
		for _, b := range s.Backends {
			if len(b.Times) != 2 || b.Runs != 2 || b.Batch != 1 {
				t.Errorf("%s/%s: %d times, %d runs x %d", s.Name, b.Backend, len(b.Times), b.Runs, b.Batch)
			}
			if !reflect.DeepEqual(b.Time, Summarize(b.Times)) || b.CPUTime.N != 2 {
				t.Errorf("%s/%s: stats %+v of %v", s.Name, b.Backend, b.Time, b.Times)
			}
			if !near(b.NsPerAssetBar*float64(s.AssetBars), b.Time.Median) || !near(b.AssetBarsPerSecond*b.Time.Median/1e9, float64(s.AssetBars)) {
				t.Errorf("%s/%s: %v ns/asset-bar, %v asset-bars/s for a median of %v", s.Name, b.Backend, b.NsPerAssetBar, b.AssetBarsPerSecond, b.Time.Median)
			}
			if !near(b.Normalized, b.Time.Min/s.Calibration.Median) {
				t.Errorf("%s/%s: normalised %v", s.Name, b.Backend, b.Normalized)
			}
			if want := Overhead(b.Time.Median, fl.Time.Median); b.Backend != "float" && (!near(b.Overhead, want) || b.Backend == "fixed" && b.Verdict != Grade(want) || b.Backend == "decimal" && b.Verdict != "") {
				t.Errorf("%s/%s: overhead %v %q, want %v", s.Name, b.Backend, b.Overhead, b.Verdict, want)
			}
			if b.DataBytes == 0 || b.PeakHeapBytes != b.DataBytes+b.RunPeakBytes || b.AllocBytes == 0 {
				t.Errorf("%s/%s: data %d, peak %d = %d + %d, alloc %d", s.Name, b.Backend, b.DataBytes, b.PeakHeapBytes, b.DataBytes, b.RunPeakBytes, b.AllocBytes)
			}
			if b.Final == "" || b.Profile == nil || b.Profile.Runs < 1 {
				t.Fatalf("%s/%s: final %q, profile %+v", s.Name, b.Backend, b.Final, b.Profile)
			}
			checkProfileFile(t, filepath.Join(tinyDir, b.Profile.File))
		}
		d := s.Drift
		if d == nil || d.Float == nil || d.Fixed == nil || d.Float.Sessions != s.Sessions {
			t.Fatalf("%s: drift %+v", s.Name, d)
		}
		if d.Fixed.Final != s.Backend("fixed").Final || d.Fixed.Decimal != s.Backend("decimal").Final || d.Float.Final != fl.Final {
			t.Errorf("%s: drift finals %+v", s.Name, d)
		}
	}
	if len(r.Growth) != 3 || r.Growth[0].Series != "assets" || len(r.Growth[0].Points) != 2 || r.Growth[0].Points[1].Scenario != "minute-assets-2x" {
		t.Errorf("growth %+v", r.Growth)
	}
	if r.Summary.Verdict == "" || !reflect.DeepEqual(r.Summary.Scope, []string{"daily", "minute"}) || len(r.Summary.Overheads) != 2 {
		t.Errorf("summary %+v", r.Summary)
	}
}

// checkProfileFile checks that a profile opens with the parser go tool
// pprof uses and holds a CPU profile.
func checkProfileFile(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := profile.Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(p.SampleType) < 2 || p.SampleType[1].Type != "cpu" {
		t.Errorf("%s: sample types %v", path, p.SampleType)
	}
}

func TestRunErrors(t *testing.T) {
	o := DefaultOptions(true)
	o.Runs = 0
	o.Backends = []string{"fixed"}
	_, err := Run(context.Background(), o)
	if err == nil || !strings.Contains(err.Error(), "runs: must be at least 1") || !strings.Contains(err.Error(), "float must come first") || !strings.Contains(err.Error(), "profiles need an output folder") {
		t.Errorf("error %v", err)
	}
	o = DefaultOptions(true)
	o.Scenarios, o.ProfileTime = tinyScenarios()[:1], 0
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, o); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled run: %v, want context.Canceled", err)
	}
}

func TestWriteDir(t *testing.T) {
	r := tiny(t)
	dir := filepath.Join(t.TempDir(), "out")
	if err := WriteDir(dir, r); err != nil {
		t.Fatal(err)
	}
	back, err := ReadResults(filepath.Join(dir, ResultsFile))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, r) {
		t.Errorf("results.json does not read back as written")
	}
	md, err := os.ReadFile(filepath.Join(dir, ReportFile))
	if err != nil {
		t.Fatal(err)
	}
	if string(md) != Report(back) {
		t.Error("report.md differs from the report of the results read back")
	}
	checkReport(t, string(md), back)
	for _, name := range []string{TimeChart, ModuleChart, GrowthChart} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		checkSVG(t, name, b)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

// reportSections are the sections of report.md, in order: it has one
// "## " heading each.
var reportSections = []string{
	"Executive summary",
	"Methodology",
	"Environment",
	"Results",
	"Overhead analysis",
	"Module breakdown",
	"Numerical drift",
	"How cost grows",
	"Targets",
	"Regression gate",
	"Conclusion and recommendation",
}

// checkReport checks that report.md has every section, in order, and the
// figures of the results.
func checkReport(t *testing.T, md string, r *Results) {
	t.Helper()
	at := -1
	for _, sec := range reportSections {
		i := strings.Index(md, "\n## "+sec+"\n")
		if i < 0 {
			t.Errorf("report.md has no section %q", sec)
			continue
		}
		if i < at {
			t.Errorf("section %q out of order", sec)
		}
		at = i
	}
	want := []string{
		Headline(r), "**Fixed overhead: target " + string(r.Summary.Verdict) + ".**",
		r.Command, r.Environment.CPU,
	}
	for _, s := range r.Scenarios {
		for _, b := range s.Backends {
			row := "| " + s.Name + " | " + b.Backend + " | " + "2 x 1 | " + fmtNs(b.Time.Median) + " | " + fmtNs(b.Time.Mean) + " | "
			want = append(want, row, fmtRate(b.AssetBarsPerSecond), fmtNs(b.NsPerAssetBar))
			if b.Backend != "float" {
				want = append(want, fmtPct(b.Overhead)+" | "+orDash(string(b.Verdict))+" |")
			}
			if b.Profile != nil {
				want = append(want, b.Profile.File)
			}
		}
		want = append(want, s.Drift.Float.Final, s.Drift.Fixed.Decimal)
	}
	for _, o := range r.Summary.Overheads {
		want = append(want, "| "+o.Backend+" | "+fmtPct(o.Average)+" | "+fmtPct(o.Weighted)+" |")
	}
	for _, tg := range r.Targets {
		want = append(want, "| "+tg.Name+" | "+tg.Goal+" |")
	}
	for _, w := range want {
		if !strings.Contains(md, w) {
			t.Errorf("report.md lacks %q", w)
		}
	}
}

// checkSVG parses an SVG document as XML.
func checkSVG(t *testing.T, name string, b []byte) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(string(b)))
	root := ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if se, ok := tok.(xml.StartElement); ok && root == "" {
			root = se.Name.Local
		}
	}
	if root != "svg" {
		t.Errorf("%s: root element %q, want svg", name, root)
	}
}
