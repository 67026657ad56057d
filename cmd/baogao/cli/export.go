package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"baogao/compare"
	"baogao/render"
)

// ExportOptions are the flags of baogao export.
type ExportOptions struct {
	IO     *IOStreams
	Index  string
	Format string
	Output string
	Filter filterFlags
	Scope  compare.Scope
	By     compare.By
}

// exportFormats are the formats export writes.
var exportFormats = []string{"csv", "json", "xlsx"}

// evidenceChunk is how many records get their evidence between two
// progress updates.
const evidenceChunk = 2000

// NewCmdExport builds baogao export.
func NewCmdExport(f *Factory, runF func(*ExportOptions) error) *cobra.Command {
	opts := &ExportOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "export -o FILE",
		Short: "Write every indicator record, with evidence, for a spreadsheet or a program",
		Long: `Writes every indicator record of the index (or of the towns, counties, years
chosen) in long form, one row per record with its report's metadata, section
and evidence, and the reports' warnings. csv writes the warnings next to FILE
(FILE with .warnings.csv); json holds both; xlsx has a records sheet, a
warnings sheet, one sheet per indicator (a row per town and year, numbers in
number cells) and a statistics sheet. The extension of FILE names the format.`,
		Example: `  baogao export -o figures.xlsx
  baogao export -o 同心县.csv --county 同心县 --year 2021-2024`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Output == "" {
				return usagef("export needs -o FILE")
			}
			var err error
			if opts.Format, err = outputFormat(cmd, opts.Format, opts.Output, "csv", exportFormats); err != nil {
				return err
			}
			if err := checkOutput(opts.Index, opts.Output, render.WarningsPath(opts.Output)); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return exportRun(opts)
		},
	}
	addIndexFlag(cmd, &opts.Index)
	addFilterFlags(cmd, &opts.Filter)
	formatFlag(cmd, &opts.Format, "", exportFormats...)
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "file to write; its extension names the format (csv when it names none)")
	enumFlag(cmd, &opts.Scope, "scope", compare.All, compare.Scopes, "statements exported")
	enumFlag(cmd, &opts.By, "by", compare.ByTown, compare.Bys, "group column and xlsx indicator sheets by")
	return cmd
}

func exportRun(opts *ExportOptions) error {
	filter, err := opts.Filter.filter()
	if err != nil {
		return err
	}
	ix, reports, err := openSelected(opts.IO, opts.Index, filter)
	if err != nil {
		return err
	}
	defer ix.Close()
	if reports == nil {
		return nil
	}
	recs, err := ix.Records(filter)
	if err != nil {
		return err
	}
	prog := newProgress(opts.IO, "records with their evidence")
	for i := 0; i < len(recs); i += evidenceChunk {
		if err := ix.AddEvidence(recs[i:min(i+evidenceChunk, len(recs))]); err != nil {
			return err
		}
		prog.update(min(i+evidenceChunk, len(recs)), len(recs))
	}
	e := &render.Export{By: opts.By}
	for _, r := range recs {
		if opts.Scope.Keeps(r) {
			e.Records = append(e.Records, r)
		}
	}
	prog.step("reports' warnings")
	for i, rep := range reports {
		ws, err := ix.Warnings(rep.Path)
		if err != nil {
			return err
		}
		for _, w := range ws {
			e.Warnings = append(e.Warnings, render.Warning{Report: rep, Warning: w})
		}
		prog.update(i+1, len(reports))
	}
	prog.done()
	switch opts.Format {
	case "json":
		err = render.ExportJSON(opts.Output, e)
	case "xlsx":
		// One sheet per indicator, a row per town (or group) and year that
		// has a value.
		cat, cerr := ix.Catalogue()
		if cerr != nil {
			return cerr
		}
		for _, rule := range cat.Rules {
			cols := []compare.Column{{Term: rule.ID, ID: rule.ID, Label: rule.Label}}
			if t := compare.Build(cols, nil, e.Records, compare.Options{Scope: compare.All, By: opts.By, YearRows: true, Catalogue: cat}); hasValues(t) {
				e.Tables = append(e.Tables, t)
			}
		}
		err = render.ExportXLSX(opts.Output, e)
	default:
		err = render.ExportCSV(opts.Output, e)
	}
	if err != nil {
		return err
	}
	if opts.Format == "csv" {
		fmt.Fprintf(opts.IO.ErrOut, "wrote %d records of %d reports to %s and their %d warnings to %s\n", len(e.Records), len(reports),
			render.Inert(opts.Output), len(e.Warnings), render.Inert(render.WarningsPath(opts.Output)))
		return nil
	}
	fmt.Fprintf(opts.IO.ErrOut, "wrote %d records and %d warnings of %d reports to %s\n", len(e.Records), len(e.Warnings), len(reports), render.Inert(opts.Output))
	return nil
}

// hasValues reports whether some row of t has a value.
func hasValues(t *compare.Table) bool {
	for _, r := range t.Rows {
		if !r.IsEmpty() {
			return true
		}
	}
	return false
}
