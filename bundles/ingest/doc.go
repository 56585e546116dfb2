// Package ingest reads a source of bars (synthetic, csv, alpaca) into a
// new ingest of a bundle in the store, exactly: the program `penny ingest`
// parses its flags into a source's config and calls Run.
//
// An [Ingester] is made from a source's config by [Synthetic], [CSV] or
// [Alpaca]; they validate the config and fix what the manifest records of
// the source (store.Source: its name and public options, never
// credentials). [Run] begins the ingest, reads the source and commits
// the bars.
//
// # Corporate actions
//
// A source may bring corporate actions with its bars (the Alpaca source
// downloads them; the synthetic source can generate them), and
// [Ingester.WithActions] adds those of a CSV file (package corpaction's
// layout). They are stored with the bars as the bundle's actions table
// (see package store), in the same commit, and applied by every run of
// the bundle.
//
// # Exactly
//
// Prices and action amounts are read with the fixed backend, which is the faster road; when
// a value needs more than Fixed holds (more than 8 decimals, or beyond
// its range), the source is read again with the decimal backend. The
// store keeps the same exact decimals either way.
//
// # What the user sees
//
// Options.Progress draws the progress of the long stages ("downloading",
// "writing"); Options.Notify receives the notices an ingest gives as it
// runs (a [Fallback] to decimal, rows [Dropped] by a csv repair, an
// Alpaca download's counts, bars [OffSession]). Both are optional.
//
// # Errors
//
// A failed ingest leaves the bundle's previous ingests untouched. A
// resumable source (Alpaca) keeps what it downloaded in the ingest's
// staging area, so that the same ingest run again resumes; the others
// leave nothing behind. An error the input causes (a bad value or row in
// a file, a file or folder that cannot be read, a bar the store cannot
// hold exactly, a request or credentials the API refuses, a symbol with no
// data) is an *[InputError]: running again will not help, changing the
// input or the options will.
package ingest
