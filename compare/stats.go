package compare

import "slices"

// Stat sums up the values of a column (or, with years as columns, of the
// whole table): how many rows have one, and the least, median and largest
// of those in the unit most of them are in.
type Stat struct {
	Name     string
	Rows     int // rows of the table
	RowsWith int // rows with a value here
	Unit     string
	Values   int // values in Unit; 0 when there is none at all
	Min      float64
	Median   float64 // of two middle values, their mean to two decimals
	Max      float64
	// Qualified counts the values in Unit with a qualifier (≥ ~ ≤), which
	// count as written.
	Qualified int
	// Other counts the values left out for being in another unit.
	Other int
}

// stats computes the statistics of a table: one for the whole table when
// the columns are years, else one per column.
func stats(t *Table) []Stat {
	if t.YearColumns {
		var vals []Value
		with := 0
		for _, r := range t.Rows {
			if !r.IsEmpty() {
				with++
			}
			for _, c := range r.Cells {
				vals = append(vals, c...)
			}
		}
		return []Stat{summarise(t.Name, vals, with, len(t.Rows))}
	}
	out := make([]Stat, len(t.Columns))
	for i, name := range t.Columns {
		var vals []Value
		with := 0
		for _, r := range t.Rows {
			if len(r.Cells[i]) > 0 {
				with++
			}
			vals = append(vals, r.Cells[i]...)
		}
		out[i] = summarise(name, vals, with, len(t.Rows))
	}
	return out
}

// summarise computes one Stat.
func summarise(name string, vals []Value, with, rows int) Stat {
	s := Stat{Name: name, Rows: rows, RowsWith: with}
	if len(vals) == 0 {
		return s
	}
	s.Unit = commonUnit(vals)
	var nums []float64
	for _, v := range vals {
		if v.Unit != s.Unit {
			s.Other++
			continue
		}
		nums = append(nums, v.Value)
		if v.Qualifier != "" {
			s.Qualified++
		}
	}
	slices.Sort(nums)
	s.Values = len(nums)
	s.Min, s.Max = nums[0], nums[len(nums)-1]
	s.Median = roundTo(median(nums), 2)
	return s
}
