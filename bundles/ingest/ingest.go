package ingest

import (
	"context"
	"fmt"
	"time"

	"github.com/pennybt/penny/bundles/store"
)

// Progress shows how far a stage of an ingest is.
type Progress interface {
	// Set shows done of total.
	Set(done, total int)
	// Finish ends the display.
	Finish()
}

// Options are what every ingest takes besides its source. The zero value
// shows and tells nothing.
type Options struct {
	// Progress, when set, returns the display of a stage's progress
	// ("downloading", "writing").
	Progress func(stage string) Progress
	// Notify, when set, receives the notices of the ingest, as they come.
	Notify func(Notice)

	// Set by Run from the ingester: what the manifest records of the
	// source, and the actions file (Ingester.WithActions).
	source  store.Source
	actions string
}

func (o *Options) progress(stage string) Progress {
	if o.Progress == nil {
		return noProgress{}
	}
	return o.Progress(stage)
}

func (o *Options) notify(n Notice) {
	if o.Notify != nil {
		o.Notify(n)
	}
}

type noProgress struct{}

func (noProgress) Set(done, total int) {}
func (noProgress) Finish()             {}

// Ingester reads one source into an ingest of the store. Make one with
// Synthetic, CSV or Alpaca.
type Ingester struct {
	source    store.Source
	resumable bool
	actions   string
	read      func(ctx context.Context, in *store.Ingest, o *Options) (*store.Manifest, error)
}

// Source returns what the manifest records of the source.
func (g *Ingester) Source() store.Source { return g.source }

// WithActions stores the corporate actions of the CSV file at path
// (package corpaction's layout: date,symbol,type,ratio,amount,pay_date,
// record_date,target) with the bars, as the bundle's actions table, and
// records the file in the manifest's options ("actions"). They are read
// in the backend the bars are read with, after any actions of the source
// itself; a bad row, a duplicate, or an action whose symbol or target has
// no bars fails the ingest with an *InputError naming the file and line.
// It returns g.
//
// Prices ingested adjusted (a csv source with Price adj_close) refuse
// actions, which would count the splits and dividends twice: Run then
// fails with an *InputError.
func (g *Ingester) WithActions(path string) *Ingester {
	opts := make(map[string]string, len(g.source.Options)+1)
	for k, v := range g.source.Options {
		opts[k] = v
	}
	opts["actions"] = path
	g.source.Options, g.actions = opts, path
	return g
}

// Resumable reports whether a failed ingest of the source keeps what it
// fetched for the next attempt.
func (g *Ingester) Resumable() bool { return g.resumable }

// Run ingests g's source as a new ingest of bundle name under home,
// stamped at: it begins the ingest (taking the bundle's lock), reads the
// source and commits it. On an error the bundle's previous ingests are
// untouched; what a non-resumable source wrote is removed, as is the
// staging area of a resumable one that fetched nothing, and a bundle
// with no ingest is not left behind as an empty folder. Once ctx is
// cancelled the ingest stops, commits nothing and returns ctx's error
// (errors.Is context.Canceled).
func Run(ctx context.Context, home, name string, at time.Time, g *Ingester, opts Options) (*store.Manifest, error) {
	in, err := store.Begin(home, name, at)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	if g.actions != "" && g.source.Options["price"] == "adj_close" {
		return nil, &InputError{fmt.Errorf("actions %s: the prices are adjusted for splits and dividends already (price adj_close): applying actions would count them twice", g.actions)}
	}
	opts.source, opts.actions = g.source, g.actions
	m, err := g.read(ctx, in, &opts)
	if err != nil {
		if !g.resumable {
			_ = in.Discard() // nothing to resume from: leave no trace
		}
		return nil, err
	}
	return m, nil
}
