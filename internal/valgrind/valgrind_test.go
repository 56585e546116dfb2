package valgrind

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// childEnv makes the test binary the program counted by TestCallgrind.
const childEnv = "PENNY_VALGRIND_TEST_CHILD"

// loopSize is the work of one unit of the child's loops.
const loopSize = 200_000

var sink uint64

// spin does n units of work: a loop whose instructions do not depend on
// anything but n.
//
//go:noinline
func spin(n int) {
	x := uint64(1)
	for i := 0; i < n*loopSize; i++ {
		x = x*6364136223846793005 + 1442695040888963407
	}
	sink ^= x
}

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		// Run with --instr-atstart=no: nothing is counted until
		// StartInstrumentation. Two counted windows: one unit of work,
		// then four.
		spin(1) // not instrumented
		StartInstrumentation()
		spin(2) // instrumented, discarded by ZeroStats
		ZeroStats()
		spin(1)
		DumpStats()
		spin(8) // not counted: DumpStats zeroes, ZeroStats discards
		ZeroStats()
		spin(4)
		DumpStats()
		StopInstrumentation()
		fmt.Println(Running())
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestOutsideValgrind(t *testing.T) {
	if Running() {
		t.Skip("the tests run under valgrind")
	}
	// Outside Valgrind the requests do nothing and answer nothing.
	ZeroStats()
	DumpStats()
	if Running() {
		t.Error("Running outside valgrind")
	}
}

// TestCallgrind runs the test binary under callgrind, instrumentation off
// at the start: each DumpStats writes the instructions since ZeroStats,
// so the second window (four units of work) counts four times the first,
// and the first counts at all only if StartInstrumentation worked.
func TestCallgrind(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skip("client requests are made on amd64 only")
	}
	vg, err := exec.LookPath("valgrind")
	if err != nil {
		if os.Getenv("PENNY_VALGRIND_TEST") == "1" {
			t.Fatalf("PENNY_VALGRIND_TEST=1 but valgrind is not installed: %v", err)
		}
		t.Skip("valgrind is not installed")
	}
	if testing.Short() {
		t.Skip("runs valgrind")
	}
	out := filepath.Join(t.TempDir(), "callgrind.out")
	cmd := exec.Command(vg, "--tool=callgrind", "--instr-atstart=no", "--callgrind-out-file="+out, os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=1", "GODEBUG=asyncpreemptoff=1", "GOMAXPROCS=1", "GOGC=off")
	stdout, err := cmd.Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("%v\n%s", err, stderr)
	}
	if got := strings.TrimSpace(string(stdout)); got != "true" {
		t.Errorf("Running under valgrind printed %q, want true", got)
	}
	one, four := totalIr(t, out+".1"), totalIr(t, out+".2")
	if ratio := float64(four) / float64(one); ratio < 3.6 || ratio > 4.4 {
		t.Errorf("windows of 1 and 4 units counted %d and %d instructions: ratio %.2f, want 4", one, four, ratio)
	}
	// A unit is loopSize iterations of a few instructions each.
	if one < 2*loopSize || one > 20*loopSize {
		t.Errorf("one unit counted %d instructions, want a few per iteration of %d", one, loopSize)
	}
}

// totalIr reads the instructions total of a callgrind dump.
func totalIr(t *testing.T, path string) uint64 {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no dump: %v", err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "totals: "); ok {
			n, err := strconv.ParseUint(strings.Fields(v)[0], 10, 64)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			return n
		}
	}
	t.Fatalf("%s: no totals line", path)
	return 0
}
