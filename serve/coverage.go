package serve

import (
	"slices"

	"baogao/check"
	"baogao/extract"
	"baogao/index"
)

// coverage is the corpus's coverage matrix folded by year: for each
// indicator of the catalogue and each year, how many reports state it
// (check's marks: reported, stated as zero, absent).
type coverage struct {
	Years []int          `json:"years"`
	Rows  []coverageLine `json:"indicators"`
}

// coverageLine is one indicator's line of the matrix.
type coverageLine struct {
	ID    string         `json:"id"`
	Label string         `json:"label"`
	Cells []coverageCell `json:"cells"` // one per year
}

// coverageCell counts one indicator's marks among one year's reports.
type coverageCell struct {
	Reports  int `json:"reports"`
	Reported int `json:"reported"`
	Zero     int `json:"zero"`
}

// Percent is the share of the reports that state a value above zero.
func (c coverageCell) Percent() int {
	if c.Reports == 0 {
		return 0
	}
	return (c.Reported*100 + c.Reports/2) / c.Reports
}

// coverage computes the matrix once for the state, from the record
// table: every report's records give its marks as check gives them.
func (st *state) coverage(ix *index.Index) (*coverage, error) {
	st.coverOnce.Do(func() {
		cat, err := ix.Catalogue()
		if err != nil {
			st.coverErr = err
			return
		}
		recs, err := ix.Records(extract.Filter{})
		if err != nil {
			st.coverErr = err
			return
		}
		st.cover = foldCoverage(st.reports, recs, cat)
	})
	return st.cover, st.coverErr
}

// foldCoverage counts the marks of recs, each report's records together,
// by indicator of cat and year.
func foldCoverage(reports []extract.Source, recs []extract.Record, cat *extract.Catalogue) *coverage {
	rowOf := map[string]int{}
	for i, r := range cat.Rules {
		rowOf[r.ID] = i
	}
	years := map[int]bool{}
	for _, r := range reports {
		years[r.Year] = true
	}
	cov := &coverage{}
	for y := range years {
		cov.Years = append(cov.Years, y)
	}
	slices.Sort(cov.Years)
	colOf := map[int]int{}
	for i, y := range cov.Years {
		colOf[y] = i
	}
	for _, r := range cat.Rules {
		cov.Rows = append(cov.Rows, coverageLine{ID: r.ID, Label: r.Label, Cells: make([]coverageCell, len(cov.Years))})
	}
	for _, r := range reports {
		for k := range cov.Rows {
			cov.Rows[k].Cells[colOf[r.Year]].Reports++
		}
	}
	// Records come grouped by report; marks[k] is the current report's
	// mark for indicator k.
	marks := make([]string, len(cat.Rules))
	flush := func(year int) {
		for k, m := range marks {
			c := &cov.Rows[k].Cells[colOf[year]]
			switch m {
			case "reported":
				c.Reported++
			case "zero":
				c.Zero++
			}
			marks[k] = "absent"
		}
	}
	for k := range marks {
		marks[k] = "absent"
	}
	for i := range recs {
		r := &recs[i]
		if i > 0 && recs[i-1].Path != r.Path {
			flush(recs[i-1].Year)
		}
		if k, ok := rowOf[r.ID]; ok {
			marks[k] = check.Mark(marks[k], &r.Indicator)
		}
	}
	if len(recs) > 0 {
		flush(recs[len(recs)-1].Year)
	}
	return cov
}
