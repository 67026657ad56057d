package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"baogao/compare"
	"baogao/corpus"
	"baogao/extract"
	"baogao/render"
)

// ExtractOptions are the inputs of `baogao extract`.
type ExtractOptions struct {
	IO         *IOStreams
	Paths      []string
	Format     string
	MaxSize    int64
	Indicators []string
	Filter     filterFlags
	Wide       bool
	Catalogue  string
	// FollowLinks reads files that links in the folders lead to outside them.
	FollowLinks bool
}

// defaultMatrixIndicators are the columns of `extract --format compare` when
// --indicators is not given: the figures reviewers compare first.
var defaultMatrixIndicators = []string{
	"disputes_handled", "disputes_resolved", "mediation_success_rate",
	"publicity_events", "materials_distributed", "legal_literate_persons",
}

// NewCmdExtract builds `baogao extract`. runF replaces the run function in tests.
func NewCmdExtract(f *Factory, runF func(*ExtractOptions) error) *cobra.Command {
	opts := &ExtractOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "extract PATH...",
		Short: "Print the figures each report states, with their evidence",
		Long: `Read report files (or every report under the given folders: .txt, .docx,
.doc, .wps, .odt, .pdf, .ofd, .html), extract every
indicator of the catalogue with the sentence it came from, and print them.
No index is needed.

Formats: table (grouped by report, one line per value), compare (the review
sheet of 'baogao compare': a row per report, bodies such as 派出所 on rows of
their own, a column per indicator; --indicators picks the columns), json (the
machine-readable contract: one array, one object per report, in input
order), csv (one row per value, with the report's metadata).

A file that cannot be read (binary, empty, too large, not decodable, a
scanned PDF) gets one line on stderr; the others are still extracted, and
the exit code is 1. Files in the folders of types that are not read
(spreadsheets, images, archives) get one line each and are not failures;
a folder with nothing readable is.`,
		Example: `  baogao extract testdata/reports
  baogao extract --format json reports/ > figures.json
  baogao extract --format csv 王团镇_2024.txt
  baogao extract --format compare --indicators 调解成功率,法律明白人 reports/`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(opts)
			}
			return extractRun(opts)
		},
	}
	formatFlag(cmd, &opts.Format, "table", "table", "compare", "json", "csv")
	cmd.Flags().StringSliceVar(&opts.Indicators, "indicators", nil, "columns of --format compare: indicator IDs, labels or synonyms")
	cmd.Flags().Int64Var(&opts.MaxSize, "max-size", corpus.MaxFileSize, "largest report file to read, in bytes")
	cmd.Flags().BoolVar(&opts.Wide, "wide", false, "print whole sentences, however wide the table gets")
	addFollowLinksFlag(cmd, &opts.FollowLinks)
	addFilterFlags(cmd, &opts.Filter)
	addCatalogueFlag(cmd, &opts.Catalogue)
	return cmd
}

func extractRun(opts *ExtractOptions) error {
	filter, err := opts.Filter.filter()
	if err != nil {
		return err
	}
	cat, err := loadCatalogue(opts.Catalogue)
	if err != nil {
		return err
	}
	var cols []compare.Column
	if opts.Format == "compare" {
		if cols, err = indicatorColumns(cat, opts.Indicators); err != nil {
			return err
		}
	}
	all, failed := loadAll(opts.IO, opts.Paths, opts.MaxSize, cat, opts.FollowLinks)
	kept := selected(opts.IO, all, filter)
	reports := make([]*extract.Report, len(kept))
	for i, l := range kept {
		reports[i] = l.report
	}
	out, width := opts.IO.Out, tableWidth(opts.IO, opts.Wide, render.PipedWidth)
	switch opts.Format {
	case "compare":
		var sources []extract.Source
		var recs []extract.Record
		for _, r := range reports {
			sources = append(sources, r.Source())
			recs = append(recs, r.Records()...)
		}
		err = render.CompareTable(out, compare.Build(cols, sources, recs, compare.Options{Catalogue: cat}), width)
	case "json":
		err = render.ExtractJSON(out, reports)
	case "csv":
		err = render.ExtractCSV(out, reports)
	default:
		err = render.ExtractTable(out, reports, width)
	}
	if err != nil {
		return err
	}
	if len(all) == 0 && failed == 0 {
		return nothingReadable(opts.Paths, nil)
	}
	if failed > 0 {
		fmt.Fprintf(opts.IO.ErrOut, "baogao: %d of %d file(s) could not be read\n", failed, failed+len(all))
		return errReported
	}
	return nil
}

// indicatorColumns maps the --indicators words (IDs, labels or synonyms)
// to columns; a word that names no indicator is a usage error.
func indicatorColumns(cat *extract.Catalogue, words []string) ([]compare.Column, error) {
	if len(words) == 0 {
		words = defaultMatrixIndicators
	}
	cols := compare.Resolve(cat, words)
	for _, c := range cols {
		if c.AdHoc() {
			return nil, usagef("unknown indicator %q; known: %s", c.Term, strings.Join(cat.IDs(), ", "))
		}
	}
	return cols, nil
}
