package serve

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"baogao/check"
	"baogao/corpus"
	"baogao/extract"
	"baogao/render"
)

// reportView is one report: its text with every figure highlighted at its
// evidence, its metadata with their sources, its figures and its check
// findings.
type reportView struct {
	base
	ID       string          `json:"id"`
	Report   *extract.Report `json:"report"`
	File     string          `json:"-"`
	Place    string          `json:"-"`
	Fields   []fieldView     `json:"-"`
	Figures  []figureView    `json:"-"`
	Findings []check.Finding `json:"findings"`
	// Reviewed says the findings include the corpus review's (copies,
	// jumps from the year before); until it has finished, only the
	// report's own.
	Reviewed bool        `json:"reviewed"`
	Segments []textPiece `json:"-"`
	Current  string      `json:"-"` // the passage the URL points at
}

// fieldView is a metadata field with where it was read.
type fieldView struct {
	Name, Value, Source string
}

// figureView is one figure of the report.
type figureView struct {
	Anchor  string
	Label   string
	Value   string
	Subject string
	Scope   string
	Section string
	Current bool
}

// textPiece is a run of the report's text between two places where a
// figure's evidence starts or ends: Anchors are the IDs of the figures
// (and the passage) that start here; Evidence says some figure's evidence
// covers it, Current that the URL points at it.
type textPiece struct {
	Anchors  []string
	Text     string
	Evidence bool
	Current  bool
}

// report builds a report's page. f=N points at its figure N; s and e at
// a span of its text (a search hit, an ad-hoc number).
func (s *Server) report(rq *request) (view, error) {
	id := rq.r.PathValue("id")
	at, ok := rq.st.byID[id]
	if !ok {
		return nil, errNotFound
	}
	path := rq.st.reports[at].Path
	rep, text, err := rq.ix.ReportText(path)
	if err != nil {
		return nil, err
	}
	rep.Path = path
	v := &reportView{base: base{Nav: "report"}, ID: id, Report: rep, File: render.DisplayPath(path)}
	m := rep.Meta
	v.Title = orUnknown(m.Town.Value) + " · " + extract.YearLabel(m.Year)
	if m.County.Value != "" {
		v.Title += " · " + m.County.Value
	}
	if m.DivisionCode.Known() {
		v.Place = corpus.Place{Code: m.DivisionCode.Value, Town: m.Town.Value, County: m.County.Value, City: m.City.Value, Province: m.Province.Value}.String()
	}
	for _, f := range []struct {
		name string
		f    corpus.Field
	}{{"title", m.Title}, {"town", m.Town}, {"county", m.County}, {"city", m.City}, {"province", m.Province}} {
		v.Fields = append(v.Fields, fieldView{f.name, orUnknown(f.f.Value), string(f.f.Source)})
	}
	year := fieldView{"year", extract.YearLabel(m.Year), string(m.YearSource)}
	if m.YearHint != "" {
		year.Source += "; " + m.YearHint
	}
	v.Fields = append(v.Fields, year)
	for _, f := range []struct {
		name string
		f    corpus.Field
	}{{"date", m.Date}, {"doc_no", m.DocNo}, {"code", m.DivisionCode}} {
		v.Fields = append(v.Fields, fieldView{f.name, orUnknown(f.f.Value), string(f.f.Source)})
	}
	v.Fields = append(v.Fields, fieldView{"encoding", rep.Encoding, "sha256 " + rep.Hash})

	cur, curStart, curEnd := -1, -1, -1
	if n, err := strconv.Atoi(rq.q.Get("f")); err == nil && n >= 0 && n < len(rep.Indicators) {
		cur = n
	} else if a, b, ok := span(rq.q.Get("s"), rq.q.Get("e"), text); ok {
		curStart, curEnd = a, b
		v.Current = text[a:b]
	}
	for k, ind := range rep.Indicators {
		fv := figureView{Anchor: "f" + strconv.Itoa(k), Label: ind.Label, Value: render.FormatValue(ind), Subject: ind.Subject,
			Scope: string(ind.Scope), Section: ind.Section, Current: k == cur}
		v.Figures = append(v.Figures, fv)
		if k == cur {
			curStart, curEnd = ind.Start, ind.End
			v.Current = ind.Evidence
		}
	}
	v.Segments = pieces(text, rep.Indicators, curStart, curEnd)
	v.Findings, v.Reviewed, err = rq.findings(rep, text)
	if err != nil {
		return nil, err
	}
	return v, nil
}

// span reads the span s-e of a URL, if it lies in text on character
// boundaries.
func span(s, e, text string) (int, int, bool) {
	a, err1 := strconv.Atoi(s)
	b, err2 := strconv.Atoi(e)
	if err1 != nil || err2 != nil || a < 0 || b <= a || b > len(text) {
		return 0, 0, false
	}
	if !utf8.RuneStart(text[a]) || b < len(text) && !utf8.RuneStart(text[b]) {
		return 0, 0, false
	}
	return a, b, true
}

// pieces cuts text where any figure's evidence, or the current span,
// starts or ends. It takes time in proportion to the cuts, however many
// figures share a sentence.
func pieces(text string, inds []extract.Indicator, curStart, curEnd int) []textPiece {
	valid := func(a, b int) bool { return a >= 0 && b > a && b <= len(text) }
	hasCur := valid(curStart, curEnd)
	cuts := []int{0, len(text)}
	for _, ind := range inds {
		if valid(ind.Start, ind.End) {
			cuts = append(cuts, ind.Start, ind.End)
		}
	}
	if hasCur {
		cuts = append(cuts, curStart, curEnd)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	at := func(off int) int { i, _ := slices.BinarySearch(cuts, off); return i }
	// cover[i] changes by how many evidence spans start (+) and end (-)
	// at cut i.
	cover := make([]int, len(cuts))
	anchors := make([][]string, len(cuts))
	for k, ind := range inds {
		if !valid(ind.Start, ind.End) {
			continue
		}
		a, b := at(ind.Start), at(ind.End)
		cover[a]++
		cover[b]--
		anchors[a] = append(anchors[a], "f"+strconv.Itoa(k))
	}
	if hasCur {
		anchors[at(curStart)] = append(anchors[at(curStart)], "at")
	}
	out := make([]textPiece, 0, len(cuts))
	depth := 0
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		depth += cover[i]
		out = append(out, textPiece{Anchors: anchors[i], Text: inertText(text[a:b]), Evidence: depth > 0,
			Current: hasCur && a >= curStart && b <= curEnd})
	}
	return out
}

// inertText makes a report's text inert line by line as render.Inert
// does (control characters and direction overrides become visible
// placeholders), keeping its line breaks.
func inertText(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r < ' ' && r != '\n' || r >= 0x80 && render.Inert(string(r)) != string(r) }) {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = render.Inert(l)
	}
	return strings.Join(lines, "\n")
}

// findings are the report's findings: the corpus review's when it has
// finished, else the checks of the report on its own.
func (rq *request) findings(rep *extract.Report, text string) ([]check.Finding, bool, error) {
	if rv := rq.st.startReview(rq.s.indexPath); rv != nil {
		if res, done, err := rv.finished(); done && err == nil {
			for _, rf := range res.Results {
				if rf.File == rep.Path {
					return nonNil(rf.Findings), true, nil
				}
			}
			return []check.Finding{}, true, nil
		}
	}
	c := check.NewChecker(1, check.Options{Catalogue: rq.ix.CatalogueOrDefault()})
	c.Add(0, check.Input{Report: rep, Text: text})
	res, err := c.Finish(func(string) (string, error) { return text, nil })
	if err != nil {
		return nil, false, err
	}
	if len(res.Results) == 0 {
		return []check.Finding{}, false, nil
	}
	return nonNil(res.Results[0].Findings), false, nil
}

// nonNil gives JSON [] rather than null.
func nonNil(fs []check.Finding) []check.Finding {
	if fs == nil {
		return []check.Finding{}
	}
	return fs
}
