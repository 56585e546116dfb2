// Package outdir writes a command's output folder (penny run --out, penny
// bench --out) so that Penny never overwrites a file it did not write.
//
// [Write] fills a fresh temporary folder beside the target, records the
// files it wrote in a marker file ([Marker]) and renames the folder into
// place, replacing a previous output of Penny's as a whole: a failure
// leaves the target as it was, and several backends' outputs appear
// together or not at all.
//
// [Check] refuses a target that holds a file the marker does not list (a
// file Penny did not write), that is not a folder, or that is or contains
// one of the command's inputs (its config, a data file or folder): an
// [*Error], which the commands report as bad usage (exit status 2).
// [CheckNames] does the same for a folder a command manages itself (penny
// sweep's, whose own manifest marks it), given the names it writes.
package outdir
