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
// beyond what the strategy does (Record appends to its series). Positions
// are valued lazily, only when the strategy asks for the portfolio value
// and at each session's end.
package engine
