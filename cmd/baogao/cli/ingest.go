package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"baogao/corpus"
	"baogao/extract"
	"baogao/index"
)

// indexPath resolves where the index is: the flag, else $BAOGAO_INDEX,
// else ./baogao.index.
func indexPath(flag string) string {
	if flag != "" {
		return flag
	}
	if env := os.Getenv(index.EnvPath); env != "" {
		return env
	}
	return index.DefaultPath
}

func addIndexFlag(cmd *cobra.Command, p *string) {
	cmd.Flags().StringVar(p, "index", "", "index directory (default $"+index.EnvPath+" or ./"+index.DefaultPath+")")
}

// IngestOptions are the flags of baogao ingest.
type IngestOptions struct {
	IO       *IOStreams
	Paths    []string
	Index    string
	Rebuild  bool
	Prune    bool
	Warnings bool
	MaxSize  int64
}

// NewCmdIngest builds baogao ingest.
func NewCmdIngest(f *Factory) *cobra.Command {
	opts := &IngestOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "ingest DIR...",
		Short: "Add reports to the index, or bring it up to date",
		Long: `Reads the .txt reports under each DIR (and files named directly), extracts
their figures and indexes text and figures for search and show. Run it again
whenever a folder changes: unchanged files are skipped, changed files replace
their old report and figures, --prune drops reports whose files are gone.`,
		Example: `  baogao ingest testdata/reports
  baogao ingest --prune reports/2023 reports/2024
  BAOGAO_INDEX=/data/baogao.index baogao ingest reports/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return ingestRun(opts)
		},
	}
	addIndexFlag(cmd, &opts.Index)
	cmd.Flags().BoolVar(&opts.Rebuild, "rebuild", false, "remove the index and build it again")
	cmd.Flags().BoolVar(&opts.Prune, "prune", false, "remove reports whose files no longer exist")
	cmd.Flags().BoolVar(&opts.Warnings, "warnings", false, "list the warnings of each changed report")
	cmd.Flags().Int64Var(&opts.MaxSize, "max-size", corpus.MaxFileSize, "largest report file to read, in bytes")
	return cmd
}

func ingestRun(opts *IngestOptions) error {
	ix, err := index.OpenWrite(indexPath(opts.Index), opts.Rebuild)
	if err != nil {
		return err
	}
	defer ix.Close()
	prog := newProgress(opts.IO)
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
	sum, err := ix.Ingest(opts.Paths, index.IngestOptions{MaxSize: opts.MaxSize, Prune: opts.Prune, Progress: prog.update, Stop: stop})
	prog.done()
	if err != nil {
		return err
	}
	for _, e := range sum.Failures {
		fmt.Fprintf(opts.IO.ErrOut, "baogao: %v\n", e)
	}
	out := opts.IO.Out
	fmt.Fprintf(out, "found %d, added %d, updated %d, unchanged %d, removed %d, failed %d\n",
		sum.Found, sum.Added, sum.Updated, sum.Unchanged, sum.Removed, len(sum.Failures))
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
			fmt.Fprintf(out, "%s\n", inert(p))
			for _, w := range sum.Warnings[p] {
				fmt.Fprintf(out, "  ! %s: %s\n", w.Code, inert(w.Message))
			}
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
	if len(sum.Failures) > 0 {
		return errReported
	}
	return nil
}

// progress draws a bar on stderr when stderr is a terminal, and nothing
// otherwise.
type progress struct {
	io    *IOStreams
	last  time.Time
	shown bool
}

func newProgress(io *IOStreams) *progress { return &progress{io: io} }

func (p *progress) update(done, total int) {
	if !p.io.ErrTTY || total == 0 {
		return
	}
	now := time.Now()
	if now.Sub(p.last) < 100*time.Millisecond && done < total {
		return
	}
	p.last = now
	const width = 30
	n := done * width / total
	fmt.Fprintf(p.io.ErrOut, "\r[%s%s] %d/%d files", strings.Repeat("#", n), strings.Repeat(" ", width-n), done, total)
	p.shown = true
}

func (p *progress) done() {
	if p.shown {
		fmt.Fprint(p.io.ErrOut, "\r\033[K")
	}
}

// SearchOptions are the flags of baogao search.
type SearchOptions struct {
	IO     *IOStreams
	Query  string
	Index  string
	Town   string
	County string
	Year   int
	Limit  int
	Format string
}

// NewCmdSearch builds baogao search.
func NewCmdSearch(f *Factory) *cobra.Command {
	opts := &SearchOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "search QUERY...",
		Short: "Find the reports that mention words or phrases",
		Long: `Searches the index for reports that contain every word of QUERY. Chinese is
cut into words, and a short word also finds longer words that contain it
(调解 finds 调解成功率). Put a phrase in double quotes to find it as written.
Hits come best first, each with town, year, section, file and the passage.`,
		Example: `  baogao search 枫桥经验
  baogao search 调解成功率 --year 2024
  baogao search '"成功化解"' --county 东坡区
  baogao search 法律明白人 --town 王团镇 --format json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Query = strings.Join(args, " ")
			if err := checkFormat(opts.Format, "table", "json"); err != nil {
				return err
			}
			return searchRun(opts)
		},
	}
	addIndexFlag(cmd, &opts.Index)
	cmd.Flags().StringVar(&opts.Town, "town", "", "only reports of this town")
	cmd.Flags().StringVar(&opts.County, "county", "", "only reports of this county")
	cmd.Flags().IntVar(&opts.Year, "year", 0, "only reports of this year")
	cmd.Flags().IntVar(&opts.Limit, "limit", 20, "most hits shown")
	cmd.Flags().StringVar(&opts.Format, "format", "table", "output: table or json")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion("table", "json"))
	return cmd
}

func searchRun(opts *SearchOptions) error {
	ix, err := index.Open(indexPath(opts.Index))
	if err != nil {
		return err
	}
	defer ix.Close()
	res, err := ix.Search(index.Query{Text: opts.Query, Town: opts.Town, County: opts.County, Year: opts.Year, Limit: opts.Limit})
	if err != nil {
		return err
	}
	if opts.Format == "json" {
		for i := range res.Hits {
			res.Hits[i].Path = displayPath(res.Hits[i].Path)
		}
		if res.Hits == nil {
			res.Hits = []index.Hit{}
		}
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", " ")
		return enc.Encode(res)
	}
	if len(res.Hits) == 0 {
		fmt.Fprintf(opts.IO.ErrOut, "baogao: no report matches %s\n", inert(opts.Query))
		return nil
	}
	open, close := "«", "»"
	if opts.IO.OutTTY {
		open, close = "\033[1;31m", "\033[0m"
	}
	out := opts.IO.Out
	for i, h := range res.Hits {
		y := "?"
		if h.Year != 0 {
			y = strconv.Itoa(h.Year)
		}
		place := []string{orUnknown(h.Town), y}
		if h.County != "" {
			place = append(place, h.County)
		}
		fmt.Fprintf(out, "%d. %s  %s\n", i+1, strings.Join(place, " · "), inert(displayPath(h.Path)))
		if h.Section != "" {
			fmt.Fprintf(out, "   %s\n", inert(h.Section))
		}
		fmt.Fprintf(out, "   %s%s%s%s%s\n", inert(h.Before), open, inert(h.Match), close, inert(h.After))
	}
	if res.Total > len(res.Hits) {
		fmt.Fprintf(out, "%d of %d matching reports shown; --limit shows more\n", len(res.Hits), res.Total)
	}
	return nil
}

// displayPath shows an indexed file relative to the working directory when
// it is under it.
func displayPath(key string) string {
	p := filepath.FromSlash(key)
	if wd, err := workDir(); err == nil {
		if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return key
}

// workDir is the working directory, read once.
var workDir = sync.OnceValues(os.Getwd)

// ShowOptions are the flags of baogao show.
type ShowOptions struct {
	IO    *IOStreams
	Args  []string
	Index string
}

// NewCmdShow builds baogao show.
func NewCmdShow(f *Factory) *cobra.Command {
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
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Args = args
			return showRun(opts)
		},
	}
	addIndexFlag(cmd, &opts.Index)
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
	case !isFile && len(opts.Args) <= 2:
		if ierr != nil {
			return ierr
		}
		year := 0
		if len(opts.Args) == 2 {
			y, err := strconv.Atoi(opts.Args[1])
			if err != nil {
				return usageError{fmt.Errorf("year %q is not a number", opts.Args[1])}
			}
			year = y
		}
		paths, err := ix.Find(arg, year)
		if err != nil {
			return err
		}
		switch len(paths) {
		case 0:
			return fmt.Errorf("no report of %s%s in the index %s", arg, yearText(year), ix.Path())
		case 1:
			if rep, secs, err = ix.Report(paths[0]); err != nil {
				return err
			}
		default:
			fmt.Fprintf(opts.IO.ErrOut, "baogao: %d reports of %s%s; name one:\n", len(paths), arg, yearText(year))
			for _, p := range paths {
				fmt.Fprintf(opts.IO.ErrOut, "  baogao show %s\n", displayPath(p))
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
	return writeShow(opts.IO, rep, secs)
}

func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return " " + strconv.Itoa(y)
}

func writeShow(ios *IOStreams, rep *extract.Report, secs []extract.Section) error {
	out := ios.Out
	m := rep.Meta
	fmt.Fprintf(out, "%s\n", inert(displayPath(rep.Path)))
	fmt.Fprintf(out, "  encoding %s, sha256 %s\n", rep.Encoding, rep.Hash)
	field := func(name string, f corpus.Field) {
		fmt.Fprintf(out, "  %-9s %s  (%s)\n", name, inert(orUnknown(f.Value)), f.Source)
	}
	field("title", m.Title)
	if m.DivisionCode.Known() {
		place := corpus.Place{Code: m.DivisionCode.Value, Town: m.Town.Value, County: m.County.Value, City: m.City.Value, Province: m.Province.Value}
		fmt.Fprintf(out, "  %-9s %s\n", "place", inert(place.String()))
	}
	field("town", m.Town)
	field("county", m.County)
	field("city", m.City)
	field("province", m.Province)
	y := "?"
	if m.Year != 0 {
		y = strconv.Itoa(m.Year)
	}
	fmt.Fprintf(out, "  %-9s %s  (%s)", "year", y, m.YearSource)
	if m.YearHint != "" {
		fmt.Fprintf(out, "  %s", inert(m.YearHint))
	}
	fmt.Fprintln(out)
	field("date", m.Date)
	field("doc_no", m.DocNo)
	field("code", m.DivisionCode)
	if len(secs) > 0 {
		fmt.Fprintln(out, "\nOutline")
		for _, s := range secs {
			tag := string(s.Scope)
			if s.Part != "" && string(s.Part) != tag {
				tag += ", " + string(s.Part)
			}
			fmt.Fprintf(out, "  %s%s  [%s]\n", strings.Repeat("  ", max(s.Level-1, 0)), inert(s.Heading), tag)
		}
	}
	fmt.Fprintln(out)
	return writeExtractTable(ios, []*extract.Report{rep})
}
