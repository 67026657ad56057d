package cli

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"baogao/compare"
	"baogao/extract"
	"baogao/index"
	"baogao/render"
)

// CompareOptions are the flags of baogao compare.
type CompareOptions struct {
	IO       *IOStreams
	Terms    []string
	Index    string
	Filter   filterFlags
	Scope    compare.Scope
	Evidence bool
	Sort     compare.Sort
	By       compare.By
	Format   string
	Output   string
	Wide     bool
	// Change and Rank add each value's change from the year before and
	// its rank within its year (within its county, city or province with
	// RankWithin).
	Change     bool
	Rank       bool
	RankWithin compare.By
}

// compareFormats are the formats compare writes.
var compareFormats = []string{"table", "csv", "json", "md", "xlsx"}

// NewCmdCompare builds baogao compare.
func NewCmdCompare(f *Factory, runF func(*CompareOptions) error) *cobra.Command {
	opts := &CompareOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "compare TERM...",
		Short: "Compare figures across towns and years, from the index",
		Long: `Tabulates what the ingested reports state. TERM is an indicator ID, its
Chinese label or a synonym (化解率 and 调处成功率 mean mediation_success_rate),
or any other word: then the numbers written next to it in the reports' sentences
are shown (ad hoc).

One TERM: a row per town, a column per year. Several: a row per town and year,
a column per indicator — the review sheet. Each cell is what the report said
(≥4000 份 is not 4000 份; * marks a value computed from other figures); bodies
other than the town (派出所, 司法所) get rows of their own; — is no value.
Rows follow the division codes (province, city, county, town), or --sort value.

With --by county, city or province, counts are summed (a report that gives
only its bodies' figures counts with the largest), and a rate is recomputed
from the summed counts or is the median of the rates; how each column was
combined is said under the table.

--change adds each value's change from the same town's value a year before,
as a figure and in % (a rate's change is in points); --rank ranks the towns'
own values within each year (1 the largest; equal values share a rank), or
the groups with --by, and --rank-within county (city, province) ranks each
town within its county.

-o FILE writes the format its extension names (.csv, .json, .md, .xlsx).`,
		Example: `  baogao compare 调解成功率
  baogao compare 调解成功率 --year 2021-2024 --county 同心县 --evidence
  baogao compare disputes_handled disputes_resolved mediation_success_rate 法律明白人 -o review.xlsx
  baogao compare 调解成功率 --by county --sort value
  baogao compare 矛盾纠纷排查调处数 --change --rank --rank-within county
  baogao compare 法律援助`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Terms = args
			var err error
			if opts.Format, err = outputFormat(cmd, opts.Format, opts.Output, "table", compareFormats); err != nil {
				return err
			}
			if opts.Format == "xlsx" && opts.Output == "" {
				return usagef("--format xlsx needs -o FILE")
			}
			if err := checkOutput(opts.Index, opts.Output); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return compareRun(opts)
		},
	}
	addIndexFlag(cmd, &opts.Index)
	addFilterFlags(cmd, &opts.Filter)
	enumFlag(cmd, &opts.Scope, "scope", compare.Achievement, compare.Scopes, "statements shown")
	cmd.Flags().BoolVar(&opts.Evidence, "evidence", false, "show the sentence and file of every value")
	enumFlag(cmd, &opts.Sort, "sort", compare.ByPlace, compare.Sorts, "row order (town: by division code)")
	enumFlag(cmd, &opts.By, "by", compare.ByTown, compare.Bys, "what a row stands for")
	formatFlag(cmd, &opts.Format, "table", compareFormats...)
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write to FILE instead of standard output; its extension names the format")
	cmd.Flags().BoolVar(&opts.Wide, "wide", false, "print whole sentences, however wide the notes get")
	cmd.Flags().BoolVar(&opts.Change, "change", false, "add each value's change from the year before, as a figure and in %")
	cmd.Flags().BoolVar(&opts.Rank, "rank", false, "rank the values of each year, 1 the largest")
	enumFlag(cmd, &opts.RankWithin, "rank-within", "", []string{string(compare.ByCounty), string(compare.ByCity), string(compare.ByProvince)},
		"with --rank, rank each town within its")
	return cmd
}

func compareRun(opts *CompareOptions) error {
	// A comparison is built and printed in one go from data already in
	// memory; collecting garbage only when memory grows large makes a
	// national table print much sooner.
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(1 << 30))
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	filter, err := opts.Filter.filter()
	if err != nil {
		return err
	}
	if opts.RankWithin != "" && opts.By != compare.ByTown {
		return usagef("--rank-within ranks towns; with --by %s, --rank ranks the groups", opts.By)
	}
	if opts.RankWithin != "" {
		opts.Rank = true
	}
	ix, reports, err := openSelected(opts.IO, opts.Index, filter)
	if err != nil {
		return err
	}
	defer ix.Close()
	if reports == nil {
		return nil
	}
	cat, err := ix.Catalogue()
	if err != nil {
		return err
	}
	cols := compare.Resolve(cat, opts.Terms)
	for _, c := range cols {
		if c.AdHoc() && opts.By != compare.ByTown {
			return usagef("--by %s needs indicators; %q is an ad-hoc term", opts.By, c.Term)
		}
	}
	recs, err := ix.Records(filter, compare.IDs(cat, cols, opts.By)...)
	if err != nil {
		return err
	}
	if opts.Evidence {
		if err := ix.AddEvidence(recs); err != nil {
			return err
		}
	}
	for _, c := range cols {
		if !c.AdHoc() {
			continue
		}
		ad, err := adHocRecords(ix, c.Term, filter, reports)
		if err != nil {
			return err
		}
		recs = append(recs, ad...)
	}
	t := compare.Build(cols, reports, recs, compare.Options{Scope: opts.Scope, By: opts.By, Sort: opts.Sort, Evidence: opts.Evidence,
		YearRows: opts.Format == "xlsx", Change: opts.Change, Rank: opts.Rank, RankWithin: opts.RankWithin, Catalogue: cat})
	return writeComparison(opts, t)
}

// writeComparison writes a table in the format asked for, to -o FILE or
// standard output.
func writeComparison(opts *CompareOptions, t *compare.Table) error {
	if opts.Format == "xlsx" {
		return render.CompareXLSX(opts.Output, t)
	}
	width := tableWidth(opts.IO, opts.Wide, render.PipedWidth)
	if opts.Output != "" && !opts.Wide {
		width = render.PipedWidth
	}
	write := func(out io.Writer) error {
		switch opts.Format {
		case "csv":
			return render.CompareCSV(out, t, opts.Evidence)
		case "json":
			return render.CompareJSON(out, t)
		case "md":
			return render.CompareMD(out, t)
		}
		return render.CompareTable(out, t, width)
	}
	if opts.Output != "" {
		return render.WriteFile(opts.Output, write)
	}
	return write(opts.IO.Out)
}

// adHocRecords finds, in the reports that filter selects, the numbers
// that the sentences containing term write next to it; a term no report
// contains is an error that suggests indicators.
func adHocRecords(ix *index.Index, term string, filter extract.Filter, reports []extract.Source) ([]extract.Record, error) {
	out, total, err := ix.TermRecords(term, compare.AdHocID(term), filter, reports)
	if qe := (*index.QueryError)(nil); errors.As(err, &qe) {
		return nil, usagef("term %q: %v", term, err)
	}
	if err != nil {
		return nil, err
	}
	if total == 0 && filter.IsZero() {
		msg := fmt.Sprintf("%q is no indicator and no ingested report contains it", term)
		if s := compare.Suggest(ix.CatalogueOrDefault(), term); len(s) > 0 {
			msg += "; did you mean " + strings.Join(s, ", ") + "?"
		}
		return nil, fmt.Errorf("%s", msg)
	}
	return out, nil
}
