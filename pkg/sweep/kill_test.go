package sweep

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestResumeAfterKill kills (SIGKILL) a process in the middle of a sweep,
// resumes the sweep from what it wrote, and gets the results of a sweep
// that ran through.
func TestResumeAfterKill(t *testing.T) {
	if os.Getenv("PENNY_SWEEP_KILL_DIR") != "" {
		t.Skip("running as the helper process")
	}
	spec := parseSweep(t, crossSweep)
	bs := backends(t, 3)
	full := t.TempDir()
	run(t, spec, Options{Out: full}, bs)

	dir := t.TempDir()
	marker := filepath.Join(t.TempDir(), "midway")
	cmd := exec.Command(os.Args[0], "-test.run=^TestSweepKillHelper$")
	cmd.Env = append(os.Environ(), "PENNY_SWEEP_KILL_DIR="+dir, "PENNY_SWEEP_KILL_MARKER="+marker)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		if _, err := os.Stat(marker); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatal("the helper never reached the middle of its sweep")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	part := read(t, filepath.Join(dir, ".partial", "results.csv"))
	if n := strings.Count(part, "\n") - 1; n < 10 || n >= 72 {
		t.Fatalf("the killed sweep wrote %d rows; the test proves nothing", n)
	}
	res := run(t, spec, Options{Out: dir, Resume: true}, bs)
	if res.Resumed < 10 {
		t.Fatalf("resumed %d rows", res.Resumed)
	}
	if got, want := resultsOf(t, dir), resultsOf(t, full); got != want {
		t.Fatalf("results after a kill and a resume differ:\n%s", diff(got, want))
	}
}

// TestSweepKillHelper is the process TestResumeAfterKill kills: a sweep
// that, after 10 rows, announces it and slows down.
func TestSweepKillHelper(t *testing.T) {
	dir := os.Getenv("PENNY_SWEEP_KILL_DIR")
	if dir == "" {
		t.Skip("helper process of TestResumeAfterKill")
	}
	rows := 0
	_, err := Run(context.Background(), parseSweep(t, crossSweep), Options{Out: dir, Workers: 2, Meta: meta(), OnRow: func(Row) {
		if rows++; rows == 10 {
			os.WriteFile(os.Getenv("PENNY_SWEEP_KILL_MARKER"), nil, 0o644)
		}
		if rows >= 10 {
			time.Sleep(50 * time.Millisecond)
		}
	}}, backends(t, 3)...)
	t.Fatalf("the helper finished its sweep (%v) before it was killed", err)
}
