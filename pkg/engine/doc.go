// Package engine runs a strategy over market history, bar by bar: the
// event loop at the heart of every backtest.
//
// # The loop
//
// New takes a data portal (the bars, aligned to the run's clock), a
// Strategy and a Config; Run replays the clock's sessions in order:
//
//	for each session:
//	    schedule the session's scheduled functions
//	    BeforeTradingStart hook (if the strategy has one)
//	    for each bar of the session:
//	        advance the portal to the bar
//	        fill: match the open orders placed at earlier bars against
//	              their assets' bars at this one, in placement order;
//	              check each fill against the account, book it in the ledger
//	        OnBar(ctx): the strategy reads data and places orders
//	        run the scheduled functions due at this bar
//	    expire day orders, OnSessionEnd hook, value the positions at their
//	    last closes, take the session's snapshot
//
// It is single-threaded and deterministic: assets are always visited in ID
// (symbol) order and orders in placement order, so two runs of the same
// input give identical output.
//
// # No look-ahead
//
// A strategy at bar t reaches data through its Context, which answers from
// the portal as of t: Current and Field give the bar stamped t (bars are
// stamped at the end of their interval), History and Price go back from t,
// and no method returns a later bar. An order placed at bar t carries t as
// its PlacedBar and the fill step skips it until a later bar: it fills at
// t+1 at the earliest, at that bar's open or close as the execution
// configuration says. An asset without a bar at a given bar cannot fill
// there; its last close still values a position held in it.
//
// # Times
//
// Internally a bar is its stamp, the end of its interval (package clock);
// what a run reports is when things happened:
//
//   - A fill is stamped at the open of the bar it fills at under
//     next_open (the session's open for a daily bar or a session's first
//     bar, else the previous bar's stamp) and at its close under
//     next_close (the bar's stamp): a next_open fill of a daily XNYS run
//     reads 14:30Z (09:30 New York), a next_close one 21:00Z. Limit and
//     stop fills inside a bar are stamped the same way.
//   - An order is created at Context.Now (the close of the bar the
//     strategy saw), cancelled by a day's end at the session's close.
//   - A daily run on a calendar of dates only (a data calendar, the
//     default for CSV files: calendar.DatesOnly) reports every instant
//     of a session, fills and orders included, as the session's date at
//     00:00 UTC: such a calendar knows which day a bar is, not its hours,
//     and its internal close (the next midnight) would read as the next
//     day. Snapshots are keyed by the session's date on every calendar.
//
// # Orders and accounting
//
// Context's entry points (Order, OrderValue, OrderPercent, OrderTarget,
// OrderTargetValue, OrderTargetPercent, OrderLimit, OrderStop,
// OrderStopLimit, Submit, Cancel) place orders in the run's order.Book;
// package execution decides fills (price, slippage, commission) and
// package ledger checks them against the account and books them. Business
// outcomes are order statuses with reasons (a rejected order, an order
// cancelled at session end), never errors.
//
// # Corporate actions
//
// Config.Actions (package corpaction) are resolved onto the run's
// sessions by New and applied at the open of each ex-date session, before
// BeforeTradingStart and before any fill of its first bar; receivables due
// are then paid. The bars must be raw (as traded). Splits (and stock
// dividends of the same symbol) change the position by ledger.Split (cash
// in lieu for what a whole lot cannot hold) and rescale the asset's open
// orders as zipline does (amounts times the ratio, truncated to the lot;
// limit and stop prices divided by it, half-even to the decimals of the
// price or the tick size, at least 2); an order left with less than a lot
// is cancelled. Cash dividends accrue on the position held at the open
// (the close before the ex-date) as a receivable counted in the portfolio
// value, paid at the pay date's session. Spin-offs and stock dividends of
// another symbol give shares of it at no cost; stock mergers and name
// changes exchange the position (cost carried, the cash part's share of
// it realized); cash mergers, delistings and worthless removals close it
// at the stated price; all three cancel the asset's open orders with the
// reason. Every effect is a ledger.Event, listed in Result.Actions.
//
// Until an asset's first bar after an action, its position is valued at
// the ledger's rescaled price, not at the stale close. History windows are
// adjusted as of the current bar (Config.Adjust); Current, Field, Price
// and fills see raw prices.
//
// Where Penny differs from zipline and LEAN: it keeps the average cost as
// an exact total (zipline rounds the per-share cost basis to cents); a
// dividend is a receivable in the portfolio value from the ex-date (as
// zipline, unlike LEAN, which credits cash at the ex-date); cash in lieu
// is paid at the previous close / ratio rounded once to 8 decimals
// (zipline: the fraction times the last sale price / ratio); and every
// amount is exact in fixed and decimal, with big.Rat replays in the tests.
//
// # Failures
//
// Input errors are errors, programmer bugs are panics, and Run sorts the
// panics by whose they are:
//
//   - A numeric failure (a *numeric.ArithmeticError: a Fixed overflow, a
//     division by zero), raised anywhere in the loop, is a limit of the
//     backend met by the run, not a bug: Run recovers it and returns a
//     *RunError naming the bar, its time, the phase of the loop and the
//     order being handled, wrapping the ArithmeticError.
//   - Any other panic raised while the engine is calling the strategy
//     (Init, BeforeTradingStart, OnBar, a scheduled function,
//     OnSessionEnd) is the strategy's: Run recovers it and returns a
//     *RunError with InStrategy set, whose Err names the function that
//     raised the panic and whose Stack is the stack of the panic, from
//     that function down through the strategy's frames. A panic in
//     Penny's code called by the strategy (a Context method) counts as
//     the strategy's too; the function named and the stack show where it
//     was raised.
//   - Every other panic, raised in the engine's own steps (fill, order
//     expiry, valuation, snapshots) or in a slippage or commission model
//     or Progress callback of the Config, is a bug in Penny or in the
//     caller's code: Run does not keep it, and it reaches the caller with
//     the stack of where it was raised.
//
// A RunError carries the stack whenever the run stopped on a panic. A
// context cancellation stops the run at the next session end.
//
// # Cost
//
// Per bar the loop does O(assets) integer work in the portal, O(open
// orders) in the fill step, and calls OnBar once: no allocation per bar
// beyond what the strategy does (Record appends to its series), and none
// per fill in float and fixed: the bar an order is matched against is the
// engine's own, and orders and transactions are stored in chunks that
// grow geometrically (O(log n) allocations for n of them; see
// BenchmarkLoop's trading runs and TestAllocationsDoNotGrowWithFills).
// Positions are valued lazily, only when the strategy asks for the
// portfolio value and at each session's end.
//
// Many runs in a row (a sweep) can hand that storage on: a run given a
// [Scratch] (Engine.Use) takes its transaction log, snapshots, orders
// and round trips from the previous run's, which Scratch.Reclaim gives
// back once its result is read. A minute backtest of 10 assets with
// 8,400 fills then allocates about 0.1 MB instead of 5.2 MB, and the
// collector, which two workers share, has next to nothing to do
// (TestScratchAllocations).
package engine
