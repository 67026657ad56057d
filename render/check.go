package render

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"baogao/check"
	"baogao/extract"
)

// CheckJSON writes a check as one JSON object, with the files shown as
// DisplayPath shows them.
func CheckJSON(w io.Writer, res *check.Result) error {
	out := *res
	out.Results = make([]check.ReportFindings, len(res.Results))
	for i, r := range res.Results {
		r.File = DisplayPath(r.File)
		fs := make([]check.Finding, len(r.Findings))
		for j, f := range r.Findings {
			f.File = DisplayPath(f.File)
			if f.Other != "" {
				f.Other = DisplayPath(f.Other)
			}
			fs[j] = f
		}
		r.Findings = fs
		out.Results[i] = r
	}
	out.Coverage.Rows = make([]check.CoverageRow, len(res.Coverage.Rows))
	for i, r := range res.Coverage.Rows {
		r.File = DisplayPath(r.File)
		out.Coverage.Rows[i] = r
	}
	return writeJSON(w, &out)
}

// coverageMark is how the coverage matrix shows a mark.
var coverageMark = map[string]string{"reported": "●", "zero": "0", "absent": "·"}

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

// CheckTable prints a check: the corpus summary, each report's findings
// with their section and evidence (cut to width; 0 keeps them whole), and
// the coverage matrix.
func CheckTable(w io.Writer, res *check.Result, width int) error {
	fmt.Fprintf(w, "%d report(s): %s\n", res.Reports, severityCounts(res))
	if len(res.ByCode) > 0 {
		fmt.Fprintf(w, "by code: %s\n", codeCounts(res))
	}
	for _, r := range res.Results {
		if len(r.Findings) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s · %s  (%s)\n", Inert(orUnknown(r.Town)), extract.YearLabel(r.Year), Inert(DisplayPath(r.File)))
		for _, f := range r.Findings {
			msg := wrap(f.Message, width-29)
			fmt.Fprintf(w, "  %-7s %-18s %s\n", f.Severity, f.Code, msg[0])
			for _, l := range msg[1:] {
				fmt.Fprintf(w, "%29s%s\n", "", l)
			}
			if f.Section != "" {
				fmt.Fprintf(w, "          %s\n", Shorten(f.Section, 0, width-10))
			}
			if f.Evidence != "" {
				fmt.Fprintf(w, "          «%s»\n", Shorten(f.Evidence, 0, width-12))
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
		row := []string{Inert(orUnknown(r.Town) + " · " + extract.YearLabel(r.Year))}
		for _, m := range r.Marks {
			row = append(row, coverageMark[m])
		}
		rows = append(rows, row)
	}
	if err := Grid(w, header, rows); err != nil {
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

// CheckCSV writes one row per finding.
func CheckCSV(w io.Writer, res *check.Result) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"file", "town", "year", "severity", "code", "message", "section", "evidence", "other"})
	for _, r := range res.Results {
		for _, f := range r.Findings {
			cw.Write(SafeCSV([]string{DisplayPath(r.File), r.Town, extract.YearLabel(r.Year), string(f.Severity), f.Code, f.Message, f.Section, f.Evidence, DisplayPath(f.Other)}))
		}
	}
	cw.Flush()
	return cw.Error()
}

// CheckMD writes a check as Markdown: the summary, a section per report
// with findings, and the coverage matrix.
func CheckMD(w io.Writer, res *check.Result) error {
	fmt.Fprintf(w, "**%d report(s)**: %s\n\n", res.Reports, severityCounts(res))
	if len(res.ByCode) > 0 {
		fmt.Fprintf(w, "By code: %s\n\n", mdEscape(codeCounts(res)))
	}
	for _, r := range res.Results {
		if len(r.Findings) == 0 {
			continue
		}
		fmt.Fprintf(w, "### %s · %s (%s)\n\n", mdEscape(orUnknown(r.Town)), extract.YearLabel(r.Year), mdEscape(DisplayPath(r.File)))
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
				marks[i] = coverageMark[m]
			}
			fmt.Fprintf(w, "| %s · %s | %s |\n", mdEscape(orUnknown(r.Town)), extract.YearLabel(r.Year), strings.Join(marks, " | "))
		}
	}
	return nil
}
