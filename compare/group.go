package compare

import (
	"slices"
	"sort"
	"strings"

	"baogao/extract"
)

// Group is the county, city or province a report falls in.
type Group struct {
	Key   string // tells groups of the same name apart
	Label string // 同心县 (吴忠市); "?" when the place is unknown
	Code  string // the division code's prefix for the level; "" when unknown
}

// codeDigits is how many digits of a town's division code name its
// county, city and province.
var codeDigits = map[By]int{ByCounty: 6, ByCity: 4, ByProvince: 2}

// GroupOf names the group report s falls in for by, with its parent for
// context: two counties of one name in different cities are two groups.
func GroupOf(by By, s extract.Source) Group {
	g := Group{Key: "?", Label: "?"}
	switch by {
	case ByCounty:
		if s.County == "" {
			return g
		}
		g.Key, g.Label = s.County, s.County
		if s.City != "" {
			g.Key, g.Label = s.County+"\x00"+s.City, s.County+" ("+s.City+")"
		}
	case ByCity:
		if s.City == "" {
			return g
		}
		g.Key, g.Label = s.City, s.City
		if s.Province != "" && s.Province != s.City {
			g.Key, g.Label = s.City+"\x00"+s.Province, s.City+" ("+s.Province+")"
		}
	default:
		if s.Province == "" {
			return g
		}
		g.Key, g.Label = s.Province, s.Province
	}
	if n := codeDigits[by]; len(s.Code) >= n {
		g.Code = s.Code[:n]
	}
	return g
}

// buildGrouped lays records out by county, city or province: one column
// gives a row per group and a column per year; several, a row per group
// and year and a column per term.
func buildGrouped(t *Table, cols []Column, reports []extract.Source, recs []extract.Record, opt Options) {
	type cellKey struct {
		group string
		year  int
		col   int
	}
	groups := map[string]Group{}
	cells := map[cellKey][]extract.Record{}
	groupYears := map[string]map[int]bool{}
	note := func(s extract.Source) string {
		g := GroupOf(opt.By, s)
		if old, ok := groups[g.Key]; ok && (g.Code == "" || old.Code != "" && old.Code <= g.Code) {
			g.Code = old.Code
		}
		groups[g.Key] = g
		if groupYears[g.Key] == nil {
			groupYears[g.Key] = map[int]bool{}
		}
		groupYears[g.Key][s.Year] = true
		return g.Key
	}
	for _, s := range reports {
		note(s)
	}
	colOf := map[string]int{}
	for i, c := range cols {
		colOf[c.ID] = i
	}
	for _, r := range recs {
		k := note(r.Source)
		if c, ok := colOf[r.ID]; ok {
			key := cellKey{k, r.Year, c}
			cells[key] = append(cells[key], r)
		}
	}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range groups {
			if !yield(k) {
				return
			}
		}
	})
	yearList := years(reports, recs)
	methods := map[string]bool{}
	byPath := map[string][]extract.Record{} // where a rate's counts are looked up
	for _, r := range recs {
		byPath[r.Path] = append(byPath[r.Path], r)
	}
	cell := func(k string, y, c int) []Value {
		rs := cells[cellKey{k, y, c}]
		if len(rs) == 0 {
			return nil
		}
		v, m := aggregate(opt.catalogue().Rule(cols[c].ID), rs, byPath)
		methods[cols[c].Label+": "+m] = true
		t.Derived = t.Derived || v.Derived
		return []Value{v}
	}
	newRow := func(k string, year int) Row {
		g := groups[k]
		label := g.Label
		if !t.YearColumns {
			label += " · " + extract.YearLabel(year)
		}
		return Row{Label: label, Group: g.Label, Code: g.Code, Year: year}
	}
	if t.YearColumns {
		for _, y := range yearList {
			t.Columns = append(t.Columns, extract.YearLabel(y))
		}
		t.Years = yearList
		for _, k := range keys {
			row := newRow(k, 0)
			row.Cells = make([][]Value, len(yearList))
			for i, y := range yearList {
				row.Cells[i] = cell(k, y, 0)
			}
			t.Rows = append(t.Rows, row)
		}
	} else {
		for _, c := range cols {
			t.Columns = append(t.Columns, c.Label)
		}
		for _, k := range keys {
			for _, y := range yearList {
				if !groupYears[k][y] {
					continue
				}
				row := newRow(k, y)
				row.Cells = make([][]Value, len(cols))
				for c := range cols {
					row.Cells[c] = cell(k, y, c)
				}
				t.Rows = append(t.Rows, row)
			}
		}
	}
	t.Methods = slices.Sorted(func(yield func(string) bool) {
		for m := range methods {
			if !yield(m) {
				return
			}
		}
	})
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Label
	}
	t.Name = strings.Join(names, ", ") + " by " + string(opt.By)
}

// The ways aggregate combines a cell's records, as Table.Methods says them.
const (
	methodOne       = "as written (one report)"
	methodSum       = "summed"
	methodRecompute = "recomputed from summed counts"
	methodMedian    = "median of the reports' rates"
	methodBodies    = ", a body's largest figure where a report gives no town total"
)

// aggregate combines the records of several reports for one cell: counts
// are summed, a rate is recomputed from the summed counts when every
// report gives exactly one rate and exactly one of each count, else it is
// the median of the rates. A report counts with its own (town) figures;
// one that gives only its bodies' figures (派出所 50, 司法所 129) counts with
// the largest of them, never their sum: the bodies' work overlaps.
// Results are rounded to the precision of what they combine. all holds,
// by report, every record the counts of a rate may come from. method says
// what was done.
func aggregate(rule *extract.Rule, recs []extract.Record, all map[string][]extract.Record) (v Value, method string) {
	if len(recs) == 0 {
		return Value{}, ""
	}
	byReport := map[string][]extract.Record{}
	var order []string
	for _, r := range recs {
		if _, ok := byReport[r.Path]; !ok {
			order = append(order, r.Path)
		}
		byReport[r.Path] = append(byReport[r.Path], r)
	}
	bodiesOnly := false
	pick := func(rs []extract.Record) []extract.Record {
		var own []extract.Record
		for _, r := range rs {
			if r.Subject == "" {
				own = append(own, r)
			}
		}
		if len(own) > 0 {
			return own
		}
		bodiesOnly = true
		best := rs[0]
		for _, r := range rs[1:] {
			if r.Value > best.Value {
				best = r
			}
		}
		return []extract.Record{best}
	}
	withBodies := func(m string) string {
		if bodiesOnly {
			return m + methodBodies
		}
		return m
	}
	if len(order) == 1 {
		if rs := pick(byReport[order[0]]); len(rs) == 1 {
			return Value{Record: &rs[0]}, withBodies(methodOne)
		}
	}
	group := extract.Indicator{ID: recs[0].ID, Label: recs[0].Label}
	if rule != nil && rule.Kind == extract.KindRate && rule.Ratio != nil {
		var part, whole float64
		complete := true
		var rates []float64
		for _, p := range order {
			rs := pick(byReport[p])
			for _, r := range rs {
				rates = append(rates, r.Value)
			}
			pv, pok := onlyValue(all, p, rule.Ratio.Part, rs[0].Subject)
			wv, wok := onlyValue(all, p, rule.Ratio.Whole, rs[0].Subject)
			if !pok || !wok || wv == 0 || len(rs) != 1 {
				complete = false
				continue
			}
			part += pv
			whole += wv
		}
		group.Unit = "%"
		if complete && whole > 0 {
			group.Value, group.Derived = roundTo(part/whole*100, decimals(rates...)), true
			return Value{Record: &extract.Record{Indicator: group}}, withBodies(methodRecompute)
		}
		group.Value = roundTo(median(rates), decimals(rates...))
		return Value{Record: &extract.Record{Indicator: group}, Median: len(rates)}, withBodies(methodMedian)
	}
	var sum float64
	var summed []float64
	units := map[string]int{}
	for _, p := range order {
		for _, r := range pick(byReport[p]) {
			sum += r.Value
			summed = append(summed, r.Value)
			group.Qualifier = combineQualifiers(group.Qualifier, r.Qualifier)
			units[r.Unit]++
		}
	}
	group.Unit = mostCommon(units)
	group.Value = roundTo(sum, decimals(summed...))
	v = Value{Record: &extract.Record{Indicator: group}}
	if len(order) > 1 {
		v.Reports = len(order)
	}
	return v, withBodies(methodSum)
}

// combineQualifiers is the qualifier of a sum: a qualified value makes the
// sum qualified, and values qualified differently make it approximate.
func combineQualifiers(sum, q string) string {
	switch {
	case q == "" || q == sum:
		return sum
	case sum == "":
		return q
	}
	return extract.QualAbout
}

// onlyValue returns the value of indicator id that report path gives for
// subject, when it gives exactly one: two figures (调解成功 29 件, 成功调处
// 32 件) cannot tell which pairs with the rate.
func onlyValue(all map[string][]extract.Record, path, id, subject string) (float64, bool) {
	var v float64
	n := 0
	for _, r := range all[path] {
		if r.ID == id && r.Subject == subject {
			v = r.Value
			n++
		}
	}
	return v, n == 1
}

// median returns the median of vals, the mean of the middle two when they
// are even in number.
func median(vals []float64) float64 {
	s := slices.Clone(vals)
	sort.Float64s(s)
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return m
}
