package execution

import (
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/ledger"
)

// Fill is what [Simulator.Match] produces: the trade an order makes at a
// bar (Time is the bar's stamp, the end of its interval, which the engine
// replaces with the instant of the fill, see [FillMode.At]; Amount signed
// like the order; Price after slippage; Commission charged for this fill). It is the ledger's
// Transaction, so the engine passes it to ledger.Check and ledger.Apply
// as it is.
type Fill[N numeric.Number[N]] = ledger.Transaction[N]
