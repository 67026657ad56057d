package render

import (
	"encoding/csv"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"baogao/check"
	"baogao/compare"
	"baogao/corpus"
	"baogao/extract"
)

// Warning is one warning of one report, as export lists it.
type Warning struct {
	Report  extract.Source
	Warning corpus.Warning
}

// Export is everything export writes: the records in long form, with
// their evidence; the warnings of their reports; and, for spreadsheets,
// one comparison per indicator.
type Export struct {
	Records  []extract.Record
	Warnings []Warning
	By       compare.By // the group column, when not by town
	Tables   []*compare.Table
}

// exportHeader is the header of the records in long form.
var exportHeader = []string{"path", "town", "county", "city", "province", "year", "indicator", "label", "value", "unit", "qualifier",
	"scope", "subject", "derived", "section", "evidence", "start", "end", "group"}

// group is the group column of a record: its county, city or province
// with --by, else "".
func (e *Export) group(r extract.Record) string {
	if e.By == "" || e.By == compare.ByTown {
		return ""
	}
	return compare.GroupOf(e.By, r.Source).Label
}

// recordCells are a record's cells in long form; year, value and offsets
// are numbers.
func (e *Export) recordCells(r extract.Record) []cell {
	year := text("")
	if r.Year != 0 {
		year = intCell(r.Year)
	}
	return []cell{text(DisplayPath(r.Path)), text(r.Town), text(r.County), text(r.City), text(r.Province), year,
		text(r.ID), text(r.Label), number(r.Value), text(r.Unit), text(r.Qualifier), text(string(r.Scope)), text(r.Subject),
		text(strconv.FormatBool(r.Derived)), text(r.Section), text(r.Evidence), intCell(r.Start), intCell(r.End), text(e.group(r))}
}

// warningHeader is the header of the warnings.
var warningHeader = []string{"path", "town", "year", "severity", "code", "message", "evidence"}

// warningCells are a warning's cells, under its finding code (see
// check.CodeOf).
func warningCells(w Warning) []cell {
	code, sev := check.CodeOf(w.Warning)
	return []cell{text(DisplayPath(w.Report.Path)), text(w.Report.Town), intCell(w.Report.Year), text(string(sev)), text(code),
		text(w.Warning.Message), text(w.Warning.Evidence)}
}

// strings writes cells as text, numbers as FormatNumber writes them.
func cellStrings(cs []cell) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.text
		if c.isNum {
			out[i] = FormatNumber(c.num)
		}
	}
	return out
}

// writeCSVFile writes a header and rows to a CSV file, all or nothing
// (see WriteFile).
func writeCSVFile(path string, header []string, rows [][]string) error {
	return WriteFile(path, func(w io.Writer) error {
		cw := csv.NewWriter(w)
		cw.Write(header)
		for _, r := range rows {
			cw.Write(SafeCSV(r))
		}
		cw.Flush()
		return cw.Error()
	})
}

// ExportCSV writes the records to path and the warnings next to it
// (FILE.warnings.csv).
func ExportCSV(path string, e *Export) error {
	var recs [][]string
	for _, r := range e.Records {
		recs = append(recs, cellStrings(e.recordCells(r)))
	}
	if err := writeCSVFile(path, exportHeader, recs); err != nil {
		return err
	}
	var ws [][]string
	for _, w := range e.Warnings {
		ws = append(ws, cellStrings(warningCells(w)))
	}
	return writeCSVFile(WarningsPath(path), warningHeader, ws)
}

// WarningsPath is where ExportCSV writes the warnings of an export to
// path.
func WarningsPath(path string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + ".warnings.csv"
}

// exportRecord is a record in the JSON form of an export.
type exportRecord struct {
	extract.Record
	Group string `json:"group,omitempty"`
}

// exportWarning is a warning in the JSON form of an export.
type exportWarning struct {
	Path     string         `json:"path"`
	Town     string         `json:"town"`
	Year     int            `json:"year"`
	Severity check.Severity `json:"severity"`
	Code     string         `json:"code"`
	Message  string         `json:"message"`
	Evidence string         `json:"evidence,omitempty"`
}

// ExportJSON writes {"records": […], "warnings": […]} to path.
func ExportJSON(path string, e *Export) error {
	doc := struct {
		Records  []exportRecord  `json:"records"`
		Warnings []exportWarning `json:"warnings"`
	}{[]exportRecord{}, []exportWarning{}}
	for _, r := range e.Records {
		g := e.group(r)
		r.Path = DisplayPath(r.Path)
		doc.Records = append(doc.Records, exportRecord{r, g})
	}
	for _, w := range e.Warnings {
		code, sev := check.CodeOf(w.Warning)
		doc.Warnings = append(doc.Warnings, exportWarning{DisplayPath(w.Report.Path), w.Report.Town, w.Report.Year, sev, code,
			w.Warning.Message, w.Warning.Evidence})
	}
	return WriteFile(path, func(w io.Writer) error { return writeJSON(w, doc) })
}

// ExportXLSX writes a workbook: a records sheet (long form, numbers as
// numbers), a warnings sheet, a sheet per indicator laid out as compare
// lays it out (see tableSheet), and their statistics.
func ExportXLSX(path string, e *Export) error {
	f := excelize.NewFile()
	defer f.Close()
	used := map[string]bool{}
	s, err := newSheet(f, sheetName("records", used))
	if err != nil {
		return err
	}
	if err := s.add(texts(exportHeader...)...); err != nil {
		return err
	}
	for _, r := range e.Records {
		if err := s.add(e.recordCells(r)...); err != nil {
			return err
		}
	}
	if s, err = newSheet(f, sheetName("warnings", used)); err != nil {
		return err
	}
	if err := s.add(texts(warningHeader...)...); err != nil {
		return err
	}
	for _, w := range e.Warnings {
		if err := s.add(warningCells(w)...); err != nil {
			return err
		}
	}
	for _, t := range e.Tables {
		if s, err = newSheet(f, sheetName(t.Columns[0], used)); err != nil {
			return err
		}
		if err := tableSheet(s, t); err != nil {
			return err
		}
	}
	if s, err = newSheet(f, sheetName("statistics", used)); err != nil {
		return err
	}
	if err := statsSheet(s, e.Tables); err != nil {
		return err
	}
	return saveXLSX(f, path)
}
