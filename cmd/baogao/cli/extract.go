package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"baogao/corpus"
	"baogao/extract"
)

// ExtractOptions are the inputs of `baogao extract`.
type ExtractOptions struct {
	IO         *IOStreams
	Paths      []string
	Format     string
	MaxSize    int64
	Indicators []string
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

Formats: table (grouped by report, one line per value), compare (one row
per report, one column per indicator; --indicators picks the columns),
json (the machine-readable contract: one array, one object per report, in
input order), csv (one row per value, with the report's metadata).

A file that cannot be read (binary, empty, too large, not decodable, a
scanned PDF) gets one line on stderr; the others are still extracted, and
the exit code is 1. Files in the folders of types that are not read
(spreadsheets, images, archives) get one line each and are not failures;
a folder with nothing readable is.`,
		Example: `  baogao extract testdata/reports
  baogao extract --format json reports/ > figures.json
  baogao extract --format csv 王团镇_2024.txt
  baogao extract --format compare --indicators 调解成功率,法律明白人 reports/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Paths = args
			if err := checkFormat(opts.Format, "table", "compare", "json", "csv"); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return extractRun(f, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "table", "output format: table, compare, json or csv")
	cmd.Flags().StringSliceVar(&opts.Indicators, "indicators", nil, "columns of --format compare: indicator IDs, labels or synonyms")
	cmd.Flags().Int64Var(&opts.MaxSize, "max-size", corpus.MaxFileSize, "largest report file to read, in bytes")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion("table", "compare", "json", "csv"))
	return cmd
}

func extractRun(f *Factory, opts *ExtractOptions) error {
	var rules []*extract.Rule
	if opts.Format == "compare" {
		var err error
		if rules, err = resolveIndicators(extract.DefaultCatalogue, opts.Indicators); err != nil {
			return err
		}
	}
	reports, failed := loadReports(f, opts.Paths, opts.MaxSize)
	var err error
	switch opts.Format {
	case "compare":
		err = writeMatrix(opts.IO, reports, rules)
	case "json":
		err = writeJSON(opts.IO, reports)
	case "csv":
		err = writeExtractCSV(opts.IO, reports)
	default:
		err = writeExtractTable(opts.IO, reports)
	}
	if err != nil {
		return err
	}
	if len(reports) == 0 && failed == 0 {
		return nothingReadable(opts.Paths, nil)
	}
	if failed > 0 {
		fmt.Fprintf(opts.IO.ErrOut, "baogao: %d of %d file(s) could not be read\n", failed, failed+len(reports))
		return errReported
	}
	return nil
}

func writeJSON(io *IOStreams, reports []*extract.Report) error {
	if reports == nil {
		reports = []*extract.Report{}
	}
	enc := json.NewEncoder(io.Out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	return enc.Encode(reports)
}

// extractCSVHeader is the column list of `extract --format csv`.
var extractCSVHeader = []string{
	"path", "town", "county", "city", "province", "year", "year_source",
	"indicator", "label", "value", "unit", "qualifier", "scope", "subject", "derived",
	"section", "evidence", "start", "end", "rule",
}

func writeExtractCSV(io *IOStreams, reports []*extract.Report) error {
	w := csv.NewWriter(io.Out)
	if err := w.Write(extractCSVHeader); err != nil {
		return err
	}
	for _, r := range reports {
		m := r.Meta
		for _, ind := range r.Indicators {
			rec := []string{
				r.Path, m.Town.Value, m.County.Value, m.City.Value, m.Province.Value,
				strconv.Itoa(m.Year), string(m.YearSource),
				ind.ID, ind.Label, formatNumber(ind.Value), ind.Unit, ind.Qualifier, string(ind.Scope),
				ind.Subject, strconv.FormatBool(ind.Derived), ind.Section, ind.Evidence,
				strconv.Itoa(ind.Start), strconv.Itoa(ind.End), ind.Rule,
			}
			if err := w.Write(safeCSV(rec)); err != nil {
				return err
			}
		}
	}
	w.Flush()
	return w.Error()
}

// checkFormat returns a usage error unless format is one of allowed.
func checkFormat(format string, allowed ...string) error {
	for _, a := range allowed {
		if format == a {
			return nil
		}
	}
	return usageError{fmt.Errorf("unknown --format %q (want one of %v)", format, allowed)}
}

func fixedCompletion(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}
