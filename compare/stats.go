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
// the columns are years, else one per column. Each is in the unit its
// column's header names (Table.Units).
func stats(t *Table) []Stat {
	if t.YearColumns {
		s := Stat{Name: t.Name, Rows: len(t.Rows)}
		if len(t.Units) > 0 {
			s.Unit = t.Units[0]
		}
		var nums []float64
		for _, r := range t.Rows {
			if !r.IsEmpty() {
				s.RowsWith++
			}
			for _, c := range r.Cells {
				nums = s.add(nums, c)
			}
		}
		return []Stat{s.finish(nums)}
	}
	out := make([]Stat, len(t.Columns))
	for i, name := range t.Columns {
		s := Stat{Name: name, Rows: len(t.Rows), Unit: t.Units[i]}
		var nums []float64
		for _, r := range t.Rows {
			if len(r.Cells[i]) > 0 {
				s.RowsWith++
			}
			nums = s.add(nums, r.Cells[i])
		}
		out[i] = s.finish(nums)
	}
	return out
}

// add counts the values of a cell and appends those in the unit to nums.
func (s *Stat) add(nums []float64, vals []Value) []float64 {
	for i := range vals {
		v := &vals[i]
		if v.Unit != s.Unit {
			s.Other++
			continue
		}
		nums = append(nums, v.Value)
		if v.Qualifier != "" {
			s.Qualified++
		}
	}
	return nums
}

// finish computes the least, median and largest of nums.
func (s Stat) finish(nums []float64) Stat {
	if len(nums) == 0 {
		if s.Other == 0 {
			s.Unit = ""
		}
		return s
	}
	slices.Sort(nums)
	s.Values = len(nums)
	s.Min, s.Max = nums[0], nums[len(nums)-1]
	s.Median = roundTo(median(nums), 2)
	return s
}
