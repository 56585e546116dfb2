package ledger

import (
	"fmt"
	"strconv"

	"github.com/pennybt/penny/numeric"
)

// Account holds the rules a fill must pass ([Ledger.Check]). The zero
// value is a cash account without shorting:
//
//   - Cash account (MaxLeverage zero): a buy that increases a position
//     must be paid for, its Notional() plus commission no more than the
//     cash at fill time. With
//     Shorting, a fill that increases a position's size must also leave
//     the gross leverage at most 1 (shorts are covered by equity, and the
//     proceeds of a short sale do not buy more).
//   - Margin account (MaxLeverage > 0): cash may go negative; a fill
//     that increases a position's size must leave a positive portfolio
//     value and a gross leverage (gross exposure / portfolio value) of at
//     most MaxLeverage, compared exactly as gross <= MaxLeverage*value,
//     the product rounded to 8 decimals half-even.
//   - Without Shorting, a sell that would leave a position below zero is
//     refused, in both kinds of account.
//
// Fills that reduce a position (a sale of part of a long, a purchase
// covering part of a short) are never refused for cash or leverage, so
// that a strategy can always get out; a fill that flips a position
// through zero is checked as one that increases it if the new position
// is larger than the old one.
type Account[N numeric.Number[N]] struct {
	Shorting    bool
	MaxLeverage N
}

// Margin reports whether the account is a margin account (MaxLeverage >
// 0).
func (a Account[N]) Margin() bool { return a.MaxLeverage.Sign() > 0 }

// Validate reports an invalid account: a negative or non-finite maximum
// leverage.
func (a Account[N]) Validate() error {
	if f := a.MaxLeverage.Float64(); f-f != 0 || a.MaxLeverage.Sign() < 0 {
		return fmt.Errorf("ledger: max leverage %s: want 0 (a cash account) or a positive number", a.MaxLeverage)
	}
	return nil
}

// Check reports whether the ledger's account rules accept the fill tx,
// and if not, why, in words that name the amounts (the engine stores the
// reason on the order it rejects). It changes nothing, and allocates
// nothing in Float and Fixed when the fill is accepted. It checks in
// O(1): a leverage check values the positions from the ledger's running
// totals.
func (l *Ledger[N]) Check(tx Transaction[N]) (ok bool, reason string) {
	v := l.k.check(l, tx)
	if v.refusal != accepted {
		return false, l.refused(&tx, &v)
	}
	return true, ""
}

// refused says why the account rules refuse tx, as v found.
func (l *Ledger[N]) refused(tx *Transaction[N], v *verdict[N]) string {
	q := tx.Amount
	switch v.refusal {
	case noShorting:
		return fmt.Sprintf("selling %s %s exceeds the position of %s and shorting is disabled",
			q.Neg(), tx.Asset.Symbol, v.held)
	case noCash:
		return fmt.Sprintf("insufficient cash: buying %s %s at %s costs %s plus commission %s = %s, cash is %s",
			q, tx.Asset.Symbol, tx.Price, v.notional, tx.Commission, v.cost, l.cash)
	case noValue:
		return fmt.Sprintf("%s %s %s at %s would leave a portfolio value of %s",
			side(q), q.Abs(), tx.Asset.Symbol, tx.Price, v.value)
	}
	return fmt.Sprintf("%s %s %s at %s would raise the gross leverage to %s (gross exposure %s, portfolio value %s), above the maximum of %s",
		side(q), q.Abs(), tx.Asset.Symbol, tx.Price,
		strconv.FormatFloat(v.gross.Float64()/v.value.Float64(), 'f', 4, 64), v.gross, v.value, v.max)
}

// refusal is the account rule a fill breaks, if any.
type refusal uint8

const (
	accepted      refusal = iota
	noShorting            // a sale below zero without shorting
	noCash                // a purchase beyond the cash, in a cash account
	noValue               // a portfolio value of zero or less after the fill
	overLeveraged         // a gross leverage above the maximum after the fill
)

// verdict is what check decides, with the amounts a refusal names, the
// fill's notional (round8(tx.Amount, tx.Price)) when the fill is not
// refused for shorting, and, when valued, now: its position's value after
// it (round8(amount after, tx.Price)).
type verdict[N numeric.Number[N]] struct {
	refusal                            refusal
	valued                             bool
	held, notional, cost, value, gross N
	max, now                           N
}

// checkTx is Check's decision, concrete per backend.
//
//penny:specialize
func checkTx[N numeric.Number[N]](l *Ledger[N], tx Transaction[N]) verdict[N] {
	return check(l, &tx)
}

// check decides whether the account rules accept tx.
//
//penny:specialize
func check[N numeric.Number[N]](l *Ledger[N], tx *Transaction[N]) (v verdict[N]) {
	var a N
	if id := tx.Asset.ID; id >= 0 && id < len(l.positions) {
		a = l.positions[id].Amount
	}
	q := tx.Amount
	after := a.Add(q)
	if !l.account.Shorting && q.Sign() < 0 && after.Sign() < 0 {
		v.refusal, v.held = noShorting, a
		return v
	}
	increases := after.Abs().Cmp(a.Abs()) > 0
	margin := l.account.MaxLeverage.Sign() > 0
	notional := round8(tx.Amount, tx.Price)
	v.notional = notional
	if !margin && q.Sign() > 0 && increases {
		cost := notional.Add(tx.Commission)
		if cost.Cmp(l.cash) > 0 {
			v.refusal, v.cost = noCash, cost
			return v
		}
	}
	if !increases || (!margin && !l.account.Shorting) {
		return v
	}
	// Leverage after the fill, with the asset valued at the fill price,
	// from the running totals (Valuation).
	max := l.account.MaxLeverage
	if !margin {
		max = numeric.Int[N](1)
	}
	var old N
	if id := tx.Asset.ID; id >= 0 && id < len(l.positions) {
		old = l.positions[id].Value
	}
	now := round8(after, tx.Price)
	v.now, v.valued = now, true
	gross := l.long.Sub(l.short).Sub(old.Abs()).Add(now.Abs())
	value := l.cash.Add(l.recv).Sub(notional).Sub(tx.Commission).Add(l.long.Add(l.short)).Sub(old).Add(now)
	if value.Sign() <= 0 {
		v.refusal, v.value = noValue, value
		return v
	}
	if gross.Cmp(round8(max, value)) > 0 {
		v.refusal, v.gross, v.value, v.max = overLeveraged, gross, value, max
	}
	return v
}

func side[N numeric.Number[N]](q N) string {
	if q.Sign() < 0 {
		return "selling"
	}
	return "buying"
}
