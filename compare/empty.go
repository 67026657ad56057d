package compare

import (
	"slices"
	"sort"
	"strings"

	"baogao/extract"
)

// Emptied says which filter left no report, and what there is near it.
type Emptied struct {
	// Flag is the filter: "town", "county" or "year"; "" when there is no
	// report to filter at all.
	Flag   string
	Values []string // the filter's values, as given
	// Nearby are the names most like the filter's (towns, counties), or
	// the years there are, among the reports the filters before it left.
	Nearby []string
	// Similar says the first of Nearby shares characters with a value of
	// the filter; else Nearby are merely some names there are.
	Similar bool
}

// WhyEmpty finds the filter that leaves no report of all: the filters are
// applied one by one (towns, counties, years), and the first after which
// nothing is left is named. It returns nil when f leaves some report.
func WhyEmpty(all []extract.Source, f extract.Filter) *Emptied {
	if len(all) == 0 {
		return &Emptied{}
	}
	if f.IsZero() {
		return nil
	}
	left := all
	for _, step := range []struct {
		flag   string
		values []string
		f      extract.Filter
		name   func(extract.Source) string
	}{
		{"town", f.Towns, extract.Filter{Towns: f.Towns}, func(s extract.Source) string { return s.Town }},
		{"county", f.Counties, extract.Filter{Counties: f.Counties}, func(s extract.Source) string { return s.County }},
		{"year", nil, extract.Filter{From: f.From, To: f.To}, func(s extract.Source) string {
			if s.Year == 0 {
				return "" // an unknown year is near nothing
			}
			return extract.YearLabel(s.Year)
		}},
	} {
		var kept []extract.Source
		for _, s := range left {
			if step.f.Selects(s) {
				kept = append(kept, s)
			}
		}
		if len(kept) > 0 {
			left = kept
			continue
		}
		e := &Emptied{Flag: step.flag, Values: step.values}
		names := map[string]bool{}
		for _, s := range left {
			if n := step.name(s); n != "" {
				names[n] = true
			}
		}
		if step.flag == "year" {
			e.Values = []string{yearRange(f.From, f.To)}
			for n := range names {
				e.Nearby = append(e.Nearby, n)
			}
			sort.Strings(e.Nearby)
		} else {
			e.Nearby, e.Similar = closest(step.values, names)
		}
		return e
	}
	return nil
}

// yearRange writes a year filter as the user gives it: 2024, 2021-2024,
// 2021-.
func yearRange(from, to int) string {
	switch {
	case from == to:
		return extract.YearLabel(from)
	case to == 0:
		return extract.YearLabel(from) + "-"
	case from == 0:
		return "-" + extract.YearLabel(to)
	}
	return extract.YearLabel(from) + "-" + extract.YearLabel(to)
}

// maxNearby is how many names a suggestion lists.
const maxNearby = 3

// closest returns up to maxNearby names, those that share the most
// characters with any of wants first, and by name among equals; similar
// says whether the first shares any.
func closest(wants []string, names map[string]bool) (nearby []string, similar bool) {
	type cand struct {
		name  string
		score int
	}
	var cs []cand
	for n := range names {
		best := 0
		for _, w := range wants {
			best = max(best, shared(strings.TrimSpace(w), n))
		}
		cs = append(cs, cand{n, best})
	}
	slices.SortFunc(cs, func(a, b cand) int {
		if a.score != b.score {
			return b.score - a.score
		}
		return strings.Compare(a.name, b.name)
	})
	for i := 0; i < len(cs) && i < maxNearby; i++ {
		nearby = append(nearby, cs[i].name)
	}
	return nearby, len(cs) > 0 && cs[0].score > 0
}
