package cli

import (
	"errors"
	"fmt"
	"text/tabwriter"

	"github.com/pennybt/penny/bundles/store"
)

var bundlesCommand = command{
	summary: "list the ingested data bundles with their sizes, ranges and ingest times",
	run:     runBundles,
}

var cleanCommand = command{
	summary: "remove old ingests of a bundle (--keep-last N)",
	run:     runClean,
}

const bundlesUsage = `usage: penny bundles

Lists the bundles under $PENNY_HOME/bundles (default ~/.penny): each ingest
with its source, frequency and calendar, symbols, bars, first and last bars
(session dates for daily bars, the bars' starts in UTC for intraday ones),
and size on disk. The last ingest of a bundle is the one runs use.
`

func runBundles(e *env, args []string) int {
	fs := newFlagSet(e, "bundles", bundlesUsage)
	pos, code, done := fs.parse(args)
	if done {
		return code
	}
	if len(pos) > 0 {
		return fs.usageError("unexpected argument %q", pos[0])
	}
	home, err := store.HomeDir(e.getenv)
	if err != nil {
		fmt.Fprintf(e.stderr, "penny bundles: %v\n", err)
		return 2
	}
	list, err := store.List(home)
	if err != nil {
		fmt.Fprintf(e.stderr, "penny bundles: %v\n", err)
		return 1
	}
	if len(list) == 0 {
		fmt.Fprintf(e.stdout, "no bundles in %s (run penny ingest)\n", home)
		return 0
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tINGEST\tSOURCE\tFREQUENCY\tCALENDAR\tSYMBOLS\tBARS\tSTART\tEND\tSIZE")
	for _, b := range list {
		for _, in := range b.Ingests {
			m := in.Manifest
			if m == nil {
				fmt.Fprintf(tw, "%s\t%s\tunreadable (below)\t\t\t\t\t\t\t%s\n", b.Name, in.ID, humanBytes(in.DiskSize))
				continue
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\n", b.Name, in.ID, m.Source, m.Frequency, m.Calendar,
				len(m.Symbols), m.Rows, m.FormatTime(m.Start), m.FormatTime(m.End), humanBytes(in.DiskSize))
		}
		if b.Partial {
			fmt.Fprintf(tw, "%s\t(unfinished)\t\t\t\t\t\t\t\t\n", b.Name)
		}
	}
	tw.Flush()
	for _, b := range list {
		for _, in := range b.Ingests {
			switch {
			case in.Manifest == nil:
				fmt.Fprintf(e.stdout, "%s %s: unreadable: %v\n", b.Name, in.ID, in.Err)
			case !in.Manifest.Sealed():
				fmt.Fprintf(e.stdout, "warning: %s\n", in.Manifest.UnsealedWarning())
			}
		}
	}
	for _, b := range list {
		switch {
		case b.Resumable:
			fmt.Fprintf(e.stdout, "%s: an ingest did not finish; run it again to resume, or penny clean %s to remove it\n", b.Name, b.Name)
		case b.Partial:
			fmt.Fprintf(e.stdout, "%s: an ingest did not finish and kept nothing to resume from; penny clean %s removes what it left\n", b.Name, b.Name)
		}
	}
	return 0
}

const cleanUsage = `usage: penny clean NAME [--keep-last N]

Removes all but the N most recent ingests of bundle NAME (N = 1 by
default; 0 removes the bundle), and what an unfinished ingest left.
`

func runClean(e *env, args []string) int {
	fs := newFlagSet(e, "clean", cleanUsage)
	keep := fs.Int("keep-last", 1, "number of most recent ingests to keep (`N`; 0 removes the bundle)")
	names, code, done := fs.parse(args)
	if done {
		return code
	}
	if len(names) != 1 {
		return fs.usageError("want one bundle name, got %d", len(names))
	}
	if *keep < 0 {
		fmt.Fprintf(e.stderr, "penny clean: --keep-last %d: want 0 or more\n", *keep)
		return 2
	}
	if err := store.CheckName(names[0]); err != nil {
		fmt.Fprintf(e.stderr, "penny clean: %v\n", err)
		return 2
	}
	home, err := store.HomeDir(e.getenv)
	if err != nil {
		fmt.Fprintf(e.stderr, "penny clean: %v\n", err)
		return 2
	}
	removed, err := store.Clean(home, names[0], *keep)
	for _, r := range removed {
		if r == "" {
			fmt.Fprintf(e.stdout, "removed %s (nothing was left in it)\n", names[0])
			continue
		}
		fmt.Fprintf(e.stdout, "removed %s/%s\n", names[0], r)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "penny clean: %v\n", err)
		if errors.Is(err, store.ErrNoBundle) {
			return 2
		}
		return 1
	}
	if len(removed) == 0 {
		fmt.Fprintf(e.stdout, "nothing to remove: %s has at most %d ingests\n", names[0], *keep)
	}
	return 0
}
