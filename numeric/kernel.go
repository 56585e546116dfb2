package numeric

//go:generate go run github.com/pennybt/penny/internal/specialize/cmd/specialize

// Dot returns the sum of xs[i]*ys[i] over the shorter of the two slices:
// the value of positions (amounts times prices). Each product is rounded
// by the backend's Mul rule, then the products are added exactly (Fixed,
// Decimal up to 34 digits).
//
// Dot is a kernel written in the pattern described in the package
// documentation: one generic source, specialized per backend, dispatched
// once per call.
func Dot[N Number[N]](xs, ys []N) N { return dotFor[N]()(xs, ys) }

// dot is Dot's kernel.
//
//penny:specialize
func dot[N Number[N]](xs, ys []N) N {
	var s N
	n := min(len(xs), len(ys))
	for i := range n {
		s = s.Add(xs[i].Mul(ys[i]))
	}
	return s
}
