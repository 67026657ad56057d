package cli

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"baogao/corpus"
	"baogao/extract"
	"baogao/index"
	"baogao/internal/gencorpus"
	"baogao/render"
)

// BenchOptions are the flags of baogao bench.
type BenchOptions struct {
	IO      *IOStreams
	Reports []int
	Samples string
	Dir     string
	Keep    bool
	Queries int
	Profile string
	Seed    int64
}

// NewCmdBench builds baogao bench.
func NewCmdBench(f *Factory) *cobra.Command {
	opts := &BenchOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure ingest, search, compare and check on generated corpora",
		Long: `For each corpus size, generates a corpus of reports of real towns from the
sample reports (see 'baogao bench gen'), then measures, each in a process of
its own as a user would run it:

  ingest into a fresh index: wall time, MB/s, reports/s, peak memory (RSS)
  ingest of the unchanged corpus again
  index size against corpus size (bytes of the files on disk)
  'baogao search 调解成功率' and 'baogao compare 调解成功率': median of 5 runs
  'baogao check' over the whole index: wall time and peak memory

and, in this process, the latency of warm queries (p50, p95). One table
compares the sizes with the targets.`,
		Example: `  baogao bench                          # 10,000 reports from the built-in samples
  baogao bench --reports 10000,40000
  baogao bench --reports 2000 --keep --dir /tmp/bench
  baogao bench gen --reports 40000 --out /tmp/corpus`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return benchRun(opts) },
	}
	cmd.Flags().IntSliceVar(&opts.Reports, "reports", []int{10000}, "corpus sizes to measure, e.g. 10000,40000")
	cmd.Flags().StringVar(&opts.Samples, "samples", "", "folder of reports to generate from (default: the samples built in)")
	cmd.Flags().StringVar(&opts.Dir, "dir", "", "where to write the corpora and indexes (default: a temporary folder)")
	cmd.Flags().BoolVar(&opts.Keep, "keep", false, "keep the corpora and indexes afterwards")
	cmd.Flags().IntVar(&opts.Queries, "queries", 200, "warm queries to time")
	cmd.Flags().StringVar(&opts.Profile, "cpuprofile", "", "write a CPU profile of each ingest to this file (with the size added when several are measured)")
	cmd.Flags().Int64Var(&opts.Seed, "seed", 1, "seed of the generated corpora")
	cmd.AddCommand(newCmdBenchGen(f))
	return cmd
}

// benchResult is what one corpus size measured.
type benchResult struct {
	reports      int
	gen          gencorpus.Stats
	corpusBytes  int64
	ingest       time.Duration
	ingestRSS    int64 // bytes; 0 when the system does not say
	added        int
	failed       int
	indicators   int
	reingest     time.Duration
	indexBytes   int64
	freshSearch  time.Duration
	freshCompare time.Duration
	warm         []time.Duration // sorted
	check        time.Duration
	checkRSS     int64
}

func benchRun(opts *BenchOptions) error {
	var sizes []int
	seen := map[int]bool{}
	for _, n := range opts.Reports {
		if n <= 0 {
			return usageError{fmt.Errorf("--reports must be positive")}
		}
		if !seen[n] {
			seen[n] = true
			sizes = append(sizes, n)
		}
	}
	if len(sizes) == 0 {
		return usageError{fmt.Errorf("--reports names no size")}
	}
	if opts.Queries < 0 {
		return usageError{fmt.Errorf("--queries must not be negative")}
	}
	dir := opts.Dir
	if dir == "" {
		d, err := os.MkdirTemp("", "baogao-bench-")
		if err != nil {
			return err
		}
		dir = d
		if !opts.Keep {
			defer os.RemoveAll(dir)
		}
	}
	var results []*benchResult
	for _, n := range sizes {
		res, err := benchSize(opts, dir, n, len(sizes) > 1)
		if err != nil {
			return err
		}
		results = append(results, res)
		fmt.Fprintln(opts.IO.Out, genSummary(res.gen, filepath.Join(dir, strconv.Itoa(n), "corpus")))
	}
	return writeBenchTable(opts.IO.Out, results)
}

// benchSize generates a corpus of n reports and measures it.
func benchSize(opts *BenchOptions, dir string, n int, several bool) (*benchResult, error) {
	logf := func(format string, args ...any) {
		fmt.Fprintf(opts.IO.ErrOut, "bench %d: "+format+"\n", append([]any{n}, args...)...)
	}
	sub := filepath.Join(dir, strconv.Itoa(n))
	corpusDir := filepath.Join(sub, "corpus")
	idx := filepath.Join(sub, "bench.index")
	if !opts.Keep {
		defer os.RemoveAll(sub)
	}
	res := &benchResult{reports: n}
	logf("generating")
	gen, err := gencorpus.Generate(gencorpus.Options{Seed: opts.Seed, Reports: n, Samples: opts.Samples, Out: corpusDir})
	if err != nil {
		return nil, err
	}
	res.gen = gen
	res.corpusBytes = dirSize(corpusDir)

	var env []string
	if opts.Profile != "" {
		p := opts.Profile
		if several {
			ext := filepath.Ext(p)
			p = strings.TrimSuffix(p, ext) + "-" + strconv.Itoa(n) + ext
		}
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		env = append(env, "BAOGAO_CPUPROFILE="+p)
	}
	logf("ingesting %.1f MB", float64(res.corpusBytes)/1e6)
	out, took, rss, err := runChild(env, true, "ingest", "--index", idx, corpusDir)
	if err != nil {
		return nil, err
	}
	res.ingest, res.ingestRSS = took, rss
	res.added, res.failed, res.indicators = ingestCounts(out)
	logf("ingesting again, unchanged")
	if _, res.reingest, _, err = runChild(nil, false, "ingest", "--index", idx, corpusDir); err != nil {
		return nil, err
	}
	res.indexBytes = dirSize(idx)

	logf("fresh search and compare")
	if res.freshSearch, err = timeFresh(idx, "search", "调解成功率"); err != nil {
		return nil, err
	}
	if res.freshCompare, err = timeFresh(idx, "compare", "调解成功率"); err != nil {
		return nil, err
	}
	logf("warm queries")
	if res.warm, err = warmQueries(idx, opts.Queries); err != nil {
		return nil, err
	}
	logf("check")
	if _, res.check, res.checkRSS, err = runChild(nil, false, "check", "--index", idx, "--format", "json"); err != nil {
		return nil, err
	}
	return res, nil
}

// benchQueries are the warm queries, taken in turn.
var benchQueries = []index.Query{
	{Text: "调解成功率"}, {Text: "枫桥经验"}, {Text: "法律明白人"}, {Text: `"成功化解"`},
	{Text: "调解", Filter: extract.Filter{From: 2023, To: 2023}}, {Text: "行政复议 法律顾问"},
}

// warmQueries times n searches in this process after a warm-up, and
// returns the latencies sorted.
func warmQueries(idx string, n int) ([]time.Duration, error) {
	ix, err := index.Open(idx)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	for i := 0; i < 10; i++ {
		if _, err := ix.Search(benchQueries[i%len(benchQueries)]); err != nil {
			return nil, err
		}
	}
	lat := make([]time.Duration, 0, n)
	for i := 0; i < n; i++ {
		q := benchQueries[i%len(benchQueries)]
		q.Limit = 20
		s := time.Now()
		if _, err := ix.Search(q); err != nil {
			return nil, err
		}
		lat = append(lat, time.Since(s))
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	return lat, nil
}

var (
	ingestFoundRE = regexp.MustCompile(`added (\d+), .*failed (\d+)`)
	ingestTotalRE = regexp.MustCompile(`(\d+) in the index`)
)

// ingestCounts reads the reports added and failed and the indicators in
// the index from ingest's summary; -1 for what it does not say.
func ingestCounts(out string) (added, failed, indicators int) {
	added, failed, indicators = -1, -1, -1
	if m := ingestFoundRE.FindStringSubmatch(out); m != nil {
		added, _ = strconv.Atoi(m[1])
		failed, _ = strconv.Atoi(m[2])
	}
	if m := ingestTotalRE.FindStringSubmatch(out); m != nil {
		indicators, _ = strconv.Atoi(m[1])
	}
	return added, failed, indicators
}

// writeBenchTable prints one column per corpus size, and the targets.
func writeBenchTable(w io.Writer, results []*benchResult) error {
	header := []string{"measure"}
	for _, r := range results {
		header = append(header, groupDigits(r.reports)+" reports")
	}
	header = append(header, "target")
	type row struct {
		name   string
		cell   func(r *benchResult) string
		target string
	}
	ms := func(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d.Microseconds())/1000) }
	secs := func(d time.Duration) string { return fmt.Sprintf("%.1f s", d.Seconds()) }
	rows := []row{
		{"generate (not measured against a target)", func(r *benchResult) string {
			return fmt.Sprintf("%s, %.1f KB/report", secs(r.gen.Elapsed), float64(r.gen.TextBytes)/float64(max(r.gen.Reports, 1))/1e3)
		}, ""},
		{"corpus", func(r *benchResult) string {
			return fmt.Sprintf("%.1f MB, %d towns", float64(r.corpusBytes)/1e6, r.gen.Towns)
		}, ""},
		{"ingest", func(r *benchResult) string {
			return fmt.Sprintf("%s, %.1f MB/s, %.0f reports/s", secs(r.ingest), float64(r.corpusBytes)/1e6/r.ingest.Seconds(), float64(r.reports)/r.ingest.Seconds())
		}, "≤ 60 s for 40,000"},
		{"ingest peak RSS", func(r *benchResult) string { return rssText(r.ingestRSS) }, "≤ 1.5 GB"},
		{"re-ingest unchanged", func(r *benchResult) string { return secs(r.reingest) }, "≤ 10 s for 40,000"},
		{"index size", func(r *benchResult) string {
			return fmt.Sprintf("%.2f × corpus (%.1f MB)", float64(r.indexBytes)/float64(max(r.corpusBytes, 1)), float64(r.indexBytes)/1e6)
		}, "≤ 1.5 × corpus"},
		{"fresh search 调解成功率 (median of 5)", func(r *benchResult) string { return ms(r.freshSearch) }, "≤ 300 ms"},
		{"fresh compare 调解成功率 (median of 5)", func(r *benchResult) string { return ms(r.freshCompare) }, "≤ 200 ms"},
		{"warm query p50 / p95", func(r *benchResult) string {
			return fmt.Sprintf("%s / %s (%d queries)", pct(r.warm, 50), pct(r.warm, 95), len(r.warm))
		}, "p50 ≤ 5 ms"},
		{"check, whole index", func(r *benchResult) string { return secs(r.check) }, "≤ 60 s"},
		{"check peak RSS", func(r *benchResult) string { return rssText(r.checkRSS) }, "≤ 1.5 GB"},
		{"reports added, failed; indicators", func(r *benchResult) string {
			return fmt.Sprintf("%d, %d; %d", r.added, r.failed, r.indicators)
		}, ""},
	}
	var cells [][]string
	for _, rw := range rows {
		row := []string{rw.name}
		for _, r := range results {
			row = append(row, rw.cell(r))
		}
		cells = append(cells, append(row, rw.target))
	}
	return render.Grid(w, header, cells)
}

// rssText writes a peak RSS in MB, or says that the system does not report it.
func rssText(b int64) string {
	if b <= 0 {
		return "not reported here"
	}
	return fmt.Sprintf("%.0f MB", float64(b)/1e6)
}

// groupDigits writes n with thousands separators: 40,000.
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func pct(d []time.Duration, p int) string {
	if len(d) == 0 {
		return "-"
	}
	i := (len(d) - 1) * p / 100
	return fmt.Sprintf("%.2f ms", float64(d[i].Microseconds())/1000)
}

// childCommand prepares baogao with args as a new process, with extra
// environment variables.
func childCommand(env []string, args ...string) (*exec.Cmd, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(append(os.Environ(), "BAOGAO_RUN_MAIN=1"), env...)
	return cmd, nil
}

// runChild runs baogao with args as a new process and returns its output
// (when keepOut is set; otherwise it is discarded), wall time and peak
// resident memory in bytes (0 when the system does not report it).
func runChild(env []string, keepOut bool, args ...string) (string, time.Duration, int64, error) {
	cmd, err := childCommand(env, args...)
	if err != nil {
		return "", 0, 0, err
	}
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	if keepOut {
		cmd.Stdout = &stdout
	}
	s := time.Now()
	err = cmd.Run()
	took := time.Since(s)
	if err != nil {
		return "", 0, 0, fmt.Errorf("baogao %s: %v: %s", args[0], err, strings.TrimSpace(stderr.String()))
	}
	rss, _ := peakRSS(cmd.ProcessState)
	return stdout.String(), took, rss, nil
}

// timeFresh runs baogao with args against the index as a new process
// five times and returns the median wall time.
func timeFresh(idx string, args ...string) (time.Duration, error) {
	var ds []time.Duration
	for i := 0; i < 5; i++ {
		cmd, err := childCommand(nil, append([]string{args[0], "--index", idx}, args[1:]...)...)
		if err != nil {
			return 0, err
		}
		s := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			return 0, fmt.Errorf("%v: %v: %s", args, err, out)
		}
		ds = append(ds, time.Since(s))
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)/2], nil
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// newCmdBenchGen builds baogao bench gen.
func newCmdBenchGen(f *Factory) *cobra.Command {
	opts := gencorpus.Options{}
	cmd := &cobra.Command{
		Use:   "gen --out DIR",
		Short: "Write a generated corpus without measuring anything",
		Long: `Writes the corpus that baogao bench measures: reports of real towns of the
gazetteer for the years 2019–2025, put together from the sections, paragraphs
and sentences of the sample reports with every figure changed, as
DIR/<province>/<county>/<town>-<year>.txt. Most files are UTF-8; a few are
UTF-8 with a byte-order mark, GB18030 or UTF-16LE, and some have CR LF line
ends. The same --seed and --reports give the same files.`,
		Example: `  baogao bench gen --reports 40000 --out /tmp/corpus
  baogao ingest --index /tmp/corpus.index /tmp/corpus`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if opts.Reports <= 0 {
				return usageError{fmt.Errorf("--reports must be positive")}
			}
			if opts.Out == "" {
				return usageError{fmt.Errorf("--out is required")}
			}
			st, err := gencorpus.Generate(opts)
			if err != nil {
				return err
			}
			fmt.Fprintln(f.IO.Out, genSummary(st, opts.Out))
			return nil
		},
	}
	cmd.Flags().IntVar(&opts.Reports, "reports", 10000, "how many reports to write")
	cmd.Flags().Int64Var(&opts.Seed, "seed", 1, "seed; the same seed and count give the same files")
	cmd.Flags().StringVar(&opts.Samples, "samples", "", "folder of reports to generate from (default: the samples built in)")
	cmd.Flags().StringVar(&opts.Out, "out", "", "folder to write (must not exist or be empty)")
	return cmd
}

// genSummary describes a generated corpus in one line.
func genSummary(st gencorpus.Stats, dir string) string {
	var encs []string
	for _, e := range []string{corpus.EncUTF8, corpus.EncUTF8BOM, corpus.EncGB18030, corpus.EncUTF16LE} {
		if n := st.Encodings[e]; n > 0 {
			encs = append(encs, fmt.Sprintf("%s %d", e, n))
		}
	}
	return fmt.Sprintf("generated %d reports of %d towns in %s: %.1f MB on disk, %.1f KB of UTF-8 text per report; %s; CR LF %d (%s)",
		st.Reports, st.Towns, st.Elapsed.Round(time.Millisecond), float64(st.Bytes)/1e6,
		float64(st.TextBytes)/float64(max(st.Reports, 1))/1e3, strings.Join(encs, ", "), st.CRLF, dir)
}
