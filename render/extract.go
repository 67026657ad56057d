package render

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"baogao/check"
	"baogao/corpus"
	"baogao/extract"
)

// reportTitle is how a report is named in grouped output: town · year · county.
func reportTitle(r *extract.Report) string {
	parts := []string{orUnknown(r.Meta.Town.Value), extract.YearLabel(r.Meta.Year)}
	if c := r.Meta.County.Value; c != "" {
		parts = append(parts, c)
	}
	return strings.Join(parts, " · ")
}

// minEvidence is the fewest columns the evidence column of a report's
// table is given: narrower, it wraps onto more lines instead.
const minEvidence = 24

// maxEvidenceLines is how many lines wrapped evidence may take.
const maxEvidenceLines = 3

// ExtractTable prints each report: its title, a table of its values
// (indicator, value, subject, scope, the sentence) and its warnings. The
// sentence is cut around its number to fit width, or wrapped where the
// other columns leave too little room; a width of 0 keeps it whole.
func ExtractTable(w io.Writer, reports []*extract.Report, width int) error {
	derived := false
	for i, r := range reports {
		if i > 0 {
			fmt.Fprintln(w)
		}
		title, tail := Inert(reportTitle(r))+"  (", fmt.Sprintf(", %d values)", len(r.Indicators))
		path := DisplayPath(r.Path)
		if width > 0 {
			path = Shorten(path, len(path), max(width-Width(title)-Width(tail), 12))
		}
		fmt.Fprintln(w, title+Inert(path)+tail)
		if len(r.Indicators) > 0 {
			rows := make([][]string, 0, len(r.Indicators))
			fixed := 0
			for _, ind := range r.Indicators {
				rows = append(rows, []string{Inert(ind.Label), FormatValue(ind), Inert(ind.Subject), scopeLabel[ind.Scope]})
				derived = derived || ind.Derived
			}
			for c := 0; c < 4; c++ {
				cw := 0
				for _, row := range rows {
					cw = max(cw, Width(row[c]))
				}
				fixed += max(cw, 4) + 3
			}
			// The grid adds 3 columns a cell and 1 at the end.
			evw := width - fixed - 4
			t := newTable(w, []string{"指标", "值", "主体", "范围", "依据"})
			for k, ind := range r.Indicators {
				focus := ind.NumStart - ind.Start
				if ind.NumEnd == 0 {
					focus = 0
				}
				if err := t.Append(append(rows[k], evidenceCell(ind.Evidence, focus, width, evw))); err != nil {
					return err
				}
			}
			if err := t.Render(); err != nil {
				return err
			}
		}
		Warnings(w, r.Warnings, width)
	}
	if derived {
		fmt.Fprintln(w)
		writeWrapped(w, DerivedLegend, width, 2)
	}
	return nil
}

// evidenceCell fits a sentence into a column of evw display columns: cut
// around its number, or, where the column is narrow, cut to a few lines'
// worth and wrapped. A width of 0 keeps the sentence whole.
func evidenceCell(ev string, focus, width, evw int) string {
	switch {
	case width <= 0:
		return Inert(ev)
	case evw >= minEvidence:
		return Shorten(ev, focus, evw)
	}
	evw = max(evw, 8)
	return strings.Join(wrap(Shorten(ev, focus, evw*maxEvidenceLines), evw), "\n")
}

// Warnings lists a report's warnings under their finding codes,
// wrapped to width.
func Warnings(w io.Writer, ws []corpus.Warning, width int) {
	for _, x := range ws {
		code, _ := check.CodeOf(x)
		writeWrapped(w, "  ! "+code+": "+x.Message, width, 6)
	}
}

// ExtractJSON writes the reports as the JSON contract of
// spec/indicators.md: one array, one object per report.
func ExtractJSON(w io.Writer, reports []*extract.Report) error {
	if reports == nil {
		reports = []*extract.Report{}
	}
	return writeJSON(w, reports)
}

// extractCSVHeader is the column list of ExtractCSV.
var extractCSVHeader = []string{
	"path", "town", "county", "city", "province", "year", "year_source",
	"indicator", "label", "value", "unit", "qualifier", "scope", "subject", "derived",
	"section", "evidence", "start", "end", "rule",
}

// ExtractCSV writes one row per value, with its report's metadata.
func ExtractCSV(w io.Writer, reports []*extract.Report) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(extractCSVHeader); err != nil {
		return err
	}
	for _, r := range reports {
		m := r.Meta
		for _, ind := range r.Indicators {
			rec := []string{
				r.Path, m.Town.Value, m.County.Value, m.City.Value, m.Province.Value,
				strconv.Itoa(m.Year), string(m.YearSource),
				ind.ID, ind.Label, FormatNumber(ind.Value), ind.Unit, ind.Qualifier, string(ind.Scope),
				ind.Subject, strconv.FormatBool(ind.Derived), ind.Section, ind.Evidence,
				strconv.Itoa(ind.Start), strconv.Itoa(ind.End), ind.Rule,
			}
			if err := cw.Write(SafeCSV(rec)); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// Show prints one report: each metadata field with where it was read,
// the outline of its sections with their scope and part, then its values
// and warnings as ExtractTable prints them.
func Show(w io.Writer, rep *extract.Report, secs []extract.Section, width int) error {
	m := rep.Meta
	fmt.Fprintf(w, "%s\n", Inert(DisplayPath(rep.Path)))
	fmt.Fprintf(w, "  encoding %s, sha256 %s\n", rep.Encoding, rep.Hash)
	field := func(name string, f corpus.Field) {
		fmt.Fprintf(w, "  %-9s %s  (%s)\n", name, Inert(orUnknown(f.Value)), f.Source)
	}
	field("title", m.Title)
	if m.DivisionCode.Known() {
		place := corpus.Place{Code: m.DivisionCode.Value, Town: m.Town.Value, County: m.County.Value, City: m.City.Value, Province: m.Province.Value}
		fmt.Fprintf(w, "  %-9s %s\n", "place", Inert(place.String()))
	}
	field("town", m.Town)
	field("county", m.County)
	field("city", m.City)
	field("province", m.Province)
	fmt.Fprintf(w, "  %-9s %s  (%s)", "year", extract.YearLabel(m.Year), m.YearSource)
	if m.YearHint != "" {
		fmt.Fprintf(w, "  %s", Inert(m.YearHint))
	}
	fmt.Fprintln(w)
	field("date", m.Date)
	field("doc_no", m.DocNo)
	field("code", m.DivisionCode)
	if len(secs) > 0 {
		fmt.Fprintln(w, "\nOutline")
		for _, s := range secs {
			tag := string(s.Scope)
			if s.Part != "" && string(s.Part) != tag {
				tag += ", " + string(s.Part)
			}
			fmt.Fprintf(w, "  %s%s  [%s]\n", strings.Repeat("  ", max(s.Level-1, 0)), Inert(s.Heading), tag)
		}
	}
	fmt.Fprintln(w)
	return ExtractTable(w, []*extract.Report{rep}, width)
}
