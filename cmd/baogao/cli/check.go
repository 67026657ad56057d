package cli

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"baogao/check"
	"baogao/corpus"
	"baogao/extract"
	"baogao/render"
)

// CheckOptions are the flags of baogao check.
type CheckOptions struct {
	IO        *IOStreams
	Paths     []string
	Index     string
	Filter    filterFlags
	Format    string
	FailOn    check.Severity
	MaxSize   int64
	Wide      bool
	Catalogue string
	// FollowLinks reads files that links in the folders lead to outside them.
	FollowLinks bool
}

// NewCmdCheck builds baogao check.
func NewCmdCheck(f *Factory, runF func(*CheckOptions) error) *cobra.Command {
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

Findings are data: the exit code is 0 unless --fail-on says otherwise. The
codes are the ones show and export give a report's warnings:
` + codeHelp(),
		Example: `  baogao check testdata/reports
  baogao check --year 2024 --format md > review.md
  baogao check reports/ --fail-on error`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(opts)
			}
			return checkRun(opts)
		},
	}
	addIndexFlag(cmd, &opts.Index)
	addFilterFlags(cmd, &opts.Filter)
	formatFlag(cmd, &opts.Format, "table", "table", "json", "csv", "md")
	enumFlag(cmd, &opts.FailOn, "fail-on", "", []string{string(check.Warning), string(check.Error)}, "exit 1 when a finding is at least this severe")
	cmd.Flags().Int64Var(&opts.MaxSize, "max-size", corpus.MaxFileSize, "largest report file to read, in bytes")
	cmd.Flags().BoolVar(&opts.Wide, "wide", false, "print whole sections and passages, however wide")
	addCatalogueFlag(cmd, &opts.Catalogue)
	addFollowLinksFlag(cmd, &opts.FollowLinks)
	return cmd
}

func codeHelp() string {
	var b strings.Builder
	for _, c := range check.Codes {
		fmt.Fprintf(&b, "  %-19s %-8s %s\n", c.Code, c.Severity, c.Means)
	}
	return b.String()
}

// checkMemoryLimit is the soft limit of the Go heap during a check. At
// 40,000 reports, the shingle sets and what the checks keep of each report
// are about 0.65 GB at most; collecting garbage only as the GC percentage
// says would let the heap grow to several times that, beside the index
// files the reading maps into memory (about 0.5 GB more of the RSS).
const checkMemoryLimit = 768 << 20

func checkRun(opts *CheckOptions) error {
	filter, err := opts.Filter.filter()
	if err != nil {
		return err
	}
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(checkMemoryLimit))
	prog := newProgress(opts.IO, "")
	copt := check.Options{Progress: func(step string, done, total int) {
		prog.step(step)
		prog.update(done, total)
	}}
	var res *check.Result
	failed := 0
	if len(opts.Paths) > 0 {
		var all []loaded
		cat, err := loadCatalogue(opts.Catalogue)
		if err != nil {
			return err
		}
		copt.Catalogue = cat
		all, failed = loadAll(opts.IO, opts.Paths, opts.MaxSize, cat, opts.FollowLinks)
		var inputs []check.Input
		for _, l := range selected(opts.IO, all, filter) {
			inputs = append(inputs, check.Input{Report: l.report, Text: l.text})
		}
		res = check.Run(inputs, copt)
	} else if res, err = checkIndex(opts, filter, copt); err != nil || res == nil {
		return err
	}
	prog.done()
	width := tableWidth(opts.IO, opts.Wide, render.PipedWidth)
	switch opts.Format {
	case "json":
		err = render.CheckJSON(opts.IO.Out, res)
	case "csv":
		err = render.CheckCSV(opts.IO.Out, res)
	case "md":
		err = render.CheckMD(opts.IO.Out, res)
	default:
		err = render.CheckTable(opts.IO.Out, res, width)
	}
	if err != nil {
		return err
	}
	if failed > 0 {
		fmt.Fprintf(opts.IO.ErrOut, "baogao: %d file(s) could not be read\n", failed)
		return errReported
	}
	if opts.FailOn != "" {
		limit := opts.FailOn.Rank()
		for sev, n := range res.BySeverity {
			if n > 0 && sev.Rank() >= limit {
				fmt.Fprintf(opts.IO.ErrOut, "baogao: %d %s finding(s); --fail-on %s\n", n, sev, opts.FailOn)
				return errReported
			}
		}
	}
	return nil
}

// checkIndex checks the ingested reports that filter selects, reading
// them back from the index one at a time; nil when there is none.
func checkIndex(opts *CheckOptions, filter extract.Filter, copt check.Options) (*check.Result, error) {
	ix, metas, err := openSelected(opts.IO, opts.Index, filter)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	if metas == nil {
		return nil, nil
	}
	if copt.Catalogue, err = ix.Catalogue(); err != nil {
		return nil, err
	}
	return check.RunStored(ix, metas, copt)
}
