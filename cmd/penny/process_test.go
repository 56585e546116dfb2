package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// pennyBin returns the path of a program named penny that runs this test
// binary as the penny command (testscript.Main, in TestMain, runs main
// when the binary is called penny), for tests that need a process of
// their own: exit statuses, signals.
func pennyBin(t *testing.T) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("needs a symbolic link and Unix signals")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "penny")
	if err := os.Symlink(exe, bin); err != nil {
		t.Fatal(err)
	}
	return bin
}

// result is what a penny process did.
type result struct {
	code           int
	stdout, stderr string
}

// pennyCmd returns the command running penny with args in dir, with
// PENNY_HOME set to home.
func pennyCmd(bin, dir, home string, args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PENNY_HOME="+home)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	return cmd, &stdout, &stderr
}

// runPenny runs penny with args in dir and returns what it did.
func runPenny(t *testing.T, bin, dir, home string, args ...string) result {
	t.Helper()
	cmd, stdout, stderr := pennyCmd(bin, dir, home, args...)
	return wait(t, cmd, stdout, stderr, cmd.Run())
}

func wait(t *testing.T, cmd *exec.Cmd, stdout, stderr *bytes.Buffer, err error) result {
	t.Helper()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("penny %s: %v", strings.Join(cmd.Args[1:], " "), err)
	}
	return result{code: cmd.ProcessState.ExitCode(), stdout: stdout.String(), stderr: stderr.String()}
}

// unpack writes the files of a txtar archive into dir.
func unpack(t *testing.T, dir, archive string) {
	t.Helper()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
