//go:build unix

package cli

import (
	"bytes"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterruptTwice sends this process SIGINT twice: the first cancels
// the command's context and says so, the second quits at once with
// status 130.
func TestInterruptTwice(t *testing.T) {
	var stderr bytes.Buffer
	exited := make(chan int, 1)
	e := &env{stderr: &stderr, exit: func(code int) { exited <- code }}
	ctx, stop := interruptible(e, "ingest")
	defer stop()
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("the first SIGINT did not cancel the context")
	}
	select {
	case code := <-exited:
		t.Fatalf("exited with %d after one SIGINT", code)
	default:
	}
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-exited:
		if code != 130 {
			t.Fatalf("exit status %d, want 130", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the second SIGINT did not quit")
	}
	for _, want := range []string{"penny ingest: interrupted, stopping", "penny ingest: interrupted twice, quitting"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr %q lacks %q", stderr.String(), want)
		}
	}
}
