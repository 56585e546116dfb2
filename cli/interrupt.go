package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// Exit statuses, the same in every command (documented in each command's
// help and in the README).
const (
	exitOK          = 0   // success
	exitFailed      = 1   // the run failed (or a gate of penny bench)
	exitUsage       = 2   // bad usage or bad input
	exitInterrupted = 130 // interrupted (Ctrl-C, SIGTERM)
)

// exitText is the list of exit statuses in every command's help (and in
// the README's "Exit status").
const exitText = `exit status:
  0    success
  1    the run failed (a computation or a write that did not succeed)
  2    bad usage or bad input (a flag, an argument, a config, a data file,
       $PENNY_HOME): the message names it, and nothing is written
  130  interrupted (Ctrl-C or SIGTERM): the command stops cleanly and
       publishes nothing new; a second Ctrl-C quits at once
`

// interruptible returns a context that the first interrupt (SIGINT or
// SIGTERM) cancels, telling on stderr that the command stops; a second
// one exits the process at once with status 130. stop releases the
// signals.
func interruptible(e *env, cmd string) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case <-ch:
		case <-done:
			return
		}
		fmt.Fprintf(e.stderr, "penny %s: interrupted, stopping (interrupt again to quit at once)\n", cmd)
		cancel()
		select {
		case <-ch:
			fmt.Fprintf(e.stderr, "penny %s: interrupted twice, quitting\n", cmd)
			exit := e.exit
			if exit == nil {
				exit = os.Exit
			}
			exit(exitInterrupted)
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel()
	}
}

// isInterrupt reports whether err comes from a cancelled context.
func isInterrupt(err error) bool { return errors.Is(err, context.Canceled) }
