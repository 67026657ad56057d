package cli

import (
	"fmt"
	"os"
	"os/signal"
	"sort"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"baogao/corpus"
	"baogao/extract"
	"baogao/index"
	"baogao/render"
)

// IngestOptions are the flags of baogao ingest.
type IngestOptions struct {
	IO        *IOStreams
	Paths     []string
	Index     string
	Rebuild   bool
	Prune     bool
	Warnings  bool
	MaxSize   int64
	Catalogue string
	// FollowLinks reads files that links in the folders lead to outside them.
	FollowLinks bool
}

// NewCmdIngest builds baogao ingest.
func NewCmdIngest(f *Factory, runF func(*IngestOptions) error) *cobra.Command {
	opts := &IngestOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "ingest DIR...",
		Short: "Add reports to the index, or bring it up to date",
		Long: `Reads the reports under each DIR (.txt, .docx, .doc, .wps, .odt, .pdf, .ofd,
.html; and files named directly), extracts
their figures and indexes text and figures for search and show. Run it again
whenever a folder changes: unchanged files are skipped, changed files replace
their old report and figures, --prune drops reports whose files are gone.`,
		Example: `  baogao ingest testdata/reports
  baogao ingest --prune reports/2023 reports/2024
  BAOGAO_INDEX=/data/baogao.index baogao ingest reports/`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(opts)
			}
			return ingestRun(opts)
		},
	}
	addIndexFlag(cmd, &opts.Index)
	cmd.Flags().BoolVar(&opts.Rebuild, "rebuild", false, "remove the index and build it again")
	cmd.Flags().BoolVar(&opts.Prune, "prune", false, "remove reports whose files no longer exist")
	cmd.Flags().BoolVar(&opts.Warnings, "warnings", false, "list the warnings of each changed report")
	cmd.Flags().Int64Var(&opts.MaxSize, "max-size", corpus.MaxFileSize, "largest report file to read, in bytes")
	cmd.Flags().StringVar(&opts.Catalogue, "catalogue", os.Getenv(catalogueEnv),
		"a TOML file of indicators of your own, laid over the built-in ones; "+builtInCatalogue+" for the built-in ones alone (default $"+catalogueEnv+", else the index's own)")
	addFollowLinksFlag(cmd, &opts.FollowLinks)
	return cmd
}

func ingestRun(opts *IngestOptions) error {
	// A catalogue named reads the figures; none keeps the index's own.
	var cat *extract.Catalogue
	if opts.Catalogue != "" {
		var err error
		if cat, err = loadCatalogue(opts.Catalogue); err != nil {
			return err
		}
	}
	ix, err := index.OpenWrite(indexPath(opts.Index), opts.Rebuild)
	if err != nil {
		return err
	}
	defer ix.Close()
	prog := newProgress(opts.IO, "files")
	// Ctrl-C (or SIGTERM) stops the ingest after the files in hand; what
	// is done is saved.
	stop := make(chan struct{})
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	finished := make(chan struct{})
	defer close(finished)
	go func() {
		select {
		case <-sig:
			close(stop)
		case <-finished:
		}
	}()
	sum, err := ix.Ingest(opts.Paths, index.IngestOptions{MaxSize: opts.MaxSize, Prune: opts.Prune, FollowLinks: opts.FollowLinks, Progress: prog.update, Stop: stop, Catalogue: cat})
	prog.done()
	if err != nil {
		return err
	}
	writeSkipped(opts.IO.ErrOut, sum.Skipped)
	for _, e := range sum.Failures {
		sayError(opts.IO.ErrOut, e)
	}
	out := opts.IO.Out
	fmt.Fprintf(out, "found %d, added %d, updated %d, unchanged %d, removed %d, failed %d\n",
		sum.Found, sum.Added, sum.Updated, sum.Unchanged, sum.Removed, len(sum.Failures))
	writeByFormat(out, sum)
	if sum.Reread > 0 {
		fmt.Fprintf(out, "read again with the catalogue: %d report(s)\n", sum.Reread)
	}
	fmt.Fprintf(out, "indicators: %d from changed reports, %d in the index\n", sum.Indicators, sum.Total)
	nw := 0
	for _, ws := range sum.Warnings {
		nw += len(ws)
	}
	if nw > 0 && !opts.Warnings {
		fmt.Fprintf(out, "warnings: %d in %d report(s); --warnings lists them\n", nw, len(sum.Warnings))
	}
	if opts.Warnings {
		paths := make([]string, 0, len(sum.Warnings))
		for p := range sum.Warnings {
			paths = append(paths, p)
		}
		sort.Strings(paths)
		for _, p := range paths {
			fmt.Fprintf(out, "%s\n", render.Inert(render.DisplayPath(p)))
			render.Warnings(out, sum.Warnings[p], tableWidth(opts.IO, false, render.PipedWidth))
		}
	}
	if sum.Bytes > 0 && sum.Elapsed > 0 {
		fmt.Fprintf(out, "read %.1f MB in %s (%.1f MB/s) into %s\n", float64(sum.Bytes)/1e6,
			sum.Elapsed.Round(time.Millisecond), float64(sum.Bytes)/1e6/sum.Elapsed.Seconds(), ix.Path())
	}
	if sum.Interrupted {
		fmt.Fprintf(opts.IO.ErrOut, "baogao: interrupted; %d report(s) added and %d updated were saved; run the same ingest again to finish\n", sum.Added, sum.Updated)
		return errReported
	}
	if sum.Found == 0 && len(sum.Failures) == 0 {
		return nothingReadable(opts.Paths, sum.Skipped)
	}
	if len(sum.Failures) > 0 {
		return errReported
	}
	return nil
}
