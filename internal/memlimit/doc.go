// Package memlimit keeps a command from loading more data than the
// machine can hold. Before loading, a command counts what it will load
// (a [Data]: assets and asset-bars, from a synthetic config's clock, CSV
// file sizes, a bundle's manifest or an ingest's window) and the
// footprint of each backend it loads it into (a [Footprint]: bytes per
// asset-bar and per asset, measured from the data structures by their
// packages); [Check] refuses, with an [*Error] that says what would fit,
// a [Need] above the [Limit].
//
// The estimate: a backend's data holds Rows x Footprint.Row +
// Assets x Footprint.Asset bytes (plus Transient, what a reader holds
// while it decodes); the Go collector lets the heap grow to about twice
// what is live before it collects (GOGC=100, the default), so the need is
// [Headroom] times that. Backends held at once (a sweep, the bench) add
// up; backends run one after the other (penny run --backend all) need the
// largest of them. What a strategy keeps per asset (its indicator
// windows) and the records of its orders are not counted.
//
// The limit is --max-memory: a size (12GiB, 500MB, bytes), a share of
// the machine's memory (75%, the default), or 0 for none. The machine's
// memory is the smaller of what the OS says is available (/proc/meminfo's
// MemAvailable, or MemTotal when the kernel has no MemAvailable) and the
// memory limit of the process's cgroup (cgroup v2 memory.max, v1
// memory.limit_in_bytes, the tightest along the cgroup's path). [Read]
// takes these files from an fs.FS rooted at / (os.DirFS("/") in a
// command; a test gives its own). Where none can be read (an OS other
// than Linux), a share has nothing to take a share of, and only a size
// given with --max-memory limits.
package memlimit
