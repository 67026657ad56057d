package render

import "baogao/compare"

// ValueText writes one value of a comparison as every table shows it:
// ≥4000 份, 100%*, 12 件 (计划), 96.8% (median of 3).
func ValueText(v compare.Value) string { return valueText(v) }

// CellText writes a cell as the CSV form writes it: its values joined by
// " / ", or — when it is empty.
func CellText(c []compare.Value) string { return cellText(c, false) }

// Footer is what stands under a comparison in every format: the legends
// of its marks (derived, ad hoc), a line of statistics per column, and how
// groups were combined.
func Footer(t *compare.Table) []string { return footer(t) }
