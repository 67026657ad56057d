package cli

import (
	"fmt"
	"sort"
	"strings"

	"baogao/extract"
	"baogao/index"
)

// groupOf names the group a report falls in for --by county|city|province,
// with its parent for context; "?" when the report's place is unknown.
func groupOf(by, county, city, province string) (key, label string) {
	switch by {
	case "county":
		if county == "" {
			return "?", "?"
		}
		if city != "" {
			return county + "\x00" + city, county + " (" + city + ")"
		}
		return county, county
	case "city":
		if city == "" {
			return "?", "?"
		}
		if province != "" && province != city {
			return city + "\x00" + province, city + " (" + province + ")"
		}
		return city, city
	default:
		return orUnknown(province), orUnknown(province)
	}
}

// aggregate combines the records of several reports for one cell:
// counts are summed, a rate is recomputed from summed counts when every
// report gives both, else it is the median of the rates. method says which.
func aggregate(rule *extract.Rule, recs []index.Record, all []index.Record) (v cmpValue, method string) {
	if len(recs) == 0 {
		return cmpValue{}, ""
	}
	// One value per report: its own (town-level) values, else its bodies'.
	byReport := map[string][]index.Record{}
	var order []string
	for _, r := range recs {
		if _, ok := byReport[r.Path]; !ok {
			order = append(order, r.Path)
		}
		byReport[r.Path] = append(byReport[r.Path], r)
	}
	// A report's own (town-level) values count; a report that gives only
	// bodies' figures (派出所 50, 司法所 129) counts with its largest one,
	// never their sum: the bodies' work overlaps.
	bodiesOnly := false
	pick := func(rs []index.Record) []index.Record {
		var own []index.Record
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
		return []index.Record{best}
	}
	withBodies := func(m string) string {
		if bodiesOnly {
			return m + ", a body's largest figure where a report gives no town total"
		}
		return m
	}
	if len(order) == 1 {
		// One report: its figure as written.
		rs := pick(byReport[order[0]])
		if len(rs) == 1 {
			return recordValue(rs[0]), withBodies("as written (one report)")
		}
	}
	qual := ""
	addQual := func(q string) {
		switch {
		case q == "" || q == qual:
		case qual == "":
			qual = q
		default:
			qual = extract.QualAbout
		}
	}
	units := map[string]int{}
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
		if complete && whole > 0 {
			val := part / whole * 100
			val = float64(int64(val*10+0.5)) / 10
			v = cmpValue{Value: val, Unit: "%", Derived: true}
			v.Text = formatValue(extract.Indicator{Value: val, Unit: "%", Derived: true})
			return v, withBodies("recomputed from summed counts")
		}
		sort.Float64s(rates)
		med := rates[len(rates)/2]
		if len(rates)%2 == 0 {
			med = (rates[len(rates)/2-1] + rates[len(rates)/2]) / 2
		}
		v = cmpValue{Value: med, Unit: "%"}
		v.Text = formatValue(extract.Indicator{Value: med, Unit: "%"}) + fmt.Sprintf(" (median of %d)", len(rates))
		return v, withBodies("median of the reports' rates")
	}
	var sum float64
	for _, p := range order {
		for _, r := range pick(byReport[p]) {
			sum += r.Value
			addQual(r.Qualifier)
			units[r.Unit]++
		}
	}
	unit, n := "", -1
	for u, c := range units {
		if c > n || c == n && u < unit {
			unit, n = u, c
		}
	}
	v = cmpValue{Value: sum, Unit: unit, Qualifier: qual}
	v.Text = formatValue(extract.Indicator{Value: sum, Unit: unit, Qualifier: qual})
	if len(order) > 1 {
		v.Text += fmt.Sprintf(" (%d reports)", len(order))
	}
	return v, withBodies("summed")
}

// onlyValue returns the value of indicator id that report path gives for
// subject, when it gives exactly one: two figures (调解成功 29 件, 成功调处
// 32 件) cannot tell which pairs with the rate.
func onlyValue(all []index.Record, path, id, subject string) (float64, bool) {
	var v float64
	n := 0
	for _, r := range all {
		if r.Path == path && r.ID == id && r.Subject == subject {
			v = r.Value
			n++
		}
	}
	return v, n == 1
}

// buildGrouped lays records out by county, city or province: one term gives
// a row per group and a column per year; several, a row per group and year
// and a column per term. parts are the records of the counts that rates
// are recomputed from.
func buildGrouped(cols []column, reports []index.ReportMeta, recs, parts []index.Record, by string) *cmpTable {
	single := len(cols) == 1
	t := &cmpTable{single: single}
	type cellKey struct {
		group string
		year  int
		col   int
	}
	labels := map[string]string{}
	cells := map[cellKey][]index.Record{}
	years := map[int]bool{}
	groupYears := map[string]map[int]bool{}
	note := func(key, label string, year int) {
		labels[key] = label
		if groupYears[key] == nil {
			groupYears[key] = map[int]bool{}
		}
		groupYears[key][year] = true
		years[year] = true
	}
	for _, rep := range reports {
		k, l := groupOf(by, rep.County, rep.City, rep.Province)
		note(k, l, rep.Year)
	}
	colOf := map[string]int{}
	for i, c := range cols {
		colOf[c.ID] = i
	}
	for _, r := range recs {
		k, l := groupOf(by, r.County, r.City, r.Province)
		note(k, l, r.Year)
		c, ok := colOf[r.ID]
		if !ok {
			continue
		}
		cells[cellKey{k, r.Year, c}] = append(cells[cellKey{k, r.Year, c}], r)
	}
	var groups []string
	for k := range labels {
		groups = append(groups, k)
	}
	sort.Strings(groups)
	var yearList []int
	for y := range years {
		yearList = append(yearList, y)
	}
	sort.Ints(yearList)
	methods := map[string]bool{}
	cell := func(k string, y, c int) []cmpValue {
		rs := cells[cellKey{k, y, c}]
		if len(rs) == 0 {
			return nil
		}
		v, m := aggregate(extract.DefaultCatalogue.Rule(cols[c].ID), rs, parts)
		methods[cols[c].Label+": "+m] = true
		t.derived = t.derived || v.Derived
		return []cmpValue{v}
	}
	if single {
		for _, y := range yearList {
			t.Columns = append(t.Columns, yearLabel(y))
		}
		for _, k := range groups {
			row := cmpRow{Label: labels[k], Cells: make([][]cmpValue, len(yearList))}
			for i, y := range yearList {
				row.Cells[i] = cell(k, y, 0)
			}
			t.Rows = append(t.Rows, row)
		}
	} else {
		for _, c := range cols {
			t.Columns = append(t.Columns, c.Label)
		}
		for _, k := range groups {
			for _, y := range yearList {
				if !groupYears[k][y] {
					continue
				}
				row := cmpRow{Label: labels[k] + " · " + yearLabel(y), Year: y, Cells: make([][]cmpValue, len(cols))}
				for c := range cols {
					row.Cells[c] = cell(k, y, c)
				}
				t.Rows = append(t.Rows, row)
			}
		}
	}
	var ms []string
	for m := range methods {
		ms = append(ms, m)
	}
	sort.Strings(ms)
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Label
	}
	t.Title = strings.Join(names, ", ") + " by " + by
	t.name = t.Title
	if len(ms) > 0 {
		t.Title += " — " + strings.Join(ms, "; ")
	}
	t.Stats = compareStats(t)
	return t
}
