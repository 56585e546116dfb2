package specialize

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the generated files of testdata/ok and the error.golden files of testdata/fail")

// cases returns the case directories under testdata/kind.
func cases(t *testing.T, kind string) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join("testdata", kind, "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cases in testdata/%s (%v)", kind, err)
	}
	return dirs
}

// TestGolden generates the packages of testdata/ok and compares the output
// with the committed generated files (go test -update rewrites them).
func TestGolden(t *testing.T) {
	for _, dir := range cases(t, "ok") {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			files, err := Generate(dir)
			if err != nil {
				t.Fatal(err)
			}
			if *update {
				if err := Write(dir, files); err != nil {
					t.Fatal(err)
				}
				return
			}
			written := 0
			for _, f := range files {
				old, err := os.ReadFile(filepath.Join(dir, f.Name))
				if f.Src == nil {
					if err == nil {
						t.Errorf("%s exists, want none", f.Name)
					}
					continue
				}
				written++
				if err != nil {
					t.Errorf("%s: %v", f.Name, err)
				} else if !bytes.Equal(old, f.Src) {
					t.Errorf("%s differs from the golden file at line %d (go test -update rewrites it)", f.Name, firstDiff(old, f.Src))
				}
			}
			if written == 0 {
				t.Error("the case generates nothing")
			}
			if err := Check(dir); err != nil {
				t.Errorf("Check: %v", err)
			}
		})
	}
}

// TestGoldenRuns builds, vets and tests the golden packages: the expected
// output compiles, and its tests (copies agree with the generic source,
// dispatch by name, //line positions at run time) pass.
func TestGoldenRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test on the golden packages")
	}
	for _, args := range [][]string{{"vet", "./testdata/ok/..."}, {"test", "-count=1", "./testdata/ok/..."}} {
		out, err := exec.Command("go", args...).CombinedOutput()
		if err != nil {
			t.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// TestFailures runs the generator on the packages of testdata/fail, each of
// which it must refuse with the message of its error.golden (positions
// relative to the case directory).
func TestFailures(t *testing.T) {
	for _, dir := range cases(t, "fail") {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			_, err := Generate(dir)
			if err == nil {
				t.Fatal("no error")
			}
			abs, _ := filepath.Abs(dir)
			got := strings.ReplaceAll(err.Error(), abs+string(filepath.Separator), "") + "\n"
			golden := filepath.Join(dir, "error.golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("error:\n%s\nwant (%s):\n%s", got, golden, want)
			}
			matches, _ := filepath.Glob(filepath.Join(dir, "specialized_gen*"))
			if len(matches) > 0 {
				t.Errorf("generated files in a failing case: %v", matches)
			}
		})
	}
}

// TestCommandFails: the command exits with status 1 and prints the
// position and the reason, writing nothing.
func TestCommandFails(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	dir := filepath.Join("testdata", "fail", "typearg")
	cmd := exec.Command("go", "run", "./cmd/specialize", "-dir", dir)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("go run: %v, want exit status 1\n%s", err, out)
	}
	if want := "a.go:17:36: doubleCents: cannot redirect double[cents]"; !strings.Contains(string(out), want) {
		t.Errorf("output %q lacks %q", out, want)
	}
	if matches, _ := filepath.Glob(filepath.Join(dir, "specialized_gen*")); len(matches) > 0 {
		t.Errorf("wrote %v", matches)
	}
}

// TestStale: Check names each stale generated file and says how to bring
// it up to date.
func TestStale(t *testing.T) {
	for _, tc := range []struct{ dir, want string }{
		{"kernel", "specialized_gen.go is out of date (first difference at line 12)"},
		{"unmarked", "specialized_gen.go exists, but nothing in the package is marked for it"},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			err := Check(filepath.Join("testdata", "stale", tc.dir))
			if err == nil {
				t.Fatal("no error")
			}
			for _, want := range []string{tc.want, "run go generate", filepath.Join("testdata", "stale", tc.dir)} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
		})
	}
}
