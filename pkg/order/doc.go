// Package order holds orders and the book that keeps them: what a
// strategy asked to trade, and what became of it.
//
// An [Order] is created from a [Request] by [New] or, numbered, by
// [Book.Place]. The request is validated there, once: an invalid request
// (zero quantity, NaN, a limit price of zero, a limit price on a market
// order, an unknown asset, an order after the end of the data, a
// quantity that is not a whole number of lots...) does not make an error
// or a panic but a Rejected order whose Reason says why, recorded in the
// book like any other. Business outcomes are statuses, never errors.
//
// # Amounts and prices
//
// Amounts are signed, in the numeric type N: Amount > 0 buys, < 0
// sells; Filled has the sign of Amount. Limit and stop prices are
// positive. Quantities are whole multiples of the asset's lot ([Lot]:
// the asset's LotSize, or 1 share for equities and 10^-8 for crypto when
// it is empty); [Quantity] and [TruncLot] turn a value into whole lots,
// rounding toward zero, exactly in Fixed and Decimal.
//
// # Life of an order
//
// An order is Open when placed, then PartiallyFilled and Filled by
// [Order.Fill], or Cancelled ([Order.Cancel], [Book.Cancel],
// [Book.ExpireDay] for Day orders at the end of their session) or
// Rejected ([Order.Reject], when a fill breaks an account rule; a
// partially filled order refused that way is Cancelled, its fills
// standing). Filled, Cancelled and Rejected are final. The transition
// methods panic on an illegal transition (filling a cancelled order,
// cancelling a filled one, filling more than remains, a fill of the
// wrong sign): those are bugs of the caller, and the message names the
// order. [Book.Cancel] checks first and reports false instead.
//
// The simulator (package execution) decides when and at what price an
// order fills; it never fills an order at the bar it was placed in
// (Order.PlacedBar), and it records in Order.Triggered that a stop price
// was reached. The engine then applies the fill to the ledger and calls
// [Order.Fill].
//
// # Rounding
//
// Order.Notional accumulates each fill's amount*price rounded to 8
// decimals half-even, the same rule the ledger applies to cash; AvgPrice
// divides it by Filled, rounded to 8 decimals half-even. Nothing else in
// this package rounds.
//
// # Zero values
//
// The zero [Type] is Market, the zero [TimeInForce] GTC, the zero
// [Status] Open; the zero [Book] is empty and ready. A Book hands out
// pointers to its orders that stay valid for its life, and iterates the
// open ones without allocating ([Book.Open]). Nothing here is safe for
// concurrent use: the engine's loop is single-threaded.
package order
