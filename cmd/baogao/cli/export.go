package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/xuri/excelize/v2"

	"baogao/extract"
	"baogao/index"
)

// ExportOptions are the flags of baogao export.
type ExportOptions struct {
	IO     *IOStreams
	Index  string
	Format string
	Output string
	Years  string
	Towns  []string
	County string
	Scope  string
	By     string
}

// NewCmdExport builds baogao export.
func NewCmdExport(f *Factory) *cobra.Command {
	opts := &ExportOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "export -o FILE",
		Short: "Write every indicator record, with evidence, for a spreadsheet or a program",
		Long: `Writes every indicator record of the index (or of the towns, county, years
chosen) in long form, one row per record with its report's metadata, section
and evidence, and the reports' warnings. csv writes the warnings next to FILE
(FILE with .warnings.csv); json holds both; xlsx has a records sheet, a
warnings sheet and one sheet per indicator laid out town × year.`,
		Example: `  baogao export -o figures.xlsx --format xlsx
  baogao export -o 同心县.csv --county 同心县 --years 2021-2024`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(opts.Format, "csv", "json", "xlsx"); err != nil {
				return err
			}
			if err := checkFormat(opts.Scope, "achievement", "plan", "all"); err != nil {
				return usageError{fmt.Errorf("--scope: %w", err)}
			}
			if opts.Output == "" {
				return usageError{fmt.Errorf("export needs -o FILE")}
			}
			if err := checkFormat(opts.By, "town", "county", "city", "province"); err != nil {
				return usageError{fmt.Errorf("--by: %w", err)}
			}
			return exportRun(opts)
		},
	}
	addIndexFlag(cmd, &opts.Index)
	cmd.Flags().StringVar(&opts.Format, "format", "", "csv, json or xlsx (default: from the file name, else csv)")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "file to write")
	cmd.Flags().StringVar(&opts.Years, "years", "", "years, like 2023 or 2021-2024")
	cmd.Flags().StringArrayVar(&opts.Towns, "town", nil, "only this town (repeatable)")
	cmd.Flags().StringVar(&opts.County, "county", "", "only this county")
	cmd.Flags().StringVar(&opts.Scope, "scope", "all", "achievement, plan or all")
	cmd.Flags().StringVar(&opts.By, "by", "town", "group column and xlsx indicator sheets by town, county, city or province")
	cmd.PreRunE = func(cmd *cobra.Command, args []string) error {
		if opts.Format == "" {
			switch strings.ToLower(filepath.Ext(opts.Output)) {
			case ".json":
				opts.Format = "json"
			case ".xlsx":
				opts.Format = "xlsx"
			default:
				opts.Format = "csv"
			}
		}
		return nil
	}
	return cmd
}

// exportRow is one record in long form.
type exportRow struct {
	index.Record
	Label string `json:"label"`
	Group string `json:"group,omitempty"` // with --by county|city|province
}

// exportWarning is one warning of one report.
type exportWarning struct {
	Path     string `json:"path"`
	Town     string `json:"town"`
	Year     int    `json:"year"`
	Code     string `json:"code"`
	Message  string `json:"message"`
	Evidence string `json:"evidence,omitempty"`
}

func exportRun(opts *ExportOptions) error {
	from, to, err := parseYears(opts.Years)
	if err != nil {
		return err
	}
	ix, err := index.Open(indexPath(opts.Index))
	if err != nil {
		return err
	}
	defer ix.Close()
	filter := index.RecordFilter{Towns: opts.Towns, County: opts.County, YearFrom: from, YearTo: to}
	reports, err := ix.Reports(filter)
	if err != nil {
		return err
	}
	recs, err := ix.Records(filter)
	if err != nil {
		return err
	}
	if err := ix.AddEvidence(recs); err != nil {
		return err
	}
	var rows []exportRow
	for _, r := range recs {
		if opts.Scope != "all" && r.Scope != opts.Scope {
			continue
		}
		label := r.ID
		if rule := extract.DefaultCatalogue.Rule(r.ID); rule != nil {
			label = rule.Label
		}
		r.Path = displayPath(r.Path)
		row := exportRow{Record: r, Label: label}
		if opts.By != "town" {
			_, row.Group = groupOf(opts.By, r.County, r.City, r.Province)
		}
		rows = append(rows, row)
	}
	var warns []exportWarning
	for _, rep := range reports {
		ws, err := ix.Warnings(rep.Path)
		if err != nil {
			return err
		}
		for _, w := range ws {
			warns = append(warns, exportWarning{Path: displayPath(rep.Path), Town: rep.Town, Year: rep.Year, Code: w.Code, Message: w.Message, Evidence: w.Evidence})
		}
	}
	switch opts.Format {
	case "json":
		err = writeExportJSON(opts.Output, rows, warns)
	case "xlsx":
		err = writeExportXLSX(opts.Output, rows, warns, reports, opts.By)
	default:
		err = writeExportCSV(opts.Output, rows, warns)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.ErrOut, "wrote %d records and %d warnings of %d reports to %s\n", len(rows), len(warns), len(reports), opts.Output)
	return nil
}

var exportHeader = []string{"path", "town", "county", "city", "province", "year", "indicator", "label", "value", "unit", "qualifier",
	"scope", "subject", "derived", "section", "evidence", "start", "end", "group"}

func (r exportRow) fields() []string {
	year := ""
	if r.Year != 0 {
		year = strconv.Itoa(r.Year)
	}
	return []string{r.Path, r.Town, r.County, r.City, r.Province, year, r.ID, r.Label, formatNumber(r.Value), r.Unit, r.Qualifier,
		r.Scope, r.Subject, strconv.FormatBool(r.Derived), r.Section, r.Evidence, strconv.Itoa(r.Start), strconv.Itoa(r.End), r.Group}
}

var warningHeader = []string{"path", "town", "year", "code", "message", "evidence"}

func (w exportWarning) fields() []string {
	return []string{w.Path, w.Town, strconv.Itoa(w.Year), w.Code, w.Message, w.Evidence}
}

func writeCSVFile(path string, header []string, rows [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(f)
	cw.Write(header)
	for _, r := range rows {
		cw.Write(safeCSV(r))
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func writeExportCSV(path string, rows []exportRow, warns []exportWarning) error {
	var recs [][]string
	for _, r := range rows {
		recs = append(recs, r.fields())
	}
	if err := writeCSVFile(path, exportHeader, recs); err != nil {
		return err
	}
	var ws [][]string
	for _, w := range warns {
		ws = append(ws, w.fields())
	}
	return writeCSVFile(strings.TrimSuffix(path, filepath.Ext(path))+".warnings.csv", warningHeader, ws)
}

func writeExportJSON(path string, rows []exportRow, warns []exportWarning) error {
	if rows == nil {
		rows = []exportRow{}
	}
	if warns == nil {
		warns = []exportWarning{}
	}
	b, err := json.MarshalIndent(struct {
		Records  []exportRow     `json:"records"`
		Warnings []exportWarning `json:"warnings"`
	}{rows, warns}, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
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

func writeExportXLSX(path string, rows []exportRow, warns []exportWarning, reports []index.ReportMeta, by string) error {
	f := excelize.NewFile()
	defer f.Close()
	used := map[string]bool{}
	writeSheet := func(sheet string, header []string, data [][]string) error {
		for i, h := range append([][]string{header}, data...) {
			for j, v := range h {
				cell, err := excelize.CoordinatesToCellName(j+1, i+1)
				if err != nil {
					return err
				}
				if err := f.SetCellStr(sheet, cell, v); err != nil { // text, never a formula
					return err
				}
			}
		}
		return nil
	}
	recSheet := sheetName("records", used)
	if err := f.SetSheetName("Sheet1", recSheet); err != nil {
		return err
	}
	var data [][]string
	for _, r := range rows {
		data = append(data, r.fields())
	}
	if err := writeSheet(recSheet, exportHeader, data); err != nil {
		return err
	}
	// value as a number too, so that the sheet can be sorted and summed
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(9, i+2)
		if err := f.SetCellFloat(recSheet, cell, r.Value, -1, 64); err != nil {
			return err
		}
	}
	warnSheet := sheetName("warnings", used)
	if _, err := f.NewSheet(warnSheet); err != nil {
		return err
	}
	data = nil
	for _, w := range warns {
		data = append(data, w.fields())
	}
	if err := writeSheet(warnSheet, warningHeader, data); err != nil {
		return err
	}
	// One sheet per indicator, town × year, as compare lays it out.
	for _, rule := range extract.DefaultCatalogue.Rules {
		var recs []index.Record
		for _, r := range rows {
			if r.ID == rule.ID {
				recs = append(recs, r.Record)
			}
		}
		if len(recs) == 0 {
			continue
		}
		cols := []column{{Term: rule.ID, ID: rule.ID, Label: rule.Label}}
		var t *cmpTable
		if by == "town" {
			t = buildCompare(cols, reports, recs, true, "town")
		} else {
			var all []index.Record
			for _, r := range rows {
				all = append(all, r.Record)
			}
			t = buildGrouped(cols, reports, recs, all, by)
		}
		sheet := sheetName(rule.Label, used)
		if _, err := f.NewSheet(sheet); err != nil {
			return err
		}
		data = nil
		for _, r := range t.Rows {
			row := []string{r.Label}
			for _, c := range r.Cells {
				row = append(row, cellText(c, false))
			}
			data = append(data, row)
		}
		if err := writeSheet(sheet, append([]string{""}, t.Columns...), data); err != nil {
			return err
		}
	}
	return f.SaveAs(path)
}
