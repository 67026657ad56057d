package cli

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"baogao/extract"
	"baogao/index"
	"baogao/render"
)

// SearchOptions are the flags of baogao search.
type SearchOptions struct {
	IO     *IOStreams
	Query  string
	Index  string
	Filter filterFlags
	Limit  int
	Format string
}

// NewCmdSearch builds baogao search.
func NewCmdSearch(f *Factory, runF func(*SearchOptions) error) *cobra.Command {
	opts := &SearchOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "search QUERY...",
		Short: "Find the reports that mention words or phrases",
		Long: `Searches the index for reports that contain every word of QUERY. Chinese is
cut into words, and a short word also finds longer words that contain it
(调解 finds 调解成功率). Put a phrase in double quotes to find it as written.
Hits come best first, each with town, year, section, file and the passage.
There are no operators: -WORD and OR are refused rather than searched as
words, and a word without a letter or digit is left out. A query holds at
most ` + strconv.Itoa(index.MaxQueryTerms) + ` words and phrases, ` + strconv.Itoa(index.MaxQueryRunes) + ` characters in all.`,
		Example: `  baogao search 枫桥经验
  baogao search 调解成功率 --year 2024
  baogao search '"成功化解"' --county 东坡区
  baogao search 法律明白人 --town 王团镇 --format json`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Query = strings.Join(args, " ")
			if opts.Limit < 1 {
				return usagef("--limit %d: want how many hits to show, 1 or more", opts.Limit)
			}
			if runF != nil {
				return runF(opts)
			}
			return searchRun(opts)
		},
	}
	addIndexFlag(cmd, &opts.Index)
	addFilterFlags(cmd, &opts.Filter)
	cmd.Flags().IntVar(&opts.Limit, "limit", 20, "most hits shown")
	formatFlag(cmd, &opts.Format, "table", "table", "json")
	return cmd
}

func searchRun(opts *SearchOptions) error {
	filter, err := opts.Filter.filter()
	if err != nil {
		return err
	}
	ix, err := index.Open(indexPath(opts.Index))
	if err != nil {
		return err
	}
	defer ix.Close()
	res, err := ix.Search(index.Query{Text: opts.Query, Filter: filter, Limit: opts.Limit})
	if qe := (*index.QueryError)(nil); errors.As(err, &qe) {
		return usageError{err}
	}
	if err != nil {
		return err
	}
	if len(res.Ignored) > 0 {
		fmt.Fprintf(opts.IO.ErrOut, "baogao: searched without %s: it holds no letter or digit\n", render.Inert(strings.Join(res.Ignored, " ")))
	}
	if len(res.Hits) == 0 && !filter.IsZero() {
		if all, err := ix.Reports(extract.Filter{}); err == nil && sayEmpty(opts.IO, all, filter) {
			return writeSearch(opts, res)
		}
	}
	if len(res.Hits) == 0 {
		fmt.Fprintf(opts.IO.ErrOut, "baogao: no report matches %s\n", render.Inert(opts.Query))
	}
	return writeSearch(opts, res)
}

func writeSearch(opts *SearchOptions, res *index.Result) error {
	if opts.Format == "json" {
		return render.SearchJSON(opts.IO.Out, res)
	}
	render.Search(opts.IO.Out, res, opts.IO.OutTTY)
	return nil
}
