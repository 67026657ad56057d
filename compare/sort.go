package compare

import (
	"cmp"
	"slices"
)

// sortRows orders rows: by division code (the statistical order of
// provinces, cities, counties and towns; rows of unplaced towns last),
// then by name, county, year and body; or, by value, by the row's latest
// value, largest first, with rows without a value last in division order.
func sortRows(rows []Row, by Sort) {
	// Sorting positions and moving each row once is much faster than
	// moving rows about while sorting; rows that compare equal keep their
	// order.
	order := make([]int32, len(rows))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(i, j int32) int {
		a, b := &rows[i], &rows[j]
		if by == ByValue {
			va, oka := latest(a)
			vb, okb := latest(b)
			if oka != okb {
				if oka {
					return -1
				}
				return 1
			}
			if c := cmp.Compare(vb, va); c != 0 {
				return c
			}
		}
		if c := placeOrder(a, b); c != 0 {
			return c
		}
		return cmp.Compare(i, j)
	})
	sorted := make([]Row, len(rows))
	for i, k := range order {
		sorted[i] = rows[k]
	}
	copy(rows, sorted)
}

// placeOrder compares rows by division code, then name.
func placeOrder(a, b *Row) int {
	if (a.Code == "") != (b.Code == "") {
		if a.Code == "" {
			return 1
		}
		return -1
	}
	if c := cmp.Compare(a.Code, b.Code); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Group, b.Group); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Town, b.Town); c != 0 {
		return c
	}
	if c := cmp.Compare(a.County, b.County); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Year, b.Year); c != 0 {
		return c
	}
	return cmp.Compare(a.Subject, b.Subject)
}

// latest returns the first value of a row's last cell with a value.
func latest(r *Row) (float64, bool) {
	for i := len(r.Cells) - 1; i >= 0; i-- {
		if len(r.Cells[i]) > 0 {
			return r.Cells[i][0].Value, true
		}
	}
	return 0, false
}
