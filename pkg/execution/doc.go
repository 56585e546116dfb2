// Package execution simulates the exchange: when an open order fills,
// at what price, for how much, and at what cost. It holds the matching
// rules ([Simulator]), the slippage models ([Slippage]: [NoSlippage],
// [FixedBps], [VolumeShare]) and the commission models ([Commission]:
// [NoCommission], [PerShare], [PerTrade], [Bps]), each a small type
// behind a one-method interface with a func adapter, so users can supply
// their own; and the execution block of a run's YAML ([Config]) with the
// constructor of all of them for a backend ([New]), which returns the one
// value engine.Config's Execution takes ([Setup]: the simulator with its
// models, plain values, and the ledger's account rules).
//
// # The engine's loop
//
// At each bar index i, before the strategy sees bar i, the engine offers
// every open order (order.Book.Open, in placement order) whose asset has
// a bar at i to [Simulator.Match], passing the volume of that bar already
// filled in the asset ([Usage]). A [Fill] is the ledger's Transaction:
// the engine checks it (ledger.Ledger.Check), and either rejects the
// order with the reason returned (order.Order.Reject) or applies it
// (ledger.Ledger.Apply), records it on the order (order.Order.Fill) and
// adds it to the usage. At the end of a session it expires the Day orders
// (order.Book.ExpireDay). See the package example.
//
// No look-ahead: Match never fills an order at or before the bar it was
// placed in (barIndex <= Order.PlacedBar); an order placed while bar t is
// current fills at bar t+1 at the earliest. An asset without a bar at i
// does not trade at i.
//
// # Matching rules
//
// With [NextOpen] (the default, backtrader's rules), on a bar with open
// O, high H, low L and close C:
//
//	market        fills at O
//	buy limit X   at O if O <= X, else at X if L <= X, else not
//	sell limit X  at O if O >= X, else at X if H >= X, else not
//	buy stop S    triggers at O if O >= S (fills at O: the open gapped
//	              through), else at S if H >= S (fills at S), else not
//	sell stop S   at O if O <= S, else at S if L <= S, else not
//	stop-limit    triggered at the open (O past S): the limit rule on
//	(S, X)        the whole bar. Triggered within the bar (buy: H >= S):
//	              fills at S if the limit allows S (buy: X >= S; sell:
//	              X <= S); otherwise, as backtrader, it fills at X only if
//	              the bar's direction says the price came back through X
//	              after the trigger (buy: a falling bar, O > C, with
//	              C <= X; sell: a rising bar, O < C, with C >= X); a flat
//	              bar (O == C) does not fill it (backtrader fills sells
//	              there; Penny treats both sides alike). Either way the
//	              order stays triggered and is a limit order from the next
//	              bar on.
//
// With [NextClose] (zipline's rules) everything is decided on the close
// C: market orders fill at C; a buy limit X fills at C if C <= X, a sell
// limit if C >= X; a buy stop S triggers if C >= S and then fills at C, a
// sell stop if C <= S; a stop-limit triggers as a stop and, the same bar,
// fills at C if the limit allows C.
//
// In both modes a stop reached is remembered (Order.Triggered): a
// triggered stop order is a market order and a triggered stop-limit a
// limit order at every later bar (which matters when a fill is partial).
// Slippage then moves the price chosen; a limit order (or a triggered
// stop-limit) never fills beyond its limit: a slipped price past the
// limit is brought back to it (backtrader's slip_limit).
//
// # Rounding
//
// Every price and money amount a model produces is rounded once, to 8
// decimals, half-even, from the exact value, so that Fixed and Decimal
// agree digit for digit: FixedBps price ± round(price*bps/10000);
// VolumeShare round(price*(1 ± impact*share^2)), computed exactly (in
// 128-bit integers from the operands' coefficients, math/big past that);
// PerShare round(cost*quantity); Bps round(notional*bps/10000)
// with the ledger's notional round(amount*price). Basis points with more
// than 4 decimals are refused by the config (bps/10000 would not be exact
// in 8 decimals). Quantities are cut, never rounded up: the volume limit
// to 8 decimals, then to whole lots of the asset, toward zero. Float
// follows the same formulas in float64.
//
// # Config
//
// [Config] is decoded strictly from YAML (an unknown key, a repeated key
// or a value of the wrong kind is an error naming the key and the line),
// keeps its numbers as the exact decimal text written, and is checked by
// [Config.Validate] (negative amounts, bps with more than 4 decimals, a
// volume limit outside (0, 1], an unknown model, a parameter that does
// not belong to the model, a non-positive max_leverage). [New] converts
// the numbers exactly to the backend, failing with the key named if N
// cannot hold one.
//
// # Panics
//
// Match panics if a slippage model returns more than the order has left
// (a bug of the model). Arithmetic that overflows Fixed panics with a
// *numeric.ArithmeticError, which the engine recovers and reports with
// the bar and order. Nothing else panics; an order that cannot fill
// simply does not.
package execution
