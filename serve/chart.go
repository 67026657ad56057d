package serve

import (
	"encoding/json"
	"slices"
	"strconv"

	"baogao/compare"
	"baogao/extract"
	"baogao/render"
)

// maxLines is how many towns a line chart draws unless the URL names
// them: more lines than this are a tangle.
const maxLines = 8

// chartView is the chart of a comparison: bars across the rows for one
// year, or lines over the years for chosen rows, of one column.
type chartView struct {
	Kind    string     // "bar" or "line"
	Title   string     // the column drawn
	Unit    string     // the unit drawn; values in other units are left out
	Spec    string     // the chart as JSON, for the page's script
	Points  int        // values drawn
	Other   int        // values left out for their unit
	Years   []linkView // bar charts of the other years
	Columns []linkView // charts of the other columns of a review sheet
	Bar     string     // link to the bar chart
	Line    string     // link to the line chart
	Shown   []string   // the rows drawn as lines
}

// linkView is a link with its label; Current marks the one shown.
type linkView struct {
	Label, Href string
	Current     bool
}

// chartSpec is what the page's script draws (assets/app.js).
type chartSpec struct {
	Kind       string   `json:"kind"`
	Title      string   `json:"title"`
	Unit       string   `json:"unit"`
	Categories []string `json:"categories"` // bars: rows; lines: years
	// A bar chart has one series; a line chart one per row.
	Series []seriesSpec `json:"series"`
}

// seriesSpec is one series: values (null for none), the text of each as
// the table writes it, and the link to its sentence.
type seriesSpec struct {
	Name   string     `json:"name"`
	Values []*float64 `json:"values"`
	Texts  []string   `json:"texts"`
	Links  []string   `json:"links"`
}

// point is one value of the column drawn.
type point struct {
	series string // the row without its year
	year   string
	value  float64
	text   string
	href   string
}

// chartOf draws column plot of a comparison (the URL's plot, default the
// first) as the URL asks: chart=bar (default) at=YEAR, or chart=line
// with show=ROW repeated.
func chartOf(rq *request, t *compare.Table) *chartView {
	plot := 0
	if !t.YearColumns {
		if p, err := strconv.Atoi(rq.q.Get("plot")); err == nil && p >= 0 && p < len(t.Columns) {
			plot = p
		}
	}
	unit := ""
	if len(t.Units) > 0 {
		unit = t.Units[plot]
	}
	title := t.Name
	if !t.YearColumns {
		title = t.Columns[plot]
	}
	cv := &chartView{Kind: "bar", Title: title, Unit: unit}
	if rq.q.Get("chart") == "line" {
		cv.Kind = "line"
	}
	var pts []point
	var series, years []string
	seenSeries, seenYear := map[string]bool{}, map[string]bool{}
	for _, r := range t.Rows {
		for k, c := range r.Cells {
			if len(c) == 0 || !t.YearColumns && k != plot {
				continue
			}
			v := c[0]
			if v.Unit != unit {
				cv.Other++
				continue
			}
			p := point{series: r.Label, value: v.Value, text: render.ValueText(v), href: rq.valueHref(v)}
			if t.YearColumns {
				p.year = t.Columns[k]
			} else {
				p.series, p.year = seriesLabel(r), extract.YearLabel(r.Year)
			}
			if !seenSeries[p.series] {
				seenSeries[p.series] = true
				series = append(series, p.series)
			}
			if !seenYear[p.year] {
				seenYear[p.year] = true
				years = append(years, p.year)
			}
			pts = append(pts, p)
		}
	}
	slices.Sort(years)
	base := with(with(rq.q, "chart"), "show")
	cv.Bar = link("/compare", base)
	cv.Line = link("/compare", with(base, "chart", "line"))
	if !t.YearColumns {
		for i, c := range t.Columns {
			cv.Columns = append(cv.Columns, linkView{Label: c, Href: link("/compare", with(rq.q, "plot", strconv.Itoa(i))), Current: i == plot})
		}
	}
	spec := chartSpec{Kind: cv.Kind, Title: title, Unit: unit}
	if cv.Kind == "bar" {
		// Without at, or with at=latest, each row's latest value: reports
		// of one corpus rarely share a year.
		at := rq.q.Get("at")
		if !seenYear[at] {
			at = latestYear
		}
		cv.Years = append(cv.Years, linkView{Label: "latest", Href: link("/compare", with(with(rq.q, "chart"), "at")), Current: at == latestYear})
		for _, y := range years {
			cv.Years = append(cv.Years, linkView{Label: y, Href: link("/compare", with(with(rq.q, "chart"), "at", y)), Current: y == at})
		}
		s := seriesSpec{Name: at}
		barOf := map[string]int{}     // a row's bar
		yearOfBar := map[int]string{} // the year of the value a bar shows
		for _, p := range pts {
			if at != latestYear && p.year != at {
				continue
			}
			k, seen := barOf[p.series]
			if !seen {
				k = len(s.Values)
				barOf[p.series] = k
				spec.Categories = append(spec.Categories, p.series)
				s.Values, s.Texts, s.Links = append(s.Values, nil), append(s.Texts, ""), append(s.Links, "")
			} else if at != latestYear || p.year <= yearOfBar[k] {
				continue // the row's first value of the year, or its latest
			}
			val := p.value
			yearOfBar[k] = p.year
			s.Values[k], s.Links[k], s.Texts[k] = &val, p.href, p.year+": "+p.text
		}
		spec.Title = title + " · " + at
		if at == latestYear {
			spec.Title = title + " · the latest value of each row"
		}
		spec.Series = []seriesSpec{s}
		cv.Points = len(s.Values)
	} else {
		shown := values(rq.q, "show")
		if len(shown) == 0 {
			shown = busiestSeries(pts, series, maxLines)
		}
		shown = slices.DeleteFunc(shown, func(s string) bool { return !seenSeries[s] })
		cv.Shown = shown
		spec.Categories = years
		yearAt := map[string]int{}
		for i, y := range years {
			yearAt[y] = i
		}
		for _, name := range shown {
			s := seriesSpec{Name: name, Values: make([]*float64, len(years)), Texts: make([]string, len(years)), Links: make([]string, len(years))}
			for _, p := range pts {
				if p.series != name || s.Values[yearAt[p.year]] != nil {
					continue
				}
				val := p.value
				i := yearAt[p.year]
				s.Values[i], s.Texts[i], s.Links[i] = &val, p.text, p.href
				cv.Points++
			}
			spec.Series = append(spec.Series, s)
		}
	}
	if b, err := json.Marshal(spec); err == nil {
		cv.Spec = string(b)
	}
	return cv
}

// seriesLabel names a review sheet's row without its year: 王团镇 (同心县)
// · 派出所, or the group.
func seriesLabel(r compare.Row) string {
	name := r.Town
	if r.Group != "" {
		name = r.Group
	} else if r.County != "" {
		name += " (" + r.County + ")"
	}
	if name == "" {
		name = "?"
	}
	if r.Subject != "" {
		name += " · " + r.Subject
	}
	return name
}

// latestYear is the bar chart of each row's latest value.
const latestYear = "latest"

// busiestSeries are the first limit rows, in table order, among those with
// the most years of values.
func busiestSeries(pts []point, series []string, limit int) []string {
	n := map[string]int{}
	most := 0
	for _, p := range pts {
		n[p.series]++
		most = max(most, n[p.series])
	}
	var out []string
	for want := most; want > 0 && len(out) < limit; want-- {
		for _, s := range series {
			if n[s] == want && len(out) < limit {
				out = append(out, s)
			}
		}
	}
	return out
}
