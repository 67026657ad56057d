package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"baogao/check"
	"baogao/corpus"
	"baogao/index"
	"baogao/internal/parallel"
)

// CheckOptions are the flags of baogao check.
type CheckOptions struct {
	IO      *IOStreams
	Paths   []string
	Index   string
	Towns   []string
	Years   string
	Format  string
	FailOn  string
	MaxSize int64
}

// NewCmdCheck builds baogao check.
func NewCmdCheck(f *Factory) *cobra.Command {
	opts := &CheckOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Review reports: required parts, consistent figures, copies, foreign text",
		Long: `Checks the reports under PATH (or, without PATH, every report in the index):
whether each covers the parts the 督察工作规定 requires, whether its figures agree
(rates with their counts, parts with wholes, units, big jumps from the previous
year), whether it was copied from another town's report or its own earlier one
(boilerplate every report uses does not count), and whether it holds foreign
text or missing or contradictory metadata. A corpus summary comes first, then
the findings of each report, then the coverage matrix (towns × indicators).

Findings are data: the exit code is 0 unless --fail-on says otherwise.

Codes:
` + codeHelp(),
		Example: `  baogao check testdata/reports
  baogao check --year 2024 --format md > review.md
  baogao check reports/ --fail-on error`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if err := checkFormat(opts.Format, "table", "json", "csv", "md"); err != nil {
				return err
			}
			if opts.FailOn != "" {
				if err := checkFormat(opts.FailOn, "warning", "error"); err != nil {
					return usageError{fmt.Errorf("--fail-on: %w", err)}
				}
			}
			return checkRun(opts)
		},
	}
	addIndexFlag(cmd, &opts.Index)
	cmd.Flags().StringArrayVar(&opts.Towns, "town", nil, "only this town (repeatable)")
	cmd.Flags().StringVar(&opts.Years, "year", "", "only this year, or years like 2021-2024")
	cmd.Flags().StringVar(&opts.Format, "format", "table", "table, json, csv or md")
	cmd.Flags().StringVar(&opts.FailOn, "fail-on", "", "exit 1 when a finding is at least this severe: warning or error")
	cmd.Flags().Int64Var(&opts.MaxSize, "max-size", corpus.MaxFileSize, "largest report file to read, in bytes")
	return cmd
}

func codeHelp() string {
	var b strings.Builder
	for _, c := range check.Codes {
		fmt.Fprintf(&b, "  %-19s %-8s %s\n", c.Code, c.Severity, c.Means)
	}
	return b.String()
}

func checkRun(opts *CheckOptions) error {
	from, to, err := parseYears(opts.Years)
	if err != nil {
		return err
	}
	var inputs []check.Input
	failed := 0
	if len(opts.Paths) > 0 {
		var all []loaded
		all, failed = loadAll(opts.IO, opts.Paths, opts.MaxSize)
		for _, l := range all {
			inputs = append(inputs, check.Input{Report: l.report, Text: l.text})
		}
	} else {
		if inputs, err = indexCheckInputs(opts.Index); err != nil {
			return err
		}
	}
	towns := map[string]bool{}
	for _, t := range opts.Towns {
		towns[t] = true
	}
	kept := inputs[:0]
	for _, in := range inputs {
		m := in.Report.Meta
		if len(towns) > 0 && !towns[m.Town.Value] || from != 0 && m.Year < from || to != 0 && m.Year > to {
			continue
		}
		kept = append(kept, in)
	}
	res := check.Run(kept, check.Options{})
	for i := range res.Results {
		res.Results[i].File = displayPath(res.Results[i].File)
		for j := range res.Results[i].Findings {
			f := &res.Results[i].Findings[j]
			f.File = displayPath(f.File)
			if f.Other != "" {
				f.Other = displayPath(f.Other)
			}
		}
	}
	for i := range res.Coverage.Rows {
		res.Coverage.Rows[i].File = displayPath(res.Coverage.Rows[i].File)
	}
	switch opts.Format {
	case "json":
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", " ")
		err = enc.Encode(res)
	case "csv":
		err = writeCheckCSV(opts.IO.Out, res)
	case "md":
		err = writeCheckMD(opts.IO.Out, res)
	default:
		width := opts.IO.Width
		if width <= 0 {
			width = pipedWidth
		}
		err = writeCheckTable(opts.IO.Out, res, width)
	}
	if err != nil {
		return err
	}
	if failed > 0 {
		fmt.Fprintf(opts.IO.ErrOut, "baogao: %d file(s) could not be read\n", failed)
		return errReported
	}
	if opts.FailOn != "" {
		limit := check.Severity(opts.FailOn).Rank()
		for sev, n := range res.BySeverity {
			if n > 0 && sev.Rank() >= limit {
				fmt.Fprintf(opts.IO.ErrOut, "baogao: %d %s finding(s); --fail-on %s\n", n, sev, opts.FailOn)
				return errReported
			}
		}
	}
	return nil
}

// indexCheckInputs reads every ingested report back from the index.
func indexCheckInputs(indexFlag string) ([]check.Input, error) {
	ix, err := index.Open(indexPath(indexFlag))
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	metas, err := ix.Reports(index.RecordFilter{})
	if err != nil {
		return nil, err
	}
	out := make([]check.Input, len(metas))
	errs := make([]error, len(metas))
	parallel.For(len(metas), func(i int) {
		rep, secs, err := ix.Report(metas[i].Path)
		if err != nil {
			errs[i] = err
			return
		}
		rep.Sections = secs
		text, err := ix.Text(metas[i].Path)
		if err != nil {
			errs[i] = err
			return
		}
		rep.Path = metas[i].Path
		out[i] = check.Input{Report: rep, Text: text}
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func severityCounts(res *check.Result) string {
	return fmt.Sprintf("%d error(s), %d warning(s), %d info", res.BySeverity[check.Error], res.BySeverity[check.Warning], res.BySeverity[check.Info])
}

func codeCounts(res *check.Result) string {
	var codes []string
	for c := range res.ByCode {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	var parts []string
	for _, c := range codes {
		parts = append(parts, fmt.Sprintf("%s %d", c, res.ByCode[c]))
	}
	return strings.Join(parts, ", ")
}

func writeCheckTable(w io.Writer, res *check.Result, width int) error {
	fmt.Fprintf(w, "%d report(s): %s\n", res.Reports, severityCounts(res))
	if len(res.ByCode) > 0 {
		fmt.Fprintf(w, "by code: %s\n", codeCounts(res))
	}
	for _, r := range res.Results {
		if len(r.Findings) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s · %s  (%s)\n", orUnknown(r.Town), yearLabel(r.Year), inert(r.File))
		for _, f := range r.Findings {
			fmt.Fprintf(w, "  %-7s %-18s %s\n", f.Severity, f.Code, inert(f.Message))
			if f.Section != "" {
				fmt.Fprintf(w, "          %s\n", shorten(f.Section, 0, width-10))
			}
			if f.Evidence != "" {
				fmt.Fprintf(w, "          «%s»\n", shorten(f.Evidence, 0, width-12))
			}
		}
	}
	c := res.Coverage
	if len(c.Rows) == 0 {
		return nil
	}
	fmt.Fprintln(w, "\nCoverage (● reported, 0 stated as zero, · absent)")
	header := []string{""}
	for i := range c.Indicators {
		header = append(header, strconv.Itoa(i+1))
	}
	var rows [][]string
	for _, r := range c.Rows {
		row := []string{inert(orUnknown(r.Town) + " · " + yearLabel(r.Year))}
		for _, m := range r.Marks {
			row = append(row, map[string]string{"reported": "●", "zero": "0", "absent": "·"}[m])
		}
		rows = append(rows, row)
	}
	t := newTable(w, header)
	for _, r := range rows {
		if err := t.Append(r); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	var legend []string
	for i, id := range c.Indicators {
		n := c.Counts[id]
		legend = append(legend, fmt.Sprintf("%d %s (%d/%d)", i+1, c.Labels[i], n[0]+n[1], len(c.Rows)))
	}
	fmt.Fprintln(w, strings.Join(legend, "; "))
	return nil
}

func writeCheckCSV(w io.Writer, res *check.Result) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"file", "town", "year", "severity", "code", "message", "section", "evidence", "other"})
	for _, r := range res.Results {
		for _, f := range r.Findings {
			cw.Write(safeCSV([]string{r.File, r.Town, yearLabel(r.Year), string(f.Severity), f.Code, f.Message, f.Section, f.Evidence, f.Other}))
		}
	}
	cw.Flush()
	return cw.Error()
}

func writeCheckMD(w io.Writer, res *check.Result) error {
	fmt.Fprintf(w, "**%d report(s)**: %s\n\n", res.Reports, severityCounts(res))
	if len(res.ByCode) > 0 {
		fmt.Fprintf(w, "By code: %s\n\n", mdEscape(codeCounts(res)))
	}
	for _, r := range res.Results {
		if len(r.Findings) == 0 {
			continue
		}
		fmt.Fprintf(w, "### %s · %s (%s)\n\n", mdEscape(orUnknown(r.Town)), yearLabel(r.Year), mdEscape(r.File))
		for _, f := range r.Findings {
			fmt.Fprintf(w, "- **%s** `%s` %s", f.Severity, f.Code, mdEscape(f.Message))
			if f.Evidence != "" {
				fmt.Fprintf(w, " — «%s»", mdEscape(f.Evidence))
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w)
	}
	c := res.Coverage
	if len(c.Rows) > 0 {
		fmt.Fprintf(w, "### Coverage\n\n| | %s |\n|%s\n", strings.Join(c.Labels, " | "), strings.Repeat("---|", len(c.Labels)+1))
		for _, r := range c.Rows {
			marks := make([]string, len(r.Marks))
			for i, m := range r.Marks {
				marks[i] = map[string]string{"reported": "●", "zero": "0", "absent": "·"}[m]
			}
			fmt.Fprintf(w, "| %s · %s | %s |\n", mdEscape(orUnknown(r.Town)), yearLabel(r.Year), strings.Join(marks, " | "))
		}
	}
	return nil
}
