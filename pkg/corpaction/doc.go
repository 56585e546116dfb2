// Package corpaction is Penny's model of corporate actions: the splits,
// dividends, mergers, spin-offs, name changes and delistings that real
// stock histories are made of, with exact values, and the readers that
// bring them in from text.
//
// # The model
//
// An [Action] is dated (Date is the ex-date, or the effective date of a
// merger, name change or delisting) and belongs to one symbol. Its values
// are exact: Amount is in the run's backend N, parsed from text, never
// through float64; Ratio is a pair of integers New/Old, kept as the source
// gives them (a 3:2 split is 3/2, a 1:10 reverse split 1/10, a decimal
// ratio such as 1.5 becomes 3/2, exactly).
//
//	type                   values
//	split                  Ratio: new shares per old share (2:1 is 2, 3:2 is 1.5, 1:10 is 0.1)
//	cash_dividend          Amount per share; PayDate, RecordDate (special_dividend: Special)
//	stock_dividend         Ratio: new shares per share held, of Target (empty: the same symbol)
//	spin_off               Target: the new symbol; Ratio: its shares per share held
//	merger_stock           Target: the acquirer; Ratio: its shares per share held
//	merger_cash            Amount: cash per share held
//	merger_stock_and_cash  Target, Ratio and Amount together
//	name_change            Target: the new symbol; the position carries on
//	delisting              Amount: the price the position closes at
//	worthless_removal      the position closes at zero
//
// # CSV layout
//
// [ReadCSV] reads a file with a header line naming the columns, in any
// order, by name (case and surrounding spaces ignored):
//
//	date,symbol,type,ratio,amount,pay_date,record_date,target
//	2000-06-27,NVDA,split,2,,,,
//	2007-09-11,NVDA,split,3:2,,,,
//	2012-11-20,NVDA,cash_dividend,,0.075,2012-12-14,2012-11-22,
//
// date, symbol and type are required columns; the others may be left out
// of the header when no row uses them, and a field a type does not use
// must be empty. Dates are YYYY-MM-DD. ratio is a decimal ("2", "1.5",
// "0.1") or new:old or new/old with whole numbers ("3:2", "1/10"). Blank
// lines and lines starting with '#' are skipped.
//
// # Bad input
//
// Every error is a *[ParseError] naming the file, line, field and value:
// an unknown type, a missing or unused field, a non-positive ratio, a
// negative dividend or price, a pay or record date before the ex-date, a
// duplicate action (the same symbol, type and date, and for dividends the
// same amount: an ordinary and a special dividend on one day are two
// actions), and any number the backend cannot hold exactly.
//
// [Resolve] places the actions on a run's sessions and universe, and
// chooses, for what only the data can tell:
//
//   - a symbol (or target) that is not in the data: an error, since an
//     action silently dropped would leave a split looking like a crash;
//   - a date that is not a session: the action moves to the next session,
//     with a [Warning] (its prices first reflect it there);
//   - a date before the first session or after the last: the action is
//     left out, with a Warning (it cannot affect the run).
//
// Nothing is half-applied: Resolve returns the whole schedule or an error.
//
// # Applying them
//
// Package engine applies the schedule at the open of each ex-date
// session, before any fill; see its documentation for the semantics and
// package ledger for the exact accounting.
package corpaction
