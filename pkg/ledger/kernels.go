package ledger

import "github.com/pennybt/penny/numeric"

// kernels are the ledger's per-fill and per-mark steps as concrete code
// for N's backend: a method call on a type parameter goes through the
// instantiation's dictionary and is never inlined, so Apply, Check and
// UpdatePrice hand their arithmetic to functions marked
// //penny:specialize (see internal/specialize), taken once, by New. A
// transaction goes to them by value: a pointer passed to a function value
// escapes, an allocation per call.
type kernels[N numeric.Number[N]] struct {
	apply    func(l *Ledger[N], tx Transaction[N])
	tryApply func(l *Ledger[N], tx Transaction[N]) verdict[N]
	reprice  func(l *Ledger[N], p *Position[N], price N)
	check    func(l *Ledger[N], tx Transaction[N]) verdict[N]
	resum    func(l *Ledger[N])
}

func kernelsFor[N numeric.Number[N]]() kernels[N] {
	return kernels[N]{apply: applyFor[N](), tryApply: tryApplyFor[N](), reprice: repriceFor[N](), check: checkTxFor[N](), resum: resumFor[N]()}
}
