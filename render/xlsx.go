package render

import (
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"baogao/compare"
)

// sheetWriter writes rows of cells into one worksheet: text as text, never
// a formula, and numbers as numbers.
type sheetWriter struct {
	f     *excelize.File
	sheet string
	row   int // the last row written, 1-based
}

// cell is one cell of a row: text, or a number when isNum.
type cell struct {
	text  string
	num   float64
	isNum bool
	// comment, when not "", is attached to the cell.
	comment string
}

func text(s string) cell    { return cell{text: s} }
func number(v float64) cell { return cell{num: v, isNum: true} }
func intCell(n int) cell    { return cell{num: float64(n), isNum: true} }
func texts(ss ...string) []cell {
	out := make([]cell, len(ss))
	for i, s := range ss {
		out[i] = text(s)
	}
	return out
}

// add writes a row below the last.
func (s *sheetWriter) add(cells ...cell) error {
	s.row++
	for i, c := range cells {
		name, err := excelize.CoordinatesToCellName(i+1, s.row)
		if err != nil {
			return err
		}
		switch {
		case c.isNum:
			err = s.f.SetCellFloat(s.sheet, name, c.num, -1, 64)
		case c.text != "":
			err = s.f.SetCellStr(s.sheet, name, InertData(c.text)) // a string, never a formula
		}
		if err != nil {
			return err
		}
		if c.comment != "" {
			if err := s.f.AddComment(s.sheet, excelize.Comment{Cell: name, Author: "baogao", Paragraph: []excelize.RichTextRun{{Text: InertData(c.comment)}}}); err != nil {
				return err
			}
		}
	}
	return nil
}

// newSheet adds a worksheet named name (the first one takes the place of
// the new file's Sheet1).
func newSheet(f *excelize.File, name string) (*sheetWriter, error) {
	if f.SheetCount == 1 && f.GetSheetName(0) == "Sheet1" {
		if err := f.SetSheetName("Sheet1", name); err != nil {
			return nil, err
		}
	} else if _, err := f.NewSheet(name); err != nil {
		return nil, err
	}
	return &sheetWriter{f: f, sheet: name}, nil
}

// saveXLSX writes the workbook to path, all or nothing (see WriteFile),
// with mode 0644 (less what the umask takes), as other files are written;
// excelize's own SaveAs would make it executable.
func saveXLSX(f *excelize.File, path string) error {
	return WriteFile(path, func(w io.Writer) error {
		_, err := f.WriteTo(w)
		return err
	})
}

// tableSheet writes a comparison: a column for each of town and county
// (or group), year and body, then, for each of the table's columns, its
// values as numbers, with the unit in the header, and a note column for
// what a number alone does not say (≥, *, plan, median of 3, a second
// value); each value's evidence is a comment on its cell.
func tableSheet(s *sheetWriter, t *compare.Table) error {
	grouped := false
	for _, r := range t.Rows {
		grouped = grouped || r.Group != ""
	}
	head := []string{"town", "county"}
	if grouped {
		head = []string{"group"}
	}
	if !t.YearColumns {
		head = append(head, "year")
	}
	head = append(head, "subject")
	changes, ranks := hasChangeRank(t)
	for i, c := range t.Columns {
		if u := t.Units[i]; u != "" {
			c += " (" + u + ")"
		}
		head = append(head, c, t.Columns[i]+" note")
		if changes {
			head = append(head, t.Columns[i]+" change", t.Columns[i]+" change %")
		}
		if ranks {
			head = append(head, t.Columns[i]+" rank")
		}
	}
	if err := s.add(texts(head...)...); err != nil {
		return err
	}
	for _, r := range t.Rows {
		row := texts(r.Town, r.County)
		if grouped {
			row = texts(r.Group)
		}
		if !t.YearColumns {
			year := text("")
			if r.Year != 0 {
				year = intCell(r.Year)
			}
			row = append(row, year)
		}
		row = append(row, text(r.Subject))
		for i, c := range r.Cells {
			num, note := valueCells(c, t.Units[i])
			row = append(row, num, text(note))
			var v compare.Value
			if len(c) == 1 {
				v = c[0]
			}
			if changes {
				abs, pct := text(""), text("")
				if ch := v.Change; ch != nil {
					abs = number(ch.Abs)
					if ch.HasPct() {
						pct = number(ch.Pct)
					}
				}
				row = append(row, abs, pct)
			}
			if ranks {
				rank := text("")
				if v.Rank > 0 {
					rank = intCell(v.Rank)
				}
				row = append(row, rank)
			}
		}
		if err := s.add(row...); err != nil {
			return err
		}
	}
	return nil
}

// hasChangeRank reports whether any value of t has a change, and any a
// rank: the columns the sheet then gives them.
func hasChangeRank(t *compare.Table) (changes, ranks bool) {
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			for _, v := range c {
				changes = changes || v.Change != nil
				ranks = ranks || v.Rank > 0
			}
		}
	}
	return changes, ranks
}

// valueCells splits a cell of a comparison into a number cell (the first
// value in the column's unit) and a note: that value's marks and the
// other values, written out.
func valueCells(c []compare.Value, unit string) (num cell, note string) {
	first := -1
	for i, v := range c {
		if v.Unit == unit {
			first = i
			break
		}
	}
	var notes, evidence []string
	for i, v := range c {
		if v.Evidence != "" {
			evidence = append(evidence, valueText(v)+": "+v.Evidence+" ("+DisplayPath(v.Path)+")")
		}
		if i == first {
			continue
		}
		notes = append(notes, valueText(v))
	}
	if first >= 0 {
		v := c[first]
		num = number(v.Value)
		var marks []string
		if q := qualifierSign[v.Qualifier]; q != "" {
			marks = append(marks, q)
		}
		if v.Derived {
			marks = append(marks, "* derived")
		}
		if l := scopeLabel[v.Scope]; l != "" {
			marks = append(marks, l)
		}
		switch {
		case v.Median > 0:
			marks = append(marks, "median of "+strconv.Itoa(v.Median))
		case v.Reports > 1:
			marks = append(marks, strconv.Itoa(v.Reports)+" reports")
		}
		if len(c) > 1 {
			marks = append(marks, strconv.Itoa(len(c))+" values")
		}
		notes = append([]string{strings.Join(marks, ", ")}, notes...)
		if notes[0] == "" {
			notes = notes[1:]
		}
	}
	num.comment = strings.Join(evidence, "\n")
	return num, strings.Join(notes, "; ")
}

// statsSheet writes the statistics of tables, one row each with numbers in
// number cells, then the lines that stand under the tables.
func statsSheet(s *sheetWriter, tables []*compare.Table) error {
	if err := s.add(texts("column", "unit", "rows with a value", "rows", "values", "min", "median", "max", "qualified (≥ ~ ≤)", "in other units")...); err != nil {
		return err
	}
	var lines []string
	seen := map[string]bool{}
	for _, t := range tables {
		for _, st := range t.Stats {
			row := []cell{text(st.Name), text(st.Unit), intCell(st.RowsWith), intCell(st.Rows), intCell(st.Values)}
			if st.Values > 0 {
				row = append(row, number(st.Min), number(st.Median), number(st.Max))
			} else {
				row = append(row, text(""), text(""), text(""))
			}
			row = append(row, intCell(st.Qualified), intCell(st.Other))
			if err := s.add(row...); err != nil {
				return err
			}
		}
		for _, l := range append(legends(t), t.Methods...) {
			if !seen[l] {
				seen[l] = true
				lines = append(lines, l)
			}
		}
	}
	if len(lines) > 0 {
		s.row++
	}
	for _, l := range lines {
		if err := s.add(text(l)); err != nil {
			return err
		}
	}
	return nil
}

// CompareXLSX writes a comparison to a workbook: the table on a sheet
// "compare" (see tableSheet), its statistics and legends on a sheet
// "statistics".
func CompareXLSX(path string, t *compare.Table) error {
	f := excelize.NewFile()
	defer f.Close()
	s, err := newSheet(f, "compare")
	if err != nil {
		return err
	}
	if err := tableSheet(s, t); err != nil {
		return err
	}
	if s, err = newSheet(f, "statistics"); err != nil {
		return err
	}
	if err := statsSheet(s, []*compare.Table{t}); err != nil {
		return err
	}
	return saveXLSX(f, path)
}

// sheetName makes a valid, unique worksheet name (at most 31 characters,
// none of : \ / ? * [ ]).
func sheetName(name string, used map[string]bool) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, name)
	rs := []rune(name)
	if len(rs) > 28 {
		rs = rs[:28]
	}
	base := string(rs)
	out := base
	for i := 2; used[out]; i++ {
		out = base + "~" + strconv.Itoa(i)
	}
	used[out] = true
	return out
}
