package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// flagSet is a command's flags and help, read the same way by every
// command: flags before, between or after the positional arguments,
// written --flag (or -flag); -h, --help and "penny help CMD" print the
// help on stdout (status 0); a usage error is told on stderr, with the
// command's synopsis, and is status 2.
type flagSet struct {
	*flag.FlagSet
	e *env
	// name is the command's name as typed after penny ("run").
	name string
	// help is the help above the flag list: the synopsis (up to the
	// first blank line), then what the command does.
	help string
	// exit is what the command adds to the exit statuses (exitText), or
	// "".
	exit string
}

// newFlagSet returns the flag set of command name with its help text.
func newFlagSet(e *env, name, help string) *flagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// The flag package's own messages and usage are replaced by ours.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flagSet{FlagSet: fs, e: e, name: name, help: help}
}

// parse parses args, flags anywhere among the positional arguments (all
// after "--" are positional), and returns the positional arguments. When
// done is true the command returns code at once: 0 after printing its
// help on stdout, 2 after telling a usage error on stderr.
func (f *flagSet) parse(args []string) (pos []string, code int, done bool) {
	pos, err := f.parseArgs(args)
	if errors.Is(err, flag.ErrHelp) {
		f.printHelp(f.e.stdout)
		return nil, exitOK, true
	}
	if err != nil {
		return nil, f.usageError("%s", f.flagMessage(err)), true
	}
	return pos, exitOK, false
}

// parseArgs is parse without the printing.
func (f *flagSet) parseArgs(args []string) ([]string, error) {
	var pos []string
	for {
		if err := f.Parse(args); err != nil {
			return nil, err
		}
		rest := f.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// isSet reports whether flag name was given.
func (f *flagSet) isSet(name string) bool {
	set := false
	f.Visit(func(fl *flag.Flag) { set = set || fl.Name == name })
	return set
}

// usageError tells a usage error on stderr, then the command's synopsis
// and where its help is, and returns status 2.
func (f *flagSet) usageError(format string, a ...any) int {
	w := f.e.stderr
	fmt.Fprintf(w, "penny %s: %s\n", f.name, fmt.Sprintf(format, a...))
	fmt.Fprint(w, synopsis(f.help))
	fmt.Fprintf(w, "Run \"penny help %s\" for more.\n", f.name)
	return exitUsage
}

// synopsis returns the help's usage lines (up to its first blank line).
func synopsis(help string) string {
	s, _, _ := strings.Cut(help, "\n\n")
	return s + "\n"
}

// printHelp prints the help: the command's text, its flags (as --flag,
// with their defaults when they have one worth telling) and its exit
// statuses.
func (f *flagSet) printHelp(w io.Writer) {
	fmt.Fprint(w, strings.TrimRight(f.help, "\n")+"\n\nflags:\n")
	f.VisitAll(func(fl *flag.Flag) {
		name, usage := flag.UnquoteUsage(fl)
		if _, isBool := fl.Value.(interface{ IsBoolFlag() bool }); isBool {
			name = ""
		}
		line := "  --" + fl.Name
		if name != "" {
			line += " " + name
		}
		fmt.Fprintf(w, "%s\n        %s%s\n", line, usage, defaultText(fl, usage))
	})
	fmt.Fprint(w, "  -h, --help\n        show this help\n\n")
	fmt.Fprint(w, exitText)
	if f.exit != "" {
		fmt.Fprint(w, "\n"+f.exit)
	}
}

// defaultText returns " (default X)" for a flag whose default is worth
// telling: not one its usage tells already, and not a zero that means
// "not given".
func defaultText(fl *flag.Flag, usage string) string {
	if strings.Contains(usage, "default") {
		return ""
	}
	switch fl.DefValue {
	case "", "0", "false", "0s", "[]":
		return ""
	}
	return " (default " + fl.DefValue + ")"
}

// The flag package's messages, rewritten with --flag.
var (
	undefinedFlag = regexp.MustCompile(`^flag provided but not defined: -+(.*)$`)
	missingValue  = regexp.MustCompile(`^flag needs an argument: -+(.*)$`)
	invalidValue  = regexp.MustCompile(`(?s)^invalid (?:boolean )?value (".*") for (?:flag )?-+([^:]+): (.*)$`)
)

// flagMessage rewrites an error of the flag package in the words of
// penny's help.
func (f *flagSet) flagMessage(err error) string {
	s := err.Error()
	if m := undefinedFlag.FindStringSubmatch(s); m != nil {
		return "unknown flag --" + m[1]
	}
	if m := missingValue.FindStringSubmatch(s); m != nil {
		return "flag --" + m[1] + " needs a value"
	}
	if m := invalidValue.FindStringSubmatch(s); m != nil {
		why := m[3]
		if fl := f.Lookup(m[2]); fl != nil && why == "parse error" {
			why = "want " + valueKind(fl)
		}
		return "--" + m[2] + " " + m[1] + ": " + why
	}
	return s
}

// valueKind says what a flag's value must be.
func valueKind(fl *flag.Flag) string {
	switch fmt.Sprintf("%T", fl.Value) {
	case "*flag.intValue", "*flag.int64Value":
		return "a whole number"
	case "*flag.uintValue", "*flag.uint64Value":
		return "a whole number, 0 or more"
	case "*flag.float64Value":
		return "a number"
	case "*flag.durationValue":
		return "a duration such as 30s, 1m30s or 500ms"
	case "*flag.boolValue":
		return "true or false"
	}
	return "another value"
}
