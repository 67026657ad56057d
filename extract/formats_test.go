package extract_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"baogao/corpus"
	"baogao/extract"
)

// formatFiles hold one report in every format baogao reads
// (testdata/formats/make.sh says how each was made).
var formatFiles = []string{
	"report.docx", "report.doc", "report.wps", "report.odt",
	"report.pdf", "report-chromium.pdf", "report.ofd",
	"report-utf8.html", "report-gbk.html", "report-gbk-as-utf8.html",
}

// figures returns a report's records as comparable lines: indicator,
// value, unit, qualifier, scope, subject, derived and section, in order.
// Offsets and evidence are left out: they refer to each format's own
// normalised text.
func figures(r *extract.Report) []string {
	var out []string
	for _, ind := range r.Indicators {
		out = append(out, fmt.Sprintf("%s %g %s %s %s %s %v %s", ind.ID, ind.Value, ind.Unit, ind.Qualifier, ind.Scope, ind.Subject, ind.Derived, strings.ReplaceAll(ind.Section, " ", "")))
	}
	return out
}

// TestFormatsGiveSameFigures reads the report in every format and wants
// the figures, town, county and year of its .txt, and every record's
// evidence to be its span of the text.
func TestFormatsGiveSameFigures(t *testing.T) {
	var l corpus.Loader
	var x extract.Extractor
	ref, err := l.Load("../testdata/formats/report.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := x.NewReport(ref)
	if len(want.Indicators) < 10 {
		t.Fatalf("report.txt yields only %d records; the test needs figures to compare", len(want.Indicators))
	}
	for _, name := range formatFiles {
		t.Run(name, func(t *testing.T) {
			doc, err := l.Load(filepath.Join("../testdata/formats", name))
			if err != nil {
				t.Fatal(err)
			}
			got := x.NewReport(doc)
			if g, w := figures(got), figures(want); !slices.Equal(g, w) {
				t.Errorf("figures differ from report.txt:\n got %q\nwant %q", g, w)
			}
			gm, wm := got.Meta, want.Meta
			if gm.Town.Value != wm.Town.Value || gm.County.Value != wm.County.Value || gm.Year != wm.Year || gm.DivisionCode.Value != wm.DivisionCode.Value {
				t.Errorf("place and year %s %s %d %s, want %s %s %d %s", gm.Town.Value, gm.County.Value, gm.Year, gm.DivisionCode.Value,
					wm.Town.Value, wm.County.Value, wm.Year, wm.DivisionCode.Value)
			}
			for _, ind := range got.Indicators {
				if ind.Start < 0 || ind.End > len(doc.Text) || ind.Start > ind.End || doc.Text[ind.Start:ind.End] != ind.Evidence {
					t.Errorf("%s: evidence %q is not text[%d:%d]", ind.ID, ind.Evidence, ind.Start, ind.End)
				}
			}
		})
	}
}
