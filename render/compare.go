package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

const derivedLegend = "* derived: computed from other figures in the same passage, not written in the report"

func adHocNote(t *cmpTable) string {
	if len(t.adHoc) == 0 {
		return ""
	}
	return "ad hoc (" + strings.Join(t.adHoc, ", ") + "): no indicator; the number written nearest the term in each sentence that contains it"
}

// writeCompareTable prints the comparison as a terminal table, then the
// legend, the statistics and the evidence notes shortened to width.
func writeCompareTable(w io.Writer, t *cmpTable, width int) error {
	fmt.Fprintln(w, inert(t.Title))
	rows := make([][]string, 0, len(t.Rows))
	for _, r := range t.Rows {
		row := []string{inert(r.Label)}
		for _, c := range r.Cells {
			row = append(row, inert(cellText(c, true)))
		}
		rows = append(rows, row)
	}
	header := []string{""}
	for _, c := range t.Columns {
		header = append(header, inert(c))
	}
	if err := renderRows(w, header, rows); err != nil {
		return err
	}
	if t.derived {
		fmt.Fprintln(w, derivedLegend)
	}
	if s := adHocNote(t); s != "" {
		fmt.Fprintln(w, s)
	}
	for _, s := range t.Stats {
		fmt.Fprintln(w, inert(s))
	}
	for i, n := range t.Notes {
		prefix := "[" + strconv.Itoa(i+1) + "] "
		fmt.Fprintln(w, prefix+shorten(n, 0, width-displayWidth.StringWidth(prefix)))
	}
	return nil
}

// compareHeader is the header of the flat (csv, xlsx) forms.
func compareHeader(t *cmpTable, evidence bool) []string {
	h := []string{"row", "town", "county", "year", "subject"}
	for _, c := range t.Columns {
		h = append(h, c)
		if evidence {
			h = append(h, c+" evidence", c+" file")
		}
	}
	return h
}

func compareRecord(t *cmpTable, r cmpRow, evidence bool) []string {
	year := ""
	if r.Year != 0 {
		year = strconv.Itoa(r.Year)
	}
	rec := []string{r.Label, r.Town, r.County, year, r.Subject}
	for _, c := range r.Cells {
		rec = append(rec, cellText(c, false))
		if evidence {
			var ev, files []string
			for _, v := range c {
				ev = append(ev, v.Evidence)
				files = append(files, v.File)
			}
			rec = append(rec, strings.Join(ev, " / "), strings.Join(files, " / "))
		}
	}
	return rec
}

func writeCompareCSV(w io.Writer, t *cmpTable, evidence bool) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(safeCSV(compareHeader(t, evidence))); err != nil {
		return err
	}
	for _, r := range t.Rows {
		if err := cw.Write(safeCSV(compareRecord(t, r, evidence))); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func writeCompareJSON(w io.Writer, t *cmpTable) error {
	doc := struct {
		*cmpTable
		Cells  []map[string][]cmpValue `json:"-"`
		Legend string                  `json:"legend,omitempty"`
		AdHoc  []string                `json:"ad_hoc,omitempty"`
	}{cmpTable: t, AdHoc: t.adHoc}
	if t.derived {
		doc.Legend = derivedLegend
	}
	for i := range t.Rows {
		for j := range t.Rows[i].Cells {
			if t.Rows[i].Cells[j] == nil {
				t.Rows[i].Cells[j] = []cmpValue{}
			}
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	return enc.Encode(doc)
}

// mdEscape keeps a cell from breaking a Markdown table.
func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "\r", " ").Replace(inert(s))
}

func writeCompareMD(w io.Writer, t *cmpTable) error {
	fmt.Fprintf(w, "**%s**\n\n", mdEscape(t.Title))
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
	if t.derived {
		fmt.Fprintf(w, "%s\n\n", derivedLegend)
	}
	if s := adHocNote(t); s != "" {
		fmt.Fprintf(w, "%s\n\n", mdEscape(s))
	}
	for _, s := range t.Stats {
		fmt.Fprintf(w, "- %s\n", mdEscape(s))
	}
	if len(t.Notes) > 0 {
		fmt.Fprintln(w)
		for i, n := range t.Notes {
			fmt.Fprintf(w, "%d. %s\n", i+1, mdEscape(n))
		}
	}
	return nil
}

// writeCompareXLSX writes the table to a workbook: values as text exactly
// as in the table, evidence as cell comments, statistics below.
func writeCompareXLSX(path string, t *cmpTable) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "compare"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	set := func(col, row int, v string) error {
		cell, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			return err
		}
		return f.SetCellStr(sheet, cell, v) // a string, never a formula
	}
	header := append([]string{""}, t.Columns...)
	for i, h := range header {
		if err := set(i+1, 1, h); err != nil {
			return err
		}
	}
	for ri, r := range t.Rows {
		row := ri + 2
		if err := set(1, row, r.Label); err != nil {
			return err
		}
		for ci, c := range r.Cells {
			if err := set(ci+2, row, cellText(c, false)); err != nil {
				return err
			}
			var ev []string
			for _, v := range c {
				if v.Evidence != "" {
					ev = append(ev, v.Text+": "+v.Evidence+" ("+v.File+")")
				}
			}
			if len(ev) > 0 {
				cell, _ := excelize.CoordinatesToCellName(ci+2, row)
				if err := f.AddComment(sheet, excelize.Comment{Cell: cell, Author: "baogao", Paragraph: []excelize.RichTextRun{{Text: strings.Join(ev, "\n")}}}); err != nil {
					return err
				}
			}
		}
	}
	row := len(t.Rows) + 3
	var foot []string
	if t.derived {
		foot = append(foot, derivedLegend)
	}
	if s := adHocNote(t); s != "" {
		foot = append(foot, s)
	}
	foot = append(foot, t.Stats...)
	for _, s := range foot {
		if err := set(1, row, s); err != nil {
			return err
		}
		row++
	}
	return f.SaveAs(path)
}
