package serve

import (
	"html/template"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"

	"baogao/compare"
	"baogao/extract"
	"baogao/render"
)

// compareView is the comparison page: the form, the table, the chart,
// the statistics and the download links.
type compareView struct {
	base
	Terms     []string        `json:"terms"`
	Form      compareForm     `json:"-"`
	Empty     string          `json:"empty,omitempty"` // why the filters left no report
	Table     *tableView      `json:"-"`
	Chart     *chartView      `json:"-"`
	CSV       string          `json:"-"`
	XLSX      string          `json:"-"`
	JSON      string          `json:"-"`
	Catalogue []indicatorLink `json:"-"`
}

// compareForm is what the form shows: the request's parameters.
type compareForm struct {
	Terms    []string
	Towns    []string
	Counties []string
	Years    string
	By       string
	Scope    string
	Bys      []string
	Scopes   []string
	Change   bool
	Rank     bool
}

// indicatorLink is an indicator of the catalogue with its comparison.
type indicatorLink struct {
	ID, Label, Href string
}

// tableView is a comparison as the page shows it.
type tableView struct {
	Name    string
	Headers []headerView
	Rows    []rowView
	Footer  []string
}

// headerView is a column's header: its label and unit, and the link that
// sorts by it.
type headerView struct {
	Label, Unit, Href string
	Order             string // "asc" or "desc" when the rows are sorted by it
}

// rowView is one row of the table.
type rowView struct {
	Label   string
	Subject string
	Cells   [][]valueView // an empty cell has no value
}

// valueView is one value of a cell, with the link to its sentence.
type valueView struct {
	Text string
	// Href is "" for a group's figure, which no one sentence gave. It is
	// built here from a report's hex ID and numbers only, so it is marked
	// safe as a URL: a table of 30,000 values is drawn a third faster.
	Href template.URL
	Sep  bool // a value after the first of its cell
}

// compareQuery is a comparison request, read from the URL.
type compareQuery struct {
	terms  []string
	cols   []compare.Column
	filter extract.Filter
	by     compare.By
	scope  compare.Scope
	sort   string // town, value, or a column's label, with - for largest first
	// change and rank are compare's --change and --rank; rankWithin its
	// --rank-within.
	change, rank bool
	rankWithin   compare.By
}

// readCompare reads a comparison request; terms may be none.
func readCompare(q url.Values) (*compareQuery, error) {
	cq := &compareQuery{terms: values(q, "term"), by: compare.ByTown, scope: compare.Achievement, sort: strings.TrimSpace(q.Get("sort"))}
	if len(cq.terms) > maxParams {
		return nil, badRequest("at most %d terms", maxParams)
	}
	var err error
	if cq.filter, err = filterOf(q); err != nil {
		return nil, err
	}
	if b := q.Get("by"); b != "" {
		if !slices.Contains(compare.Bys, b) {
			return nil, badRequest("by %q: want %s", b, strings.Join(compare.Bys, ", "))
		}
		cq.by = compare.By(b)
	}
	if sc := q.Get("scope"); sc != "" {
		if !slices.Contains(compare.Scopes, sc) {
			return nil, badRequest("scope %q: want %s", sc, strings.Join(compare.Scopes, ", "))
		}
		cq.scope = compare.Scope(sc)
	}
	cq.change, cq.rank = q.Get("change") != "", q.Get("rank") != ""
	if w := q.Get("rank-within"); w != "" {
		if w == string(compare.ByTown) || !slices.Contains(compare.Bys, w) {
			return nil, badRequest("rank-within %q: want county, city or province", w)
		}
		if cq.by != compare.ByTown {
			return nil, badRequest("rank-within ranks towns; with by %s, rank ranks the groups", cq.by)
		}
		cq.rankWithin, cq.rank = compare.By(w), true
	}
	return cq, nil
}

// table builds the comparison exactly as baogao compare does: the reports
// the filter selects, the records of the columns' indicators (and, for an
// ad-hoc term, the numbers written next to it), laid out by compare, then
// ordered as asked. It returns nil and why when the filter selects no
// report.
func (rq *request) table(cq *compareQuery) (*compare.Table, string, error) {
	reports, why := selected(rq.st, cq.filter)
	if reports == nil {
		return nil, why, nil
	}
	cat, err := rq.ix.Catalogue()
	if err != nil {
		return nil, "", err
	}
	cq.cols = compare.Resolve(cat, cq.terms)
	for _, c := range cq.cols {
		if c.AdHoc() && cq.by != compare.ByTown {
			return nil, "", badRequest("by %s needs indicators; %q is an ad-hoc term", cq.by, c.Term)
		}
	}
	recs, err := rq.ix.Records(cq.filter, compare.IDs(cat, cq.cols, cq.by)...)
	if err != nil {
		return nil, "", err
	}
	for _, c := range cq.cols {
		if !c.AdHoc() {
			continue
		}
		ad, total, err := rq.ix.TermRecords(c.Term, compare.AdHocID(c.Term), cq.filter, reports)
		if err != nil {
			return nil, "", err
		}
		if total == 0 && cq.filter.IsZero() {
			msg := strconv.Quote(c.Term) + " is no indicator and no ingested report contains it"
			if s := compare.Suggest(cat, c.Term); len(s) > 0 {
				msg += "; did you mean " + strings.Join(s, ", ") + "?"
			}
			return nil, "", badRequest("%s", msg)
		}
		recs = append(recs, ad...)
	}
	sort := compare.ByPlace
	if cq.sort == string(compare.ByValue) {
		sort = compare.ByValue
	}
	t := compare.Build(cq.cols, reports, recs, compare.Options{Scope: cq.scope, By: cq.by, Sort: sort,
		Change: cq.change, Rank: cq.rank, RankWithin: cq.rankWithin, Catalogue: cat})
	if col, desc := sortColumn(t, cq.sort); col >= 0 {
		compare.OrderBy(t, col, desc)
	}
	return t, "", nil
}

// sortColumn finds the column a sort parameter names (2024, -2024,
// 调解成功率): its position and whether largest first; -1 when it names
// none.
func sortColumn(t *compare.Table, sort string) (int, bool) {
	desc := strings.HasPrefix(sort, "-")
	name := strings.TrimPrefix(sort, "-")
	for i, c := range t.Columns {
		if c == name {
			return i, desc
		}
	}
	return -1, false
}

// compare builds the comparison page.
func (s *Server) compare(rq *request) (view, error) {
	cq, err := readCompare(rq.q)
	if err != nil {
		return nil, err
	}
	v := &compareView{base: base{Title: "Compare", Nav: "compare"}, Terms: cq.terms, Form: compareForm{
		Terms: cq.terms, Towns: cq.filter.Towns, Counties: cq.filter.Counties,
		Years: yearsText(cq.filter), By: string(cq.by), Scope: string(cq.scope), Bys: compare.Bys, Scopes: compare.Scopes,
		Change: cq.change, Rank: cq.rank}}
	for _, r := range rq.ix.CatalogueOrDefault().Rules {
		v.Catalogue = append(v.Catalogue, indicatorLink{ID: r.ID, Label: r.Label, Href: link("/compare", with(rq.q, "term", r.Label))})
	}
	if len(cq.terms) == 0 {
		return v, nil
	}
	t, why, err := rq.table(cq)
	if err != nil {
		return nil, err
	}
	if t == nil {
		v.Empty = why
		return v, nil
	}
	v.Title = t.Name
	v.Table = tableOf(rq, t, cq)
	v.Chart = chartOf(rq, t)
	v.CSV = link("/compare.csv", rq.q)
	v.XLSX = link("/compare.xlsx", rq.q)
	v.JSON = link("/api/compare", rq.q)
	return v, nil
}

// tableOf lays a comparison out for the page: each value with the link
// to its sentence, each header with the link that sorts by it.
func tableOf(rq *request, t *compare.Table, cq *compareQuery) *tableView {
	tv := &tableView{Name: t.Name, Footer: render.Footer(t)}
	sortedCol, desc := sortColumn(t, cq.sort)
	for i, c := range t.Columns {
		h := headerView{Label: c}
		if i < len(t.Units) {
			h.Unit = t.Units[i]
		}
		next := "-" + c // largest first on the first click
		if i == sortedCol {
			h.Order = "asc"
			if desc {
				h.Order, next = "desc", c
			}
		}
		h.Href = link("/compare", with(rq.q, "sort", next))
		tv.Headers = append(tv.Headers, h)
	}
	tv.Rows = make([]rowView, len(t.Rows))
	vals := make([]valueView, 0, len(t.Rows)*len(t.Columns))
	for i, r := range t.Rows {
		rv := rowView{Label: r.Label, Subject: r.Subject, Cells: make([][]valueView, len(r.Cells))}
		for k, c := range r.Cells {
			start := len(vals)
			for j, val := range c {
				vals = append(vals, valueView{Text: render.ValueText(val), Href: template.URL(rq.valueHref(val)), Sep: j > 0})
			}
			rv.Cells[k] = vals[start:len(vals):len(vals)]
		}
		tv.Rows[i] = rv
	}
	return tv
}

// valueHref is the link to the sentence a value was read from: its
// report, at the figure (an indicator's record, by its place among the
// report's records) or at the span of the sentence (an ad-hoc number);
// "" for a group's figure.
func (rq *request) valueHref(v compare.Value) string {
	if v.Record == nil || v.Path == "" || v.Reports > 1 || v.Median > 0 {
		return ""
	}
	id := rq.st.idOf(v.Path)
	if id == "" {
		return ""
	}
	if strings.HasPrefix(v.ID, compare.AdHocID("")) {
		return "/report/" + id + "?s=" + strconv.Itoa(v.Start) + "&e=" + strconv.Itoa(v.End) + "#at"
	}
	return "/report/" + id + "?f=" + strconv.Itoa(v.Seq) + "#f" + strconv.Itoa(v.Seq)
}

// comparison builds the table of a download or of /api/compare: the one
// the page shows for the same URL.
func (s *Server) comparison(r *http.Request) (*compare.Table, error) {
	var t *compare.Table
	_, err := s.build(r, func(rq *request) (view, error) {
		cq, err := readCompare(rq.q)
		if err != nil {
			return nil, err
		}
		if len(cq.terms) == 0 {
			return nil, badRequest("name at least one term: /compare?term=调解成功率")
		}
		tab, why, err := rq.table(cq)
		if err != nil {
			return nil, err
		}
		if tab == nil {
			return nil, badRequest("%s", why)
		}
		t = tab
		return base{}, nil
	})
	return t, err
}

// compareJSON serves /api/compare: the comparison as baogao compare
// --format json writes it.
func (s *Server) compareJSON(w http.ResponseWriter, r *http.Request) {
	t, err := s.comparison(r)
	if err != nil {
		p := describe(err)
		s.logError(r, err, p.Status)
		writeJSON(w, p.status(), p)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := render.CompareJSON(w, t); err != nil {
		s.logf("write %s: %v", r.URL.Path, err)
	}
}

// compareCSV serves the table the page shows as CSV, with render's
// writer: the same rows, in the same order, with the same cells.
func (s *Server) compareCSV(w http.ResponseWriter, r *http.Request) {
	t, err := s.comparison(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	download(w, "text/csv; charset=utf-8", downloadName(t, "csv"))
	if err := render.CompareCSV(w, t, false); err != nil {
		s.logf("write %s: %v", r.URL.Path, err)
	}
}

// compareXLSX serves the table the page shows as an XLSX workbook, as
// baogao compare -o FILE.xlsx writes it.
func (s *Server) compareXLSX(w http.ResponseWriter, r *http.Request) {
	t, err := s.comparison(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := os.CreateTemp("", "baogao-*.xlsx")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	name := f.Name()
	f.Close()
	defer os.Remove(name)
	if err := render.CompareXLSX(name, t); err != nil {
		s.fail(w, r, err)
		return
	}
	body, err := os.ReadFile(name)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	download(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", downloadName(t, "xlsx"))
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Write(body)
}

// download sets the headers of a file to save.
func download(w http.ResponseWriter, ctype, name string) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Disposition", `attachment; filename="compare.`+strings.TrimPrefix(name[strings.LastIndex(name, ".")+1:], ".")+`"; filename*=UTF-8''`+url.PathEscape(name))
}

// downloadName names a download after the table: 调解成功率.csv.
func downloadName(t *compare.Table, ext string) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '_'
		}
		return r
	}, render.Inert(t.Name))
	return name + "." + ext
}
