package store

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/pennybt/penny/numeric"
)

// TestKilledIngest kills (SIGKILL) a process in the middle of an ingest,
// after it has written some of its Parquet files: the previous ingest
// still loads unchanged, and a new ingest succeeds.
func TestKilledIngest(t *testing.T) {
	if os.Getenv("PENNY_STORE_KILL_HOME") != "" {
		t.Skip("running as the helper process")
	}
	home := t.TempDir()
	first := genText(10, 5, 100)
	if _, err := Write(home, "k", t0, dataset[numeric.Fixed](t, first), Source{Name: "test"}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	marker := filepath.Join(t.TempDir(), "midway")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelper$")
	cmd.Env = append(os.Environ(), "PENNY_STORE_KILL_HOME="+home, "PENNY_STORE_KILL_MARKER="+marker)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := os.Stat(marker); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatal("the helper never reached the middle of its ingest")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	written, _ := filepath.Glob(filepath.Join(home, "bundles", "k", PartialDir, BarsDir, "*.parquet"))
	if len(written) < 2 {
		t.Fatalf("the helper was killed before writing any file (%d); the test proves nothing", len(written))
	}
	want := dataset[numeric.Fixed](t, first)
	want.Normalize()
	got, m, err := Load[numeric.Fixed](home, "k", "latest")
	if err != nil {
		t.Fatalf("the previous ingest no longer loads: %v", err)
	}
	if !m.IngestTime.Equal(t0) {
		t.Fatalf("latest ingest %v, want the first one %v", m.IngestTime, t0)
	}
	equalLines(t, canonical(got), canonical(want))

	second := genText(11, 5, 100)
	if _, err := Write(home, "k", t0.Add(time.Hour), dataset[numeric.Fixed](t, second), Source{Name: "test"}, WriteOptions{}); err != nil {
		t.Fatalf("ingest after the kill: %v", err)
	}
	want = dataset[numeric.Fixed](t, second)
	want.Normalize()
	got, _, err = Load[numeric.Fixed](home, "k", "")
	if err != nil {
		t.Fatal(err)
	}
	equalLines(t, canonical(got), canonical(want))
}

// TestKillHelper is the process TestKilledIngest kills: it ingests 40
// assets and, once two files are written, announces it and blocks.
func TestKillHelper(t *testing.T) {
	home := os.Getenv("PENNY_STORE_KILL_HOME")
	if home == "" {
		t.Skip("helper process for TestKilledIngest")
	}
	in, err := Begin(home, "k", t0.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	n := 0
	in.fail = func(string) error {
		mu.Lock()
		n++
		k := n
		mu.Unlock()
		if k > 2 {
			// Files 1 and 2 are complete once 3 and 4 start.
			if k == 4 {
				os.WriteFile(os.Getenv("PENNY_STORE_KILL_MARKER"), nil, 0o644)
			}
			time.Sleep(time.Hour)
		}
		return nil
	}
	Commit(in, dataset[numeric.Fixed](t, genText(12, 40, 100)), Source{Name: "test"}, WriteOptions{})
	t.Fatal("the helper was not killed")
}
