package market

import "fmt"

// Class is an asset class.
type Class uint8

const (
	// Equity is a listed share, traded in whole shares by default.
	Equity Class = iota
	// Crypto is a crypto currency pair, traded around the clock.
	Crypto
)

// String returns "equity" or "crypto".
func (c Class) String() string {
	switch c {
	case Equity:
		return "equity"
	case Crypto:
		return "crypto"
	}
	return fmt.Sprintf("Class(%d)", uint8(c))
}

// ParseClass reads "equity" or "crypto".
func ParseClass(s string) (Class, error) {
	switch s {
	case "equity", "":
		return Equity, nil
	case "crypto":
		return Crypto, nil
	}
	return 0, fmt.Errorf("market: unknown asset class %q (want equity or crypto)", s)
}

// Asset is a tradable instrument. Within a run, assets are numbered 0..n-1
// in symbol order: ID is that index, set by the data portal, and the
// engine's per-asset calls use it to reach the asset's columns directly.
// Use the Asset values a run hands out (Context.Assets, Context.Lookup)
// rather than building your own.
type Asset struct {
	ID     int    // index in the run's universe, in symbol order
	Symbol string // ticker, e.g. "ORCL", "BTC/USD"
	Class  Class
	// TickSize is the minimum price increment as decimal text ("0.01"),
	// or "" when unknown.
	TickSize string
	// LotSize is the minimum quantity increment as decimal text ("1" for
	// whole shares, "0.00000001" for crypto), or "" when unknown (whole
	// units are then assumed for equities).
	LotSize string
}

// String returns the symbol.
func (a Asset) String() string { return a.Symbol }
