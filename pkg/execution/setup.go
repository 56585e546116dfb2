package execution

import (
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/ledger"
)

// Setup is all a run's execution block decides, as engine.Config's
// Execution takes it: how orders fill and what they cost (the
// Simulator, with its slippage and commission models, plain values) and
// the account rules the ledger checks each fill against. [New] builds it
// from a [Config]; a program may also write it out:
//
//	engine.Config[N]{Capital: capital, Execution: execution.Setup[N]{
//		Simulator: execution.Simulator[N]{Slippage: execution.FixedBps[N]{Bps: bps}},
//		Account:   ledger.Account[N]{Shorting: true},
//	}}
//
// The zero Setup fills at the next bar's open, with no slippage and no
// commission, in a cash account without shorting.
type Setup[N numeric.Number[N]] struct {
	Simulator Simulator[N]
	Account   ledger.Account[N]
}
