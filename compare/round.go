package compare

import (
	"math"
	"strconv"
	"strings"
)

// maxDecimals bounds the precision decimals reports: a figure is never
// written with more.
const maxDecimals = 6

// decimals returns the most decimals any of vals is written with: 96.7
// has one, 98 none.
func decimals(vals ...float64) int {
	d := 0
	for _, v := range vals {
		s := strconv.FormatFloat(v, 'f', -1, 64)
		if i := strings.IndexByte(s, '.'); i >= 0 {
			d = max(d, len(s)-i-1)
		}
	}
	return min(d, maxDecimals)
}

// roundTo rounds v to d decimals, halves away from zero, so that a figure
// computed from others is written with their precision (96.8, not
// 96.80000000000001).
func roundTo(v float64, d int) float64 {
	p := math.Pow10(d)
	r := math.Round(v*p) / p
	// Parsing the shortest form gives the float nearest the decimal.
	if f, err := strconv.ParseFloat(strconv.FormatFloat(r, 'f', d, 64), 64); err == nil {
		return f
	}
	return r
}
