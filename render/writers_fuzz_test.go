package render

import (
	"encoding/csv"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"baogao/compare"
	"baogao/extract"
)

// FuzzWriters writes a comparison whose labels and evidence are any text
// in every format: nothing panics, csv cells never start like a formula,
// the terminal table carries no control character, and xlsx gives the
// text back as text.
func FuzzWriters(f *testing.F) {
	f.Add("王团镇 · 派出所", "=1+1", "调解成功率80%")
	f.Add("\x1b[31m", "+cmd|' /C calc'!A0", "@SUM(1)")
	f.Add("", "-", "\t=x")
	f.Fuzz(func(t *testing.T, label, text, evidence string) {
		v := compare.Value{Record: &extract.Record{Source: extract.Source{Path: label, Town: label},
			Indicator: extract.Indicator{Unit: text, Subject: text, Evidence: evidence}}, Note: 1}
		tab := compare.Build([]compare.Column{{Term: text, ID: "x", Label: text}}, nil, nil, compare.Options{})
		tab.Name = label
		tab.Columns = []string{text, "2024"}
		tab.Units = []string{text, ""}
		tab.Notes = []compare.Value{v}
		tab.Rows = []compare.Row{{Label: label, Town: label, Subject: text, Cells: [][]compare.Value{{v}, nil}}}
		tab.Methods = []string{evidence}
		var b strings.Builder
		if err := CompareTable(&b, tab, 80); err != nil {
			t.Fatal(err)
		}
		for _, r := range b.String() {
			if r == 0x1b || r == 0x07 || r < 0x20 && r != '\n' {
				t.Fatalf("control character %U in the table", r)
			}
		}
		var c strings.Builder
		if err := CompareCSV(&c, tab, true); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(strings.NewReader(c.String())).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range recs {
			for _, cell := range rec {
				if cell != "" && strings.ContainsRune("=+@\t\r", rune(cell[0])) {
					t.Fatalf("csv cell %q starts like a formula", cell)
				}
			}
		}
		if err := CompareMD(io.Discard, tab); err != nil {
			t.Fatal(err)
		}
		if err := CompareJSON(io.Discard, tab); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "f.xlsx")
		if err := CompareXLSX(path, tab); err != nil {
			return // excelize refuses some text (it says so); never a panic
		}
		x, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		for _, c := range []string{"A1", "A2", "D2", "E1", "F2"} {
			if fm, _ := x.GetCellFormula("compare", c); fm != "" {
				t.Fatalf("formula %q in %s from %q", fm, c, text)
			}
		}
	})
}
