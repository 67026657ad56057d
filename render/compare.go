package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"baogao/compare"
	"baogao/extract"
)

// DerivedLegend explains the * of a derived value.
const DerivedLegend = "* derived: computed from other figures in the same passage, not written in the report"

// adHocNote explains the ad-hoc columns of a table, "" when it has none.
func adHocNote(t *compare.Table) string {
	if len(t.AdHoc) == 0 {
		return ""
	}
	return "ad hoc (" + strings.Join(t.AdHoc, ", ") + "): no indicator; the number written nearest the term in each sentence that contains it"
}

// statText writes a statistic as a sentence.
func statText(s compare.Stat) string {
	if s.Values == 0 && s.Other == 0 {
		return s.Name + ": no values"
	}
	u := s.Unit
	if u != "%" && u != "" {
		u = " " + u
	}
	out := fmt.Sprintf("%s: %d of %d rows have a value; in %s: min %s%s, median %s%s, max %s%s (%d values",
		s.Name, s.RowsWith, s.Rows, orUnknown(s.Unit), FormatNumber(s.Min), u, FormatNumber(s.Median), u, FormatNumber(s.Max), u, s.Values)
	if s.Qualified > 0 {
		out += fmt.Sprintf(", %d of them qualified (≥ ~ ≤) and counted as written", s.Qualified)
	}
	if s.Other > 0 {
		out += fmt.Sprintf("; %d in other units left out", s.Other)
	}
	return out + ")"
}

// legends explain a table's marks: derived values and ad-hoc terms.
func legends(t *compare.Table) []string {
	var out []string
	if t.Derived {
		out = append(out, DerivedLegend)
	}
	if s := adHocNote(t); s != "" {
		out = append(out, s)
	}
	return out
}

// footer is what stands under a table: the legends, the statistics and,
// one per line, how groups were combined.
func footer(t *compare.Table) []string {
	out := legends(t)
	for _, s := range t.Stats {
		out = append(out, statText(s))
	}
	return append(out, t.Methods...)
}

// noteText is a value's evidence note: the sentence and its file.
func noteText(v compare.Value) string {
	return v.Evidence + " — " + DisplayPath(v.Path)
}

// CompareTable prints a comparison as a terminal grid, then what stands
// under it and the evidence notes, each shortened to width (0 keeps them
// whole).
func CompareTable(w io.Writer, t *compare.Table, width int) error {
	fmt.Fprintln(w, Inert(t.Name))
	rows := make([][]string, 0, len(t.Rows))
	for _, r := range t.Rows {
		row := make([]string, 0, len(r.Cells)+1)
		row = append(row, Inert(r.Label))
		for _, c := range r.Cells {
			row = append(row, Inert(cellText(c, true)))
		}
		rows = append(rows, row)
	}
	header := []string{""}
	for _, c := range t.Columns {
		header = append(header, Inert(c))
	}
	if err := Grid(w, header, rows); err != nil {
		return err
	}
	for _, s := range footer(t) {
		writeWrapped(w, s, width, 2)
	}
	for _, n := range t.Notes {
		prefix := "[" + strconv.Itoa(n.Note) + "] "
		fmt.Fprintln(w, prefix+Shorten(noteText(n), 0, width-Width(prefix)))
	}
	return nil
}

// compareHeader is the header of the flat (csv) form.
func compareHeader(t *compare.Table, evidence bool) []string {
	h := []string{"row", "town", "county", "year", "subject"}
	for _, c := range t.Columns {
		h = append(h, c)
		if evidence {
			h = append(h, c+" evidence", c+" file")
		}
	}
	return h
}

// compareRecord is a row of the flat form.
func compareRecord(r compare.Row, evidence bool) []string {
	year := ""
	if r.Year != 0 {
		year = strconv.Itoa(r.Year)
	}
	county := r.County
	if r.Group != "" {
		county = r.Group
	}
	rec := []string{r.Label, r.Town, county, year, r.Subject}
	for _, c := range r.Cells {
		rec = append(rec, cellText(c, false))
		if evidence {
			var ev, files []string
			for _, v := range c {
				ev = append(ev, v.Evidence)
				files = append(files, DisplayPath(v.Path))
			}
			rec = append(rec, strings.Join(ev, " / "), strings.Join(files, " / "))
		}
	}
	return rec
}

// CompareCSV writes a comparison as CSV, a row per table row; with
// evidence, each column is followed by its values' sentences and files.
func CompareCSV(w io.Writer, t *compare.Table, evidence bool) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(SafeCSV(compareHeader(t, evidence))); err != nil {
		return err
	}
	for _, r := range t.Rows {
		if err := cw.Write(SafeCSV(compareRecord(r, evidence))); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// jsonValue is a value as the JSON form of a comparison gives it.
type jsonValue struct {
	Text      string        `json:"text"`
	Value     float64       `json:"value"`
	Unit      string        `json:"unit"`
	Qualifier string        `json:"qualifier"`
	Derived   bool          `json:"derived"`
	Scope     extract.Scope `json:"scope"`
	Reports   int           `json:"reports,omitempty"`
	Median    int           `json:"median_of,omitempty"`
	Note      int           `json:"note,omitempty"`
	Evidence  string        `json:"evidence,omitempty"`
	Section   string        `json:"section,omitempty"`
	File      string        `json:"file,omitempty"`
	Change    *jsonChange   `json:"change,omitempty"`
	Rank      int           `json:"rank,omitempty"`
	RankOf    int           `json:"rank_of,omitempty"`
}

// jsonChange is a value's change from the year before.
type jsonChange struct {
	FromYear int      `json:"from_year"`
	From     float64  `json:"from"`
	Abs      float64  `json:"abs"`
	Pct      *float64 `json:"pct"` // null when the year before was 0
	Approx   bool     `json:"approx,omitempty"`
}

// newJSONChange returns the JSON form of c, nil for none.
func newJSONChange(c *compare.Change) *jsonChange {
	if c == nil {
		return nil
	}
	j := &jsonChange{FromYear: c.FromYear, From: c.From, Abs: c.Abs, Approx: c.Approx}
	if c.HasPct() {
		p := c.Pct
		j.Pct = &p
	}
	return j
}

// jsonRow is a row of the JSON form.
type jsonRow struct {
	Label   string        `json:"label"`
	Town    string        `json:"town,omitempty"`
	County  string        `json:"county,omitempty"`
	Group   string        `json:"group,omitempty"`
	Code    string        `json:"division_code,omitempty"`
	Year    int           `json:"year,omitempty"`
	Subject string        `json:"subject,omitempty"`
	Cells   [][]jsonValue `json:"cells"`
}

// CompareJSON writes a comparison as one JSON object: title, columns and
// their units, rows of cells of values, statistics, methods and legends.
func CompareJSON(w io.Writer, t *compare.Table) error {
	doc := struct {
		Title   string    `json:"title"`
		Columns []string  `json:"columns"`
		Units   []string  `json:"units"`
		Rows    []jsonRow `json:"rows"`
		Stats   []string  `json:"stats"`
		Methods []string  `json:"methods,omitempty"`
		Legend  string    `json:"legend,omitempty"`
		AdHoc   []string  `json:"ad_hoc,omitempty"`
	}{Title: t.Name, Columns: t.Columns, Units: t.Units, Rows: []jsonRow{}, Stats: []string{}, Methods: t.Methods, AdHoc: t.AdHoc}
	if t.Derived {
		doc.Legend = DerivedLegend
	}
	for _, s := range t.Stats {
		doc.Stats = append(doc.Stats, statText(s))
	}
	for _, r := range t.Rows {
		jr := jsonRow{Label: r.Label, Town: r.Town, County: r.County, Group: r.Group, Code: r.Code, Year: r.Year, Subject: r.Subject,
			Cells: make([][]jsonValue, len(r.Cells))}
		for i, c := range r.Cells {
			jr.Cells[i] = make([]jsonValue, len(c))
			for k, v := range c {
				file := ""
				if v.Evidence != "" {
					file = DisplayPath(v.Path)
				}
				jr.Cells[i][k] = jsonValue{Text: valueText(v), Value: v.Value, Unit: v.Unit, Qualifier: v.Qualifier, Derived: v.Derived,
					Scope: v.Scope, Reports: v.Reports, Median: v.Median, Note: v.Note, Evidence: v.Evidence, Section: v.Section, File: file,
					Change: newJSONChange(v.Change), Rank: v.Rank, RankOf: v.RankOf}
			}
		}
		doc.Rows = append(doc.Rows, jr)
	}
	return writeJSON(w, doc)
}

// writeJSON writes v as indented JSON, with <, > and & as they are, and
// every string inert (inertJSON).
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(inertJSON(buf.Bytes()))
	return err
}

// CompareMD writes a comparison as a Markdown table, with what stands
// under it as a list and the evidence notes numbered.
func CompareMD(w io.Writer, t *compare.Table) error {
	fmt.Fprintf(w, "**%s**\n\n", mdEscape(t.Name))
	head := append([]string{""}, t.Columns...)
	for i := range head {
		head[i] = mdEscape(head[i])
	}
	fmt.Fprintf(w, "| %s |\n", strings.Join(head, " | "))
	fmt.Fprintf(w, "|%s\n", strings.Repeat("---|", len(head)))
	for _, r := range t.Rows {
		cells := []string{mdEscape(r.Label)}
		for _, c := range r.Cells {
			cells = append(cells, mdEscape(cellText(c, true)))
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
	}
	fmt.Fprintln(w)
	for _, s := range footer(t) {
		fmt.Fprintf(w, "- %s\n", mdEscape(s))
	}
	if len(t.Notes) > 0 {
		fmt.Fprintln(w)
		for _, n := range t.Notes {
			fmt.Fprintf(w, "%d. %s\n", n.Note, mdEscape(noteText(n)))
		}
	}
	return nil
}
