package serve

import (
	"cmp"
	"slices"

	"baogao/check"
	"baogao/extract"
)

// maxCounties is how many counties the corpus page lists by name.
const maxCounties = 12

// homeView is the corpus in one screen: how many reports, towns, years
// and counties; the coverage matrix; the findings by code.
type homeView struct {
	base
	Index    string         `json:"index"`
	Reports  int            `json:"reports"`
	Towns    int            `json:"towns"`
	Counties int            `json:"counties"`
	Years    []yearCount    `json:"years"`
	Top      []countyCount  `json:"top_counties"`
	Coverage *coverage      `json:"coverage"`
	Review   *reviewSummary `json:"review"`
}

// yearCount is how many reports a year has.
type yearCount struct {
	Year    string `json:"year"`
	Reports int    `json:"reports"`
	Href    string `json:"-"`
}

// countyCount is how many reports a county has.
type countyCount struct {
	County  string `json:"county"`
	Reports int    `json:"reports"`
	Href    string `json:"-"`
}

// reviewSummary is the corpus review's findings by code, or how far it
// has got.
type reviewSummary struct {
	Running bool         `json:"running"`
	Read    int          `json:"read"`
	Total   int          `json:"total"`
	Error   string       `json:"error,omitempty"`
	Codes   []codeCount  `json:"codes"`
	Bysev   []facetValue `json:"by_severity"`
}

// codeCount is how many findings of a code the corpus has.
type codeCount struct {
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Means    string `json:"means"`
	Count    int    `json:"count"`
	Href     string `json:"-"`
}

// home builds the corpus page.
func (s *Server) home(rq *request) (view, error) {
	st := rq.st
	v := &homeView{base: base{Title: "Corpus", Nav: "home"}, Index: rq.ix.Path(), Reports: len(st.reports), Years: []yearCount{}, Top: []countyCount{}}
	towns, counties, years := map[[2]string]bool{}, map[string]int{}, map[int]int{}
	for _, r := range st.reports {
		towns[[2]string{r.Town, r.County}] = true
		if r.County != "" {
			counties[r.County]++
		}
		years[r.Year]++
	}
	v.Towns, v.Counties = len(towns), len(counties)
	for _, y := range slices.Sorted(func(yield func(int) bool) {
		for y := range years {
			if !yield(y) {
				return
			}
		}
	}) {
		label := extract.YearLabel(y)
		yc := yearCount{Year: label, Reports: years[y]}
		if y != 0 {
			yc.Href = "/compare?term=调解成功率&years=" + label
		}
		v.Years = append(v.Years, yc)
	}
	for c, n := range counties {
		v.Top = append(v.Top, countyCount{County: c, Reports: n, Href: link("/compare", map[string][]string{"term": {"调解成功率"}, "county": {c}})})
	}
	slices.SortFunc(v.Top, func(a, b countyCount) int {
		if c := cmp.Compare(b.Reports, a.Reports); c != 0 {
			return c
		}
		return cmp.Compare(a.County, b.County)
	})
	v.Top = v.Top[:min(len(v.Top), maxCounties)]
	cov, err := st.coverage(rq.ix)
	if err != nil {
		return nil, err
	}
	v.Coverage = cov
	res, rv, done, err := rq.review()
	sum := &reviewSummary{Running: !done, Read: int(rv.read.Load()), Total: int(rv.total.Load()), Codes: []codeCount{}}
	switch {
	case done && err != nil:
		sum.Error = describe(err).Message
	case done:
		for _, c := range check.Codes {
			if n := res.ByCode[c.Code]; n > 0 {
				sum.Codes = append(sum.Codes, codeCount{Code: c.Code, Severity: string(c.Severity), Means: c.Means, Count: n, Href: "/check?code=" + c.Code})
			}
		}
		for _, sev := range []check.Severity{check.Error, check.Warning, check.Info} {
			sum.Bysev = append(sum.Bysev, facetValue{Value: string(sev), Count: res.BySeverity[sev], Href: "/check?severity=" + string(sev)})
		}
	}
	v.Review = sum
	return v, nil
}
