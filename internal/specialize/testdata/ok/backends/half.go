package backends

import num "github.com/pennybt/penny/numeric"

// Half halves each of xs in place, through the copy for N.
//
//penny:specialize
func Half[N num.Number[N]](xs []N) {
	for i, x := range xs {
		xs[i] = x.DivInt(2)
	}
}

// halfText halves the numbers written in xs on backend N.
//
//penny:specialize
//penny:backends
func halfText[N num.Number[N]](xs []string) []string {
	v := make([]N, len(xs))
	for i, s := range xs {
		v[i] = num.MustParse[N](s)
	}
	Half(v)
	out := make([]string, len(v))
	for i, x := range v {
		out[i] = x.String()
	}
	return out
}
