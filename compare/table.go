package compare

import (
	"slices"
	"strings"

	"baogao/extract"
)

// Table is a comparison, ready to print in any format.
type Table struct {
	// Name says what the table compares: a column's label, "review sheet",
	// or the columns and grouping of a grouped table.
	Name string
	// Columns are the years (one column, YearColumns) or the columns'
	// labels.
	Columns []string
	// Units are the unit most values of each column are in ("" when
	// none has a unit).
	Units       []string
	YearColumns bool
	// Years are the years of the columns when YearColumns.
	Years []int
	Rows  []Row
	Stats []Stat
	// Methods say, one per line, how each column's groups were combined.
	Methods []string
	// Notes are the values numbered for their evidence, in number order.
	Notes   []Value
	Derived bool     // some value is derived: computed from other figures
	AdHoc   []string // the ad-hoc terms among the columns
}

// Row is one row: a town (one column), a town's report (several), or a
// group; and a body when the values are not the town's own.
type Row struct {
	Label   string
	Town    string
	County  string
	Group   string // the group's name, for --by county, city or province
	Code    string // division code of the town, or the group's prefix of it; "" when unknown
	Year    int    // 0 when the columns are years
	Subject string
	Cells   [][]Value
}

// IsEmpty reports whether no cell of r has a value.
func (r Row) IsEmpty() bool {
	for _, c := range r.Cells {
		if len(c) > 0 {
			return false
		}
	}
	return true
}

// Value is one value in a cell: a record as its report wrote it, or, in a
// group, the figure its reports give together (with no Path). The record
// is shared with the records Build was given, which must not change.
type Value struct {
	*extract.Record
	Reports int // a group's figure summed over this many reports (2 or more)
	Median  int // a group's rate is the median of this many reports' rates
	Note    int // the number of its evidence note; 0 for none
	// Change is the change from the year before (Options.Change); nil
	// when that year has no value to compare with.
	Change *Change
	// Rank is the value's place among the values of its year and column,
	// 1 the largest, of RankOf values ranked (Options.Rank); 0 when the
	// value was not ranked.
	Rank, RankOf int
}

// Build lays records out. With one column, a row per town (or group) and
// a column per year; with several, a row per town's report (or group and
// year) and a column per term. Every report of reports has a row, with no
// value where it states nothing. recs may hold other indicators' records:
// a grouped rate is recomputed from its counts.
func Build(cols []Column, reports []extract.Source, recs []extract.Record, opt Options) *Table {
	if opt.Scope == "" {
		opt.Scope = Achievement
	}
	t := &Table{YearColumns: len(cols) == 1 && !opt.YearRows}
	for _, c := range cols {
		if c.AdHoc() {
			t.AdHoc = append(t.AdHoc, c.Term)
		}
	}
	if opt.By != "" && opt.By != ByTown {
		var kept []extract.Record
		for _, r := range recs {
			if opt.Scope.Keeps(r) {
				kept = append(kept, r)
			}
		}
		buildGrouped(t, cols, reports, kept, opt)
	} else {
		buildTowns(t, cols, reports, recs, opt)
	}
	sortRows(t.Rows, opt.Sort)
	t.Units = columnUnits(t, cols)
	t.Stats = stats(t)
	if opt.Change {
		addChanges(t)
	}
	if opt.Rank {
		addRanks(t, opt.RankWithin)
	}
	return t
}

// buildTowns lays out a row per town, or per town's report, of the
// records opt.Scope keeps.
func buildTowns(t *Table, cols []Column, reports []extract.Source, recs []extract.Record, opt Options) {
	colOf := map[string]int{}
	for i, c := range cols {
		colOf[c.RecordID()] = i
	}
	type rowKey struct {
		town, county, subject string
		year                  int
		path                  string
	}
	rows := map[rowKey]*Row{}
	var order []rowKey
	yearCol := map[int]int{}
	if t.YearColumns {
		for _, y := range years(reports, recs) {
			yearCol[y] = len(t.Columns)
			t.Columns = append(t.Columns, extract.YearLabel(y))
			t.Years = append(t.Years, y)
		}
		t.Name = cols[0].Label
	} else {
		for _, c := range cols {
			t.Columns = append(t.Columns, c.Label)
		}
		t.Name = "review sheet"
		if len(cols) == 1 {
			t.Name = cols[0].Label
		}
	}
	cells := cellSlab{n: len(reports) * len(t.Columns)}
	row := func(s extract.Source, subject string) *Row {
		k := rowKey{town: s.Town, county: s.County, subject: subject}
		if !t.YearColumns {
			k.year, k.path = s.Year, s.Path
		}
		if r := rows[k]; r != nil {
			if s.Code != "" && (r.Code == "" || s.Code < r.Code) {
				r.Code = s.Code
			}
			return r
		}
		r := &Row{Label: townLabel(s, subject, !t.YearColumns), Town: s.Town, County: s.County, Code: s.Code, Subject: subject,
			Cells: cells.take(len(t.Columns))}
		if !t.YearColumns {
			r.Year = s.Year
		}
		rows[k] = r
		order = append(order, k)
		return r
	}
	for _, s := range reports {
		row(s, "")
	}
	// Most cells hold one value: they share one array.
	vals := make([]Value, 0, len(recs))
	for i := range recs {
		rec := &recs[i]
		c, ok := colOf[rec.ID]
		if !ok || !opt.Scope.Keeps(*rec) {
			continue
		}
		if t.YearColumns {
			c = yearCol[rec.Year]
		}
		r := row(rec.Source, rec.Subject)
		v := Value{Record: rec}
		t.Derived = t.Derived || v.Derived
		if opt.Evidence && v.Evidence != "" {
			t.Notes = append(t.Notes, v)
			v.Note = len(t.Notes)
			t.Notes[len(t.Notes)-1].Note = v.Note
		}
		if len(r.Cells[c]) == 0 {
			vals = append(vals, v)
			r.Cells[c] = vals[len(vals)-1 : len(vals) : len(vals)]
		} else {
			r.Cells[c] = append(r.Cells[c], v)
		}
	}
	t.Rows = make([]Row, 0, len(order))
	for _, k := range order {
		t.Rows = append(t.Rows, *rows[k])
	}
	t.Rows = dropShadowedEmpty(t.Rows)
}

// cellSlab hands out the cells of rows from large arrays, which is much
// faster than an array a row for tens of thousands of rows.
type cellSlab struct {
	free [][]Value
	n    int // the size of the next array
}

// take returns n empty cells.
func (s *cellSlab) take(n int) [][]Value {
	if len(s.free) < n {
		s.free = make([][]Value, max(s.n, n, 1024))
	}
	out := s.free[:n:n]
	s.free = s.free[n:]
	return out
}

// townLabel names a town's row: 王团镇 (同心县), with the year when rows are
// reports (王团镇 · 2024 (同心县)) and the body when it is not the town's own
// (· 派出所).
func townLabel(s extract.Source, subject string, withYear bool) string {
	label := orUnknown(s.Town)
	if withYear {
		label += " · " + extract.YearLabel(s.Year)
	}
	if s.County != "" {
		label += " (" + s.County + ")"
	}
	if subject != "" {
		label += " · " + subject
	}
	return label
}

// orUnknown shows an unknown name as "?".
func orUnknown(s string) string {
	if s == "" {
		return "?"
	}
	return s
}

// years lists the years of reports and records, in order.
func years(reports []extract.Source, recs []extract.Record) []int {
	seen := map[int]bool{}
	for _, s := range reports {
		seen[s.Year] = true
	}
	for _, r := range recs {
		seen[r.Year] = true
	}
	out := make([]int, 0, len(seen))
	for y := range seen {
		out = append(out, y)
	}
	slices.Sort(out)
	return out
}

// dropShadowedEmpty removes a town's empty row when a body's row of the
// same town (and year) has values: the report gives only its bodies'
// figures.
func dropShadowedEmpty(rows []Row) []Row {
	key := func(r Row) string { return strings.Join([]string{r.Town, r.County, extract.YearLabel(r.Year)}, "\x00") }
	has := map[string]bool{}
	for _, r := range rows {
		if r.Subject != "" && !r.IsEmpty() {
			has[key(r)] = true
		}
	}
	out := rows[:0]
	for _, r := range rows {
		if r.Subject == "" && r.IsEmpty() && has[key(r)] {
			continue
		}
		out = append(out, r)
	}
	return out
}

// columnUnits finds the unit most values of each column are in; with
// years as columns, that of the whole table.
func columnUnits(t *Table, cols []Column) []string {
	out := make([]string, len(t.Columns))
	if t.YearColumns {
		units := map[string]int{}
		for _, r := range t.Rows {
			for _, c := range r.Cells {
				countUnits(units, c)
			}
		}
		u := mostCommon(units)
		for i := range out {
			out[i] = u
		}
		return out
	}
	for i := range cols {
		units := map[string]int{}
		for _, r := range t.Rows {
			countUnits(units, r.Cells[i])
		}
		out[i] = mostCommon(units)
	}
	return out
}

// countUnits counts the units of vals.
func countUnits(units map[string]int, vals []Value) {
	for i := range vals {
		units[vals[i].Unit]++
	}
}

// commonUnit is the unit most of vals are in; a tie goes to the unit that
// sorts first.
func commonUnit(vals []Value) string {
	units := map[string]int{}
	countUnits(units, vals)
	return mostCommon(units)
}

// mostCommon returns the unit counted most often; a tie goes to the unit
// that sorts first.
func mostCommon(units map[string]int) string {
	unit, n := "", -1
	for u, c := range units {
		if c > n || c == n && u < unit {
			unit, n = u, c
		}
	}
	return unit
}
