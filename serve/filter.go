package serve

import (
	"errors"
	"net/url"
	"strconv"
	"strings"

	"baogao/compare"
	"baogao/extract"
	"baogao/render"
)

// maxParams is how many values a repeated parameter (term, town, county)
// may have: more than any review needs, few enough to bound the work.
const maxParams = 50

// filterOf reads the report filter of a URL, as the command line's flags
// give it: town and county (repeated; a name matches with or without its
// level word) and years (2024, 2021-2024, 2021-; year is the same).
func filterOf(q url.Values) (extract.Filter, error) {
	f := extract.Filter{Towns: values(q, "town"), Counties: values(q, "county")}
	if len(f.Towns) > maxParams || len(f.Counties) > maxParams {
		return f, badRequest("at most %d towns and %d counties", maxParams, maxParams)
	}
	years := strings.TrimSpace(q.Get("years"))
	if years == "" {
		years = strings.TrimSpace(q.Get("year"))
	}
	var err error
	f.From, f.To, err = parseYears(years)
	return f, err
}

// values returns the non-empty values of a parameter, trimmed.
func values(q url.Values, name string) []string {
	var out []string
	for _, v := range q[name] {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// parseYears reads the years parameter as extract.ParseYears does; a text
// it cannot read is a bad request.
func parseYears(s string) (from, to int, err error) {
	if from, to, err = extract.ParseYears(strings.TrimSpace(s)); err != nil {
		var ye *extract.YearsError
		if errors.As(err, &ye) && ye.Reversed {
			return 0, 0, badRequest("years %s are reversed; did you mean %d-%d?", ye.Text, ye.To, ye.From)
		}
		return 0, 0, badRequest("years %v", err)
	}
	return from, to, nil
}

// yearsText writes a filter's years as the URL gives them.
func yearsText(f extract.Filter) string {
	switch {
	case f.From == 0 && f.To == 0:
		return ""
	case f.From == f.To:
		return strconv.Itoa(f.From)
	case f.To == 0:
		return strconv.Itoa(f.From) + "-"
	}
	return strconv.Itoa(f.From) + "-" + strconv.Itoa(f.To)
}

// selected returns the reports of the state that f selects, and, when it
// selects none, why (as the command line words it).
func selected(st *state, f extract.Filter) ([]extract.Source, string) {
	if e := compare.WhyEmpty(st.reports, f); e != nil {
		return nil, render.EmptyMessage(e)
	}
	out := make([]extract.Source, 0, len(st.reports))
	for _, s := range st.reports {
		if f.Selects(s) {
			out = append(out, s)
		}
	}
	return out, ""
}

// link builds a URL of path with the parameters of q, leaving out empty
// ones.
func link(path string, q url.Values) string {
	clean := url.Values{}
	for k, vs := range q {
		for _, v := range vs {
			if v != "" {
				clean.Add(k, v)
			}
		}
	}
	if len(clean) == 0 {
		return path
	}
	return path + "?" + clean.Encode()
}

// with returns a copy of q with name set to vals (removed when none).
func with(q url.Values, name string, vals ...string) url.Values {
	out := url.Values{}
	for k, vs := range q {
		out[k] = append([]string(nil), vs...)
	}
	if len(vals) == 0 {
		delete(out, name)
	} else {
		out[name] = vals
	}
	return out
}
