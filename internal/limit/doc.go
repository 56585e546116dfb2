// Package limit bounds what Penny reads from its users: a whole file read
// at once (a config, a results file) stops at a size limit instead of
// growing without bound (penny run /dev/zero), a stream read by lines
// stops at a line longer than a limit, and a value quoted in an error is
// clipped (a 50 MB field is not printed whole).
//
// The limits, documented in the README:
//
//   - Config: 1 MiB, a YAML config (penny run, penny sweep);
//   - JSON: 64 MiB, a results or baselines file of penny bench;
//   - Line: 1 MiB, a line of a CSV file (penny stats; the bundle and
//     corporate-action readers have the same limit of their own).
package limit
