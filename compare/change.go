package compare

import (
	"math"
	"slices"
	"strings"

	"baogao/extract"
)

// Change is how a value differs from the same row's value a year before.
type Change struct {
	FromYear int     // the year compared with
	From     float64 // its value
	Abs      float64 // value − From, in the value's unit (points for a rate)
	// Pct is Abs as a percentage of From, rounded to a tenth; NaN when
	// From is 0.
	Pct float64
	// Approx is set when either value is qualified (≥, ~, ≤): the change
	// is only as exact as they are.
	Approx bool
}

// HasPct reports whether the change has a percentage (From is not 0).
func (c Change) HasPct() bool { return !math.IsNaN(c.Pct) }

// addChanges sets the Change of every value that has one value of the
// same unit a year before in the same row (a table of years), or in the
// row of the same town or group, body and year before (a review sheet).
func addChanges(t *Table) {
	if t.YearColumns {
		for _, r := range t.Rows {
			for i := 1; i < len(r.Cells); i++ {
				if t.Years[i-1] == t.Years[i]-1 {
					setChange(r.Cells[i], r.Cells[i-1], t.Years[i-1])
				}
			}
		}
		return
	}
	byKey := make(map[string]int, len(t.Rows))
	for i, r := range t.Rows {
		byKey[rowKey(r, r.Year)] = i
	}
	for _, r := range t.Rows {
		if r.Year == 0 {
			continue
		}
		p, ok := byKey[rowKey(r, r.Year-1)]
		if !ok {
			continue
		}
		for c := range r.Cells {
			setChange(r.Cells[c], t.Rows[p].Cells[c], r.Year-1)
		}
	}
}

// rowKey names a row's town or group and body in a given year.
func rowKey(r Row, year int) string {
	return strings.Join([]string{r.Town, r.County, r.Group, r.Subject, extract.YearLabel(year)}, "\x00")
}

// setChange sets the change of the one value of cell from the one value
// of prev, when both have exactly one and their units agree.
func setChange(cell, prev []Value, prevYear int) {
	if len(cell) != 1 || len(prev) != 1 || cell[0].Unit != prev[0].Unit {
		return
	}
	v, p := cell[0], prev[0]
	c := &Change{FromYear: prevYear, From: p.Value, Abs: roundTo(v.Value-p.Value, decimals(v.Value, p.Value)), Pct: math.NaN(),
		Approx: v.Qualifier != "" || p.Qualifier != ""}
	if p.Value != 0 {
		c.Pct = math.Round((v.Value-p.Value)/p.Value*1000) / 10
	}
	cell[0].Change = c
}

// addRanks ranks, for each column and year, the values of one unit (the
// column's): a value's rank is one more than the number of larger values,
// so equal values share a rank. A town's own figures are ranked among the
// towns' (a body's are not ranked: they count something else), a group's
// among the groups'; within sets the group (county, city, province) whose
// towns are ranked among themselves.
func addRanks(t *Table, within By) {
	type slot struct{ row, col int }
	pools := map[string][]slot{}
	for ri, r := range t.Rows {
		if r.Subject != "" {
			continue
		}
		for ci, cell := range r.Cells {
			if len(cell) != 1 || cell[0].Unit != t.Units[ci] {
				continue
			}
			// A table of years ranks each year's column; a review sheet
			// each column within each year.
			key := extract.YearLabel(r.Year) + "\x00" + t.Columns[ci]
			if t.YearColumns {
				key = t.Columns[ci]
			}
			key += "\x00" + groupOf(r, within)
			pools[key] = append(pools[key], slot{ri, ci})
		}
	}
	for _, pool := range pools {
		vals := make([]float64, len(pool))
		for i, s := range pool {
			vals[i] = t.Rows[s.row].Cells[s.col][0].Value
		}
		sorted := slices.Clone(vals)
		slices.Sort(sorted)
		for i, s := range pool {
			// One more than the values above it: equal values share a
			// rank.
			v := &t.Rows[s.row].Cells[s.col][0]
			v.Rank, v.RankOf = len(sorted)-upperBound(sorted, vals[i])+1, len(pool)
		}
	}
}

// upperBound returns the index of the first value of sorted above v.
func upperBound(sorted []float64, v float64) int {
	i, _ := slices.BinarySearchFunc(sorted, v, func(e, t float64) int {
		if e <= t {
			return -1
		}
		return 1
	})
	return i
}

// groupOf names the group a row is ranked within: its county, city or
// province, or "" for the whole table.
func groupOf(r Row, within By) string {
	switch within {
	case ByCounty:
		return r.County
	case ByCity, ByProvince:
		// Rows carry their county and code; a code's prefix names the
		// city (4 digits) and province (2).
		n := 4
		if within == ByProvince {
			n = 2
		}
		if len(r.Code) >= n {
			return r.Code[:n]
		}
		return ""
	}
	return ""
}
