package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// startedIngest polls until the ingest of bundle name has begun (its
// unfinished folder exists).
func startedIngest(t *testing.T, home, name string, done <-chan struct{}) {
	t.Helper()
	partial := filepath.Join(home, "bundles", name, ".partial")
	for {
		if _, err := os.Stat(partial); err == nil {
			return
		}
		select {
		case <-done:
			t.Fatal("the ingest ended before it began")
		case <-time.After(time.Millisecond):
		}
	}
}

// TestInterruptIngest sends SIGINT to an ingest under way: it stops with
// status 130 and a message, publishes nothing, and the bundle's previous
// ingest stays. (A second SIGINT quitting at once is cli's
// TestInterruptTwice: two signals sent here at once would merge into one.)
func TestInterruptIngest(t *testing.T) {
	bin := pennyBin(t)
	csvDir := t.TempDir()
	writeMinuteCSVs(t, csvDir, 12, 40000)
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"synthetic", []string{"--source", "synthetic", "--assets", "150", "--frequency", "minute", "--start", "2023-01-03", "--end", "2023-04-30"}},
		{"csv", []string{"--source", "csv", "--dir", csvDir, "--frequency", "minute", "--calendar", "24/7"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			home, dir := t.TempDir(), t.TempDir()
			first := runPenny(t, bin, dir, home, "ingest", "x", "--source", "synthetic", "--assets", "2")
			if first.code != 0 {
				t.Fatalf("first ingest: status %d\n%s", first.code, first.stderr)
			}
			before := listIngests(t, home, "x")

			cmd, stdout, stderr := pennyCmd(bin, dir, home, append([]string{"ingest", "x"}, tc.args...)...)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan struct{})
			var werr error
			go func() { werr = cmd.Wait(); close(done) }()
			startedIngest(t, home, "x", done)
			if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			<-done
			r := wait(t, cmd, stdout, stderr, werr)
			if r.code != 130 {
				t.Fatalf("status %d, want 130\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
			}
			const want = "nothing was published, bundle x is as it was"
			if !strings.Contains(r.stderr, want) || strings.Contains(r.stdout, "ingested") {
				t.Fatalf("stdout:\n%s\nstderr:\n%s\nwant %q on stderr", r.stdout, r.stderr, want)
			}
			if after := listIngests(t, home, "x"); after != before {
				t.Fatalf("ingests after the interrupt: %s, before: %s", after, before)
			}
			if _, err := os.Stat(filepath.Join(home, "bundles", "x", ".partial")); err == nil {
				t.Fatal("the interrupted ingest left its unfinished folder")
			}
			// The next ingest runs (the lock was released, leftovers cleared).
			if r := runPenny(t, bin, dir, home, "ingest", "x", "--source", "synthetic", "--assets", "2", "--seed", "2"); r.code != 0 {
				t.Fatalf("ingest after the interrupt: status %d\n%s", r.code, r.stderr)
			}
		})
	}
}

// listIngests returns the names of the bundle's complete ingests.
func listIngests(t *testing.T, home, name string) string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(home, "bundles", name))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			out = append(out, e.Name())
		}
	}
	return strings.Join(out, ",")
}

// writeMinuteCSVs writes files CSV files of rows minute bars each.
func writeMinuteCSVs(t *testing.T, dir string, files, rows int) {
	t.Helper()
	start := time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC)
	for f := range files {
		var b strings.Builder
		b.WriteString("date,open,high,low,close,volume\n")
		for i := range rows {
			ts := start.Add(time.Duration(i) * time.Minute).Format("2006-01-02 15:04:05")
			p := 100 + (i*7+f)%50
			fmt.Fprintf(&b, "%s,%d.25,%d.5,%d,%d.75,%d\n", ts, p, p+1, p-1, p, 1000+i%17)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("S%02d.csv", f)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestKilledIngest kills an ingest that does not resume (synthetic):
// penny bundles says so instead of suggesting to run it again to resume,
// and penny clean removes what it left.
func TestKilledIngest(t *testing.T) {
	bin := pennyBin(t)
	home, dir := t.TempDir(), t.TempDir()
	cmd, _, _ := pennyCmd(bin, dir, home, "ingest", "x", "--source", "synthetic", "--assets", "150", "--frequency", "minute", "--start", "2023-01-03", "--end", "2023-04-30")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	startedIngest(t, home, "x", done)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-done
	r := runPenny(t, bin, dir, home, "bundles")
	if r.code != 0 || strings.Contains(r.stdout, "run it again to resume") || !strings.Contains(r.stdout, "x: an ingest did not finish and kept nothing to resume from") {
		t.Fatalf("penny bundles: status %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runPenny(t, bin, dir, home, "clean", "x")
	if r.code != 0 || !strings.Contains(r.stdout, "removed x/.partial") || strings.Contains(r.stdout, "nothing to remove") {
		t.Fatalf("penny clean: status %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(home, "bundles", "x")); err == nil {
		t.Fatal("penny clean left the bundle's empty folder")
	}
}
