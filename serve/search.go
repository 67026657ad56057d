package serve

import (
	"cmp"
	"errors"
	"slices"
	"strconv"
	"strings"

	"baogao/extract"
	"baogao/index"
	"baogao/render"
)

// Search limits. Facets are counted over the best facetHits hits, which
// takes about 70 ms on a 10,000-report index; every hit more costs about
// 0.13 ms (its text is read to find the passage).
const (
	pageHits  = 20
	facetHits = 500
	// maxQuery bounds the words a query may hold.
	maxQuery = 500
)

// searchView is the search page: hits with their passages, and facets.
type searchView struct {
	base
	Query    string      `json:"query"`
	Towns    []string    `json:"-"`
	Counties []string    `json:"-"`
	Years    string      `json:"-"`
	Section  string      `json:"section,omitempty"`
	Empty    string      `json:"empty,omitempty"` // why nothing matches
	Total    int         `json:"total"`
	Counted  int         `json:"counted"` // hits the facets count
	Hits     []hitView   `json:"hits"`
	Facets   []facetView `json:"facets"`
	More     string      `json:"-"` // link to more hits
}

// hitView is one matching report with its passage.
type hitView struct {
	ID      string `json:"id"`
	Href    string `json:"href"`
	Town    string `json:"town"`
	County  string `json:"county"`
	Year    int    `json:"year"`
	Section string `json:"section"`
	Before  string `json:"before"`
	Match   string `json:"match"`
	After   string `json:"after"`
}

// facetView counts the hits by one field.
type facetView struct {
	Name   string       `json:"name"`
	Values []facetValue `json:"values"`
}

// facetValue is one value of a facet, with the link that filters by it.
type facetValue struct {
	Value   string `json:"value"`
	Count   int    `json:"count"`
	Href    string `json:"-"`
	Current bool   `json:"current,omitempty"`
}

// maxFacetValues is how many values of a facet are listed.
const maxFacetValues = 12

// search builds the search page.
func (s *Server) search(rq *request) (view, error) {
	v := &searchView{base: base{Title: "Search", Nav: "search"}, Hits: []hitView{}, Facets: []facetView{}}
	v.Query = strings.TrimSpace(rq.q.Get("q"))
	v.Section = strings.TrimSpace(rq.q.Get("section"))
	f, err := filterOf(rq.q)
	if err != nil {
		return nil, err
	}
	v.Towns, v.Counties, v.Years = f.Towns, f.Counties, yearsText(f)
	if v.Query == "" {
		return v, nil
	}
	if len(v.Query) > maxQuery {
		return nil, badRequest("a query of at most %d bytes", maxQuery)
	}
	v.Title = "Search: " + render.Inert(v.Query)
	limit := pageHits
	if n, err := strconv.Atoi(rq.q.Get("limit")); err == nil && n > 0 {
		limit = min(n, facetHits)
	}
	if words, phrases := index.ParseQuery(v.Query); len(words) == 0 && len(phrases) == 0 {
		return v, nil
	}
	res, err := rq.ix.Search(index.Query{Text: v.Query, Filter: f, Limit: facetHits})
	if qe := (*index.QueryError)(nil); errors.As(err, &qe) {
		return nil, badRequest("%s", qe.Msg)
	}
	if err != nil {
		return nil, err
	}
	if res.Total == 0 && !f.IsZero() {
		if _, why := selected(rq.st, f); why != "" {
			v.Empty = why
		}
	}
	v.Total = res.Total
	v.Counted = len(res.Hits)
	county, year, section := map[string]int{}, map[string]int{}, map[string]int{}
	for _, h := range res.Hits {
		county[orUnknown(h.County)]++
		year[extract.YearLabel(h.Year)]++
		section[topSection(h.Section)]++
		if v.Section != "" && topSection(h.Section) != v.Section || len(v.Hits) >= limit {
			continue
		}
		id := rq.st.idOf(h.Path)
		hv := hitView{ID: id, Town: h.Town, County: h.County, Year: h.Year, Section: h.Section, Before: h.Before, Match: h.Match, After: h.After}
		if id != "" {
			hv.Href = "/report/" + id + "?s=" + strconv.Itoa(h.Start) + "&e=" + strconv.Itoa(h.End) + "#at"
		}
		v.Hits = append(v.Hits, hv)
	}
	v.Facets = []facetView{
		facetOf("county", county, rq, "county"),
		facetOf("year", year, rq, "years"),
		facetOf("section", section, rq, "section"),
	}
	if len(v.Hits) == limit && limit < v.Counted {
		v.More = link("/search", with(rq.q, "limit", strconv.Itoa(min(limit*5, facetHits))))
	}
	return v, nil
}

// facetOf lists a facet's values, most hits first, each with the link
// that adds it to the filters.
func facetOf(name string, counts map[string]int, rq *request, param string) facetView {
	fv := facetView{Name: name}
	for val, n := range counts {
		fv.Values = append(fv.Values, facetValue{Value: val, Count: n})
	}
	slices.SortFunc(fv.Values, func(a, b facetValue) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return cmp.Compare(a.Value, b.Value)
	})
	if len(fv.Values) > maxFacetValues {
		fv.Values = fv.Values[:maxFacetValues]
	}
	current := rq.q.Get(param)
	for i := range fv.Values {
		val := fv.Values[i].Value
		fv.Values[i].Current = val == current
		if val != "?" {
			fv.Values[i].Href = link("/search", with(with(rq.q, "limit"), param, val))
		}
	}
	return fv
}

// topSection is the first heading of a section path: the part of the
// report a hit is in.
func topSection(path string) string {
	top, _, _ := strings.Cut(path, " > ")
	if top == "" {
		return "(before the first heading)"
	}
	return top
}

// orUnknown shows an unknown name as "?".
func orUnknown(s string) string {
	if s == "" {
		return "?"
	}
	return s
}
