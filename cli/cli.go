package cli

//go:generate go run github.com/pennybt/penny/internal/specialize/cmd/specialize

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"

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
	// sysfs is the file system rooted at / that the machine's memory is
	// read from (/proc/meminfo, the cgroup's limit); none when nil.
	sysfs fs.FS
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
	summary: "print the version of penny and of Go (also penny --version)",
	run:     runVersion,
}

const versionHelp = `usage: penny version
       penny --version

Prints the version of Penny the program was built with (a release, the
revision of a checkout, or devel), the module of a program of one's own
built on Penny, and the version of Go.
`

func runVersion(e *env, args []string) int {
	fs := newFlagSet(e, "version", versionHelp)
	pos, code, done := fs.parse(args)
	if done {
		return code
	}
	if len(pos) > 0 {
		return fs.usageError("unexpected argument %q", pos[0])
	}
	if p := program(); p != "" {
		fmt.Fprintf(e.stdout, "penny %s in %s (%s)\n", version(), p, goVersion())
		return exitOK
	}
	fmt.Fprintf(e.stdout, "penny %s (%s)\n", version(), goVersion())
	return exitOK
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
	os.Exit(run(&env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, strategies: table, exit: os.Exit, sysfs: os.DirFS("/")}, os.Args[1:]))
}

// run runs the command args name (args[0]) and returns its exit status.
// Help goes to stdout with status 0; a usage error to stderr with status
// 2.
func run(e *env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, "penny: no command")
		usage(e.stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help":
		usage(e.stdout)
		return exitOK
	case "help":
		return runHelp(e, args[1:])
	case "-version", "--version":
		return runVersion(e, args[1:])
	}
	c, ok := commandTable()[args[0]]
	if !ok {
		if strings.HasPrefix(args[0], "-") {
			fmt.Fprintf(e.stderr, "penny: unknown flag %s (flags come after the command)\n", args[0])
		} else {
			fmt.Fprintf(e.stderr, "penny: unknown command %q\n", args[0])
		}
		usage(e.stderr)
		return exitUsage
	}
	return c.run(e, args[1:])
}

// runHelp is penny help [CMD]: the list of commands, or CMD's help.
func runHelp(e *env, args []string) int {
	switch len(args) {
	case 0:
		usage(e.stdout)
		return exitOK
	case 1:
		if args[0] == "help" {
			usage(e.stdout)
			return exitOK
		}
		c, ok := commandTable()[args[0]]
		if !ok {
			fmt.Fprintf(e.stderr, "penny help: unknown command %q\n", args[0])
			usage(e.stderr)
			return exitUsage
		}
		return c.run(e, []string{"--help"})
	}
	fmt.Fprintf(e.stderr, "penny help: want one command, got %d: %s\n", len(args), strings.Join(args, " "))
	fmt.Fprintln(e.stderr, "usage: penny help <command>")
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprint(w, `usage: penny <command> [arguments]
       penny help <command>
       penny --version

commands:
`)
	commands := commandTable()
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, commands[n].summary)
	}
	fmt.Fprint(w, "\nRun \"penny help <command>\" (or penny <command> --help) for its arguments and flags.\n\n"+exitText)
}
