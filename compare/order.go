package compare

import (
	"cmp"
	"slices"
)

// OrderBy orders a table's rows by the values of one column, as a
// reviewer does who clicks its header: by the first value of each cell,
// smallest first (largest first with desc); rows without a value there
// come last, in the order they had. The statistics do not change.
func OrderBy(t *Table, col int, desc bool) {
	if col < 0 || col >= len(t.Columns) {
		return
	}
	slices.SortStableFunc(t.Rows, func(a, b Row) int {
		ca, cb := a.Cells[col], b.Cells[col]
		if (len(ca) == 0) != (len(cb) == 0) {
			if len(ca) == 0 {
				return 1
			}
			return -1
		}
		if len(ca) == 0 {
			return 0
		}
		c := cmp.Compare(ca[0].Value, cb[0].Value)
		if desc {
			c = -c
		}
		return c
	})
}
