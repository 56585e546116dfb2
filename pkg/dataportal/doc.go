// Package dataportal is the engine's view of market data: an in-memory
// columnar bar store aligned to the run's clock, with a cursor that only
// moves forward.
//
// A Portal holds one market.Series per asset (columns of int64 stamps and
// N prices) and, for each row, the index of the clock bar it belongs to,
// computed once by New. Advance(k) moves the cursor to bar k; from then on
// every accessor answers as of bar k:
//
//   - HasBar, Current and Field give the asset's bar stamped at bar k, if
//     it has one; an asset without a bar at k cannot be traded at k.
//   - Last gives the last known close at or before bar k (possibly stale),
//     for valuation.
//   - History and Column give windows of a field ending at the latest bar
//     at or before k, as views into the store whose capacity ends there.
//
// No look-ahead, by construction: no method reaches a row stamped after
// the current bar, and the slices handed out cannot be resliced past it.
//
// Cost: Advance is O(assets) int32 comparisons, with no allocation; every
// accessor is O(1) and allocation-free (History returns a view, not a copy).
//
// New refuses data that would make the replay wrong, with a
// *market.BarError naming the asset, the timestamp and the field: bars off
// the calendar's sessions or off the clock's grid, unsorted or duplicate
// stamps, high below low, negative or NaN values, and a frequency other
// than the clock's (aggregate first, with Aggregate).
package dataportal
