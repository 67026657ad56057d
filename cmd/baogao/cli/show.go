package cli

import (
	"fmt"
	"os"
	"strconv"

	"github.com/spf13/cobra"

	"baogao/corpus"
	"baogao/extract"
	"baogao/index"
	"baogao/render"
)

// ShowOptions are the flags of baogao show.
type ShowOptions struct {
	IO    *IOStreams
	Args  []string
	Index string
	Wide  bool
}

// NewCmdShow builds baogao show.
func NewCmdShow(f *Factory, runF func(*ShowOptions) error) *cobra.Command {
	opts := &ShowOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "show REPORT | show TOWN [YEAR]",
		Short: "Show one report: metadata, outline, figures and warnings",
		Long: `Shows what baogao knows of one report: each metadata field with where it was
read from, the outline of its sections with their scope, every figure with
its evidence, and the warnings. REPORT is the path of an ingested file (a file
not in the index is read directly), or a town with an optional year.`,
		Example: `  baogao show 王团镇 2024
  baogao show testdata/reports/004_1113006dcd718aa6.txt`,
		Args: usageArgs(cobra.RangeArgs(1, 2)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Args = args
			if runF != nil {
				return runF(opts)
			}
			return showRun(opts)
		},
	}
	addIndexFlag(cmd, &opts.Index)
	cmd.Flags().BoolVar(&opts.Wide, "wide", false, "print whole sentences, however wide the table gets")
	return cmd
}

func showRun(opts *ShowOptions) error {
	arg := opts.Args[0]
	isFile := false
	if st, err := os.Stat(arg); err == nil && !st.IsDir() {
		isFile = true
	}
	ix, ierr := index.Open(indexPath(opts.Index))
	if ierr == nil {
		defer ix.Close()
	}
	var rep *extract.Report
	var secs []extract.Section
	switch {
	case ierr == nil && isFile:
		var err error
		if rep, secs, err = ix.Report(arg); err != nil {
			rep, secs = nil, nil // not ingested: read it below
		}
	case !isFile:
		if ierr != nil {
			return ierr
		}
		year := 0
		if len(opts.Args) == 2 {
			y, err := strconv.Atoi(opts.Args[1])
			if err != nil {
				return usagef("year %q is not a number", opts.Args[1])
			}
			year = y
		}
		all, err := ix.Reports(extract.Filter{})
		if err != nil {
			return err
		}
		filter := extract.Filter{Towns: []string{arg}, From: year, To: year}
		var found []extract.Source
		for _, s := range all {
			if filter.Selects(s) {
				found = append(found, s)
			}
		}
		switch len(found) {
		case 0:
			sayEmpty(opts.IO, all, filter)
			return errReported
		case 1:
			if rep, secs, err = ix.Report(found[0].Path); err != nil {
				return err
			}
		default:
			fmt.Fprintf(opts.IO.ErrOut, "baogao: %d reports of %s%s; name one:\n", len(found), render.Inert(arg), yearText(year))
			for _, s := range found {
				fmt.Fprintf(opts.IO.ErrOut, "  baogao show %s\n", render.Inert(render.DisplayPath(s.Path)))
			}
			return errReported
		}
	}
	if rep == nil {
		if !isFile {
			return fmt.Errorf("%s: no such file", arg)
		}
		var l corpus.Loader
		doc, err := l.Load(arg)
		if err != nil {
			return err
		}
		var x extract.Extractor
		rep = x.NewReport(doc)
		secs = rep.Sections
	}
	return render.Show(opts.IO.Out, rep, secs, tableWidth(opts.IO, opts.Wide, render.PipedWidth))
}

// yearText is " 2024", or "" for no year.
func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return " " + strconv.Itoa(y)
}
