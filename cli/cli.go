package cli

//go:generate go run github.com/pennybt/penny/internal/specialize/cmd/specialize

import (
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/pennybt/penny/internal/runner"
	"github.com/pennybt/penny/strategies"
	"github.com/pennybt/penny/strategies/builtin"
)

// env is what a command may touch of the outside world: its streams, its
// environment variables, and the table of strategies configs may name.
// Tests build their own.
type env struct {
	stdin      io.Reader
	stdout     io.Writer
	stderr     io.Writer
	getenv     func(string) string
	strategies *strategies.Table
	// exit ends the process (os.Exit when nil): a second interrupt
	// quits at once through it.
	exit func(int)
}

// runnerEnv is what the runs of a command take from it.
func (e *env) runnerEnv() runner.Env {
	return runner.Env{Getenv: e.getenv, Strategies: e.strategies}
}

// A command runs with its arguments (after the command name) and returns
// the process exit status: 0 success, 1 the run failed, 2 bad usage or
// input, 130 interrupted (see exitText).
type command struct {
	summary string
	run     func(e *env, args []string) int
}

// commandTable is the registry of subcommands: one line per command, the
// implementation in a file of its own.
func commandTable() map[string]command {
	return map[string]command{
		"bundles": bundlesCommand,
		"clean":   cleanCommand,
		"ingest":  ingestCommand,
		"run":     runCommand,
		"bench":   benchCommand,
		"stats":   statsCommand,
		"sweep":   sweepCommand,
		"version": versionCommand,
	}
}

var versionCommand = command{
	summary: "print the version of penny and of Go",
	run: func(e *env, args []string) int {
		if p := program(); p != "" {
			fmt.Fprintf(e.stdout, "penny %s in %s (%s)\n", version(), p, goVersion())
			return 0
		}
		fmt.Fprintf(e.stdout, "penny %s (%s)\n", version(), goVersion())
		return 0
	},
}

// Main runs the penny command with the process's arguments, streams and
// environment, and exits with its status. Configs may name Penny's own
// strategies (package builtin) and those given, each made by
// strategies.Define; a program of one's own is a main of one call:
//
//	func main() {
//		cli.Main(strategies.Define("my_breakout",
//			strategies.For(breakout.New[numeric.Float]),
//			strategies.For(breakout.New[numeric.Fixed]),
//			strategies.For(breakout.New[numeric.Decimal])))
//	}
//
// Main panics, as a programmer error, on a strategy name given twice (one
// of Penny's own included).
func Main(own ...strategies.Entry) {
	table := strategies.NewTable(append(builtin.Strategies(), own...)...)
	os.Exit(run(&env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, strategies: table, exit: os.Exit}, os.Args[1:]))
}

func run(e *env, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(e.stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := commandTable()[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "penny: unknown command %q\n", args[0])
		usage(e.stderr)
		return 2
	}
	return c.run(e, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: penny <command> [arguments]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "commands:")
	commands := commandTable()
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, commands[n].summary)
	}
}
