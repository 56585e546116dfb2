package dataportal

import (
	"unsafe"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

// RowBytes returns the bytes one row of a portal's data holds in backend
// N: the row of its series' columns (a stamp and the five fields, as
// sized by the types of market.Series) and the portal's index of the row
// on the clock. A Decimal too large for its inline form (more than about
// 16 significant digits) holds a big number besides, not counted.
func RowBytes[N numeric.Number[N]]() int64 {
	var p Portal[N]
	s := &p.series
	return int64(unsafe.Sizeof((*s)[0].Time[0]) +
		unsafe.Sizeof((*s)[0].Open[0]) + unsafe.Sizeof((*s)[0].High[0]) + unsafe.Sizeof((*s)[0].Low[0]) +
		unsafe.Sizeof((*s)[0].Close[0]) + unsafe.Sizeof((*s)[0].Volume[0]) +
		unsafe.Sizeof(p.rowBar[0][0]))
}

// AssetBytes returns the bytes one asset of a portal's data holds in
// backend N besides its rows: its series in the dataset and in the portal
// (a trimmed view), its asset, and the portal's per-asset columns and
// cursor. The asset's strings (symbol, tick and lot sizes) are not
// counted.
func AssetBytes[N numeric.Number[N]]() int64 {
	var p Portal[N]
	var ds market.Dataset[N]
	return int64(unsafe.Sizeof(ds.Series[0]) + unsafe.Sizeof(p.series[0]) + unsafe.Sizeof(p.assets[0]) +
		uintptr(len(p.cols))*unsafe.Sizeof(p.cols[0][0]) + unsafe.Sizeof(p.rowBar[0]) +
		unsafe.Sizeof(p.seen[0]) + unsafe.Sizeof(p.next[0]) + unsafe.Sizeof(p.cur[0]) + unsafe.Sizeof(p.adj[0]) + unsafe.Sizeof(p.zeroVol[0]))
}
