package serve

import (
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"baogao/check"
	"baogao/extract"
	"baogao/render"
)

// Limits of the review page: the findings listed and the near-duplicate
// pairs shown side by side (each reads two texts).
const (
	maxFindings = 300
	maxPairs    = 6
	// pairContext is how many characters of text stand on each side of a
	// shared passage.
	pairContext = 160
)

// checkView is the review page: the corpus's findings filtered by code
// and severity, and near-duplicates side by side.
type checkView struct {
	base
	Running  bool          `json:"running"`
	Read     int           `json:"read"`
	Total    int           `json:"total"`
	Reports  int           `json:"reports"`
	Codes    []facetValue  `json:"codes"`
	Severity []facetValue  `json:"severities"`
	Shown    int           `json:"shown"`
	Matching int           `json:"matching"` // findings the filters keep
	Findings []findingView `json:"findings"`
	Pairs    []pairView    `json:"-"`
	All      string        `json:"-"` // link without filters
}

// findingView is one finding with links to its report (and the other of
// a pair).
type findingView struct {
	check.Finding
	Town  string `json:"town"`
	Year  int    `json:"year"`
	Href  string `json:"href"`
	Other string `json:"other_href,omitempty"`
}

// pairView is a near-duplicate pair: both texts around their shared
// passage.
type pairView struct {
	Message string
	Sides   [2]pairSide
}

// pairSide is one report of a pair: the shared passage in its text.
type pairSide struct {
	Title, Href           string
	Before, Shared, After string
	Found                 bool // the passage was found in the text
}

// checkFilter is what the review page shows: codes and severities; none
// is every one.
type checkFilter struct {
	codes    []string
	severity string
}

// keeps reports whether the filter shows finding f.
func (cf checkFilter) keeps(f check.Finding) bool {
	return (len(cf.codes) == 0 || slices.Contains(cf.codes, f.Code)) && (cf.severity == "" || string(f.Severity) == cf.severity)
}

// readCheckFilter reads code (repeated) and severity.
func readCheckFilter(rq *request) (checkFilter, error) {
	cf := checkFilter{codes: values(rq.q, "code"), severity: rq.q.Get("severity")}
	if cf.severity != "" && check.Severity(cf.severity).Rank() == 0 {
		return cf, badRequest("severity %q: want error, warning or info", cf.severity)
	}
	return cf, nil
}

// review returns the corpus review, started when it has not been; done
// says it has finished.
func (rq *request) review() (res *check.Result, rv *review, done bool, err error) {
	rv = rq.st.startReview(rq.s.indexPath)
	res, done, err = rv.finished()
	return res, rv, done, err
}

// check builds the review page.
func (s *Server) check(rq *request) (view, error) {
	cf, err := readCheckFilter(rq)
	if err != nil {
		return nil, err
	}
	v := &checkView{base: base{Title: "Review", Nav: "check"}, Findings: []findingView{}, Codes: []facetValue{}, Severity: []facetValue{}, All: "/check"}
	res, rv, done, err := rq.review()
	if !done {
		v.Running, v.Read, v.Total, v.Refresh = true, int(rv.read.Load()), int(rv.total.Load()), 2
		v.Status = http.StatusAccepted
		return v, nil
	}
	if err != nil {
		return nil, err
	}
	v.Reports = res.Reports
	known := map[string]bool{}
	for _, c := range check.Codes {
		known[c.Code] = true
		if n := res.ByCode[c.Code]; n > 0 {
			v.Codes = append(v.Codes, facetValue{Value: c.Code, Count: n, Href: link("/check", with(rq.q, "code", c.Code)), Current: slices.Contains(cf.codes, c.Code)})
		}
	}
	for _, code := range slices.Sorted(maps.Keys(res.ByCode)) {
		if !known[code] {
			v.Codes = append(v.Codes, facetValue{Value: code, Count: res.ByCode[code], Href: link("/check", with(rq.q, "code", code)), Current: slices.Contains(cf.codes, code)})
		}
	}
	for _, sev := range []check.Severity{check.Error, check.Warning, check.Info} {
		v.Severity = append(v.Severity, facetValue{Value: string(sev), Count: res.BySeverity[sev], Href: link("/check", with(rq.q, "severity", string(sev))),
			Current: cf.severity == string(sev)})
	}
	type pairKey [2]string
	seenPair := map[pairKey]bool{}
	var pairs []check.Finding
	for _, rf := range res.Results {
		for _, f := range rf.Findings {
			if !cf.keeps(f) {
				continue
			}
			v.Matching++
			if len(v.Findings) < maxFindings {
				fv := findingView{Finding: f, Town: rf.Town, Year: rf.Year}
				if id := rq.st.idOf(f.File); id != "" {
					fv.Href = "/report/" + id
				}
				if id := rq.st.idOf(f.Other); f.Other != "" && id != "" {
					fv.Other = "/report/" + id
				}
				fv.File = render.DisplayPath(f.File)
				if f.Other != "" {
					fv.Finding.Other = render.DisplayPath(f.Other)
				}
				v.Findings = append(v.Findings, fv)
			}
			if f.Code == "near_duplicate" {
				k := pairKey{min(f.File, f.Other), max(f.File, f.Other)}
				if !seenPair[k] {
					seenPair[k] = true
					pairs = append(pairs, f)
				}
			}
		}
	}
	v.Shown = len(v.Findings)
	for _, f := range pairs[:min(len(pairs), maxPairs)] {
		p, err := rq.pair(f)
		if err != nil {
			return nil, err
		}
		v.Pairs = append(v.Pairs, p)
	}
	return v, nil
}

// pair shows a near-duplicate finding's two reports around the passage
// they share.
func (rq *request) pair(f check.Finding) (pairView, error) {
	p := pairView{Message: f.Message}
	for i, path := range []string{f.File, f.Other} {
		side := pairSide{Title: render.DisplayPath(path)}
		if at, ok := rq.st.byID[reportID(path)]; ok {
			src := rq.st.reports[at]
			side.Title = orUnknown(src.Town) + " · " + extract.YearLabel(src.Year)
			if src.County != "" {
				side.Title += " · " + src.County
			}
			side.Href = "/report/" + reportID(path)
		}
		text, err := rq.ix.Text(path)
		if err != nil {
			return p, err
		}
		if a := strings.Index(text, f.Evidence); a >= 0 && f.Evidence != "" {
			b := a + len(f.Evidence)
			side.Found = true
			side.Before, side.Shared, side.After = inertText(text[back(text, a, pairContext):a]), inertText(text[a:b]), inertText(text[b:forward(text, b, pairContext)])
			if side.Href != "" {
				side.Href += "?s=" + strconv.Itoa(a) + "&e=" + strconv.Itoa(b) + "#at"
			}
		} else {
			side.Shared = inertText(f.Evidence)
		}
		p.Sides[i] = side
	}
	return p, nil
}

// back returns the offset n characters before at in text.
func back(text string, at, n int) int {
	for ; n > 0 && at > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(text[:at])
		at -= size
	}
	return at
}

// forward returns the offset n characters after at in text.
func forward(text string, at, n int) int {
	for ; n > 0 && at < len(text); n-- {
		_, size := utf8.DecodeRuneInString(text[at:])
		at += size
	}
	return at
}

// checkJSON serves /api/check: the findings the filters keep as baogao
// check --format json writes them; 202 with the progress while the
// review runs.
func (s *Server) checkJSON(w http.ResponseWriter, r *http.Request) {
	var res *check.Result
	v, err := s.build(r, func(rq *request) (view, error) {
		cf, err := readCheckFilter(rq)
		if err != nil {
			return nil, err
		}
		all, rv, done, err := rq.review()
		if !done {
			return &checkView{base: base{Status: http.StatusAccepted}, Running: true, Read: int(rv.read.Load()), Total: int(rv.total.Load()),
				Findings: []findingView{}, Codes: []facetValue{}, Severity: []facetValue{}}, nil
		}
		if err != nil {
			return nil, err
		}
		kept := *all
		kept.Results = nil
		for _, rf := range all.Results {
			var fs []check.Finding
			for _, f := range rf.Findings {
				if cf.keeps(f) {
					fs = append(fs, f)
				}
			}
			if len(fs) > 0 || len(cf.codes) == 0 && cf.severity == "" {
				rf.Findings = fs
				kept.Results = append(kept.Results, rf)
			}
		}
		res = &kept
		return base{}, nil
	})
	if err != nil {
		p := describe(err)
		s.logError(r, err, p.Status)
		writeJSON(w, p.status(), p)
		return
	}
	if res == nil {
		writeJSON(w, v.status(), v)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := render.CheckJSON(w, res); err != nil {
		s.logf("write %s: %v", r.URL.Path, err)
	}
}
