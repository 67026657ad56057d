package cli

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"baogao/corpus"
	"baogao/index"
)

// BenchOptions are the flags of baogao bench.
type BenchOptions struct {
	IO      *IOStreams
	Reports int
	Samples string
	Dir     string
	Keep    bool
	Queries int
	Profile string
}

// NewCmdBench builds baogao bench.
func NewCmdBench(f *Factory) *cobra.Command {
	opts := &BenchOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure ingest and search on a generated corpus",
		Long: `Generates a corpus of reports from the sample reports (each copy gets its own
town, county, year and figures), ingests it into a fresh index and reports:
ingest MB/s and reports/s, index size against corpus size, peak memory, warm
query latency (p50, p95), and the wall time of a fresh 'baogao search'
process.`,
		Example: `  baogao bench                      # 10,000 reports from testdata/reports
  baogao bench --reports 2000 --keep --dir /tmp/corpus`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return benchRun(opts) },
	}
	cmd.Flags().IntVar(&opts.Reports, "reports", 10000, "how many reports to generate")
	cmd.Flags().StringVar(&opts.Samples, "samples", "testdata/reports", "folder of reports to generate from")
	cmd.Flags().StringVar(&opts.Dir, "dir", "", "where to write the corpus and index (default: a temporary folder)")
	cmd.Flags().BoolVar(&opts.Keep, "keep", false, "keep the corpus and index afterwards")
	cmd.Flags().IntVar(&opts.Queries, "queries", 200, "warm queries to time")
	cmd.Flags().StringVar(&opts.Profile, "cpuprofile", "", "write a CPU profile of the ingest to this file")
	return cmd
}

func benchRun(opts *BenchOptions) error {
	if opts.Reports <= 0 {
		return usageError{fmt.Errorf("--reports must be positive")}
	}
	dir := opts.Dir
	if dir == "" {
		d, err := os.MkdirTemp("", "baogao-bench-")
		if err != nil {
			return err
		}
		dir = d
	}
	if !opts.Keep {
		defer os.RemoveAll(dir)
	}
	out := opts.IO.Out
	corpusDir := filepath.Join(dir, "corpus")
	t0 := time.Now()
	size, err := generateCorpus(opts.Samples, corpusDir, opts.Reports)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "generated %d reports, %.1f MB, in %s (%s)\n", opts.Reports, float64(size)/1e6, time.Since(t0).Round(time.Millisecond), corpusDir)

	idxPath := filepath.Join(dir, "bench.index")
	ix, err := index.OpenWrite(idxPath, true)
	if err != nil {
		return err
	}
	prog := newProgress(opts.IO)
	if opts.Profile != "" {
		pf, err := os.Create(opts.Profile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(pf); err != nil {
			return err
		}
		defer pf.Close()
	}
	start := time.Now()
	sum, err := ix.Ingest([]string{corpusDir}, index.IngestOptions{Progress: prog.update})
	prog.done()
	if opts.Profile != "" {
		pprof.StopCPUProfile()
	}
	if err != nil {
		ix.Close()
		return err
	}
	if err := ix.Close(); err != nil {
		return err
	}
	ingest := time.Since(start)
	idxSize := dirSize(idxPath)
	peak := peakMemory()
	// Measure searches on a quiet machine: give the ingest's garbage back
	// and let the disk settle.
	runtime.GC()
	debug.FreeOSMemory()
	time.Sleep(2 * time.Second)

	rix, err := index.Open(idxPath)
	if err != nil {
		return err
	}
	queries := []index.Query{
		{Text: "调解成功率"}, {Text: "枫桥经验"}, {Text: "法律明白人"}, {Text: `"成功化解"`},
		{Text: "调解", Year: 2023}, {Text: "行政复议 法律顾问"},
	}
	var lat []time.Duration
	for i := 0; i < 10; i++ { // warm up caches
		if _, err := rix.Search(queries[i%len(queries)]); err != nil {
			rix.Close()
			return err
		}
	}
	for i := 0; i < opts.Queries; i++ {
		q := queries[i%len(queries)]
		q.Limit = 20
		s := time.Now()
		if _, err := rix.Search(q); err != nil {
			rix.Close()
			return err
		}
		lat = append(lat, time.Since(s))
	}
	rix.Close()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })

	fresh, err := timeFresh(idxPath, "search", "调解成功率")
	if err != nil {
		return err
	}
	freshCompare, err := timeFresh(idxPath, "compare", "调解成功率")
	if err != nil {
		return err
	}
	freshSheet, err := timeFresh(idxPath, "compare", "disputes_handled", "disputes_resolved", "mediation_success_rate", "publicity_events", "legal_literate_persons")
	if err != nil {
		return err
	}
	checkStart := time.Now()
	if err := runOnce(idxPath, "check", "--format", "json"); err != nil {
		return err
	}
	checkTime := time.Since(checkStart)

	mb := float64(sum.Bytes) / 1e6
	rows := [][]string{
		{"ingest", fmt.Sprintf("%.2f MB/s, %.0f reports/s (%d reports, %.1f MB in %s, %d cores)", mb/ingest.Seconds(), float64(sum.Added)/ingest.Seconds(), sum.Added, mb, ingest.Round(time.Millisecond), runtime.GOMAXPROCS(0)), "≥ 6 MB/s"},
		{"index size", fmt.Sprintf("%.2f × corpus (%.1f MB)", float64(idxSize)/float64(size), float64(idxSize)/1e6), "≤ 1.7×"},
		{"peak memory", fmt.Sprintf("%.0f MB", float64(peak)/1e6), ""},
		{"warm query", fmt.Sprintf("p50 %s, p95 %s (%d queries)", pct(lat, 50), pct(lat, 95), len(lat)), "p50 ≤ 5 ms"},
		{"fresh search", fmt.Sprintf("%s (median of 5 processes)", fresh.Round(time.Millisecond)), "≤ 300 ms"},
		{"fresh compare 调解成功率", fmt.Sprintf("%s (median of 5 processes)", freshCompare.Round(time.Millisecond)), "≤ 300 ms"},
		{"fresh 5-indicator review sheet", fmt.Sprintf("%s (median of 5 processes)", freshSheet.Round(time.Millisecond)), "≤ 1 s"},
		{"check, near-duplicates included", fmt.Sprintf("%s (one process, whole index)", checkTime.Round(time.Millisecond)), "< 60 s"},
		{"records", fmt.Sprintf("%d indicators, %d failures", sum.Total, len(sum.Failures)), ""},
	}
	t := newTable(out, []string{"measure", "result", "target"})
	for _, r := range rows {
		if err := t.Append(r); err != nil {
			return err
		}
	}
	return t.Render()
}

func pct(d []time.Duration, p int) string {
	if len(d) == 0 {
		return "-"
	}
	i := (len(d) - 1) * p / 100
	return fmt.Sprintf("%.2f ms", float64(d[i].Microseconds())/1000)
}

// timeFresh runs baogao with args against the index as a new process
// five times and returns the median wall time.
func timeFresh(idx string, args ...string) (time.Duration, error) {
	exe, err := os.Executable()
	if err != nil {
		return 0, err
	}
	var ds []time.Duration
	for i := 0; i < 5; i++ {
		cmd := exec.Command(exe, append([]string{args[0], "--index", idx}, args[1:]...)...)
		cmd.Env = append(os.Environ(), "BAOGAO_RUN_MAIN=1")
		s := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			return 0, fmt.Errorf("%v: %v: %s", args, err, out)
		}
		ds = append(ds, time.Since(s))
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)/2], nil
}

// runOnce runs baogao with args against the index as a new process.
func runOnce(idx string, args ...string) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(exe, append([]string{args[0], "--index", idx}, args[1:]...)...)
	cmd.Env = append(os.Environ(), "BAOGAO_RUN_MAIN=1")
	var stderr strings.Builder
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%v: %v: %s", args, err, stderr.String())
	}
	return nil
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

// peakMemory returns the process's peak resident memory in bytes (VmHWM
// on Linux), or the Go runtime's obtained memory elsewhere.
func peakMemory() int64 {
	if f, err := os.Open("/proc/self/status"); err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
				fields := strings.Fields(rest)
				if len(fields) > 0 {
					if kb, err := strconv.ParseInt(fields[0], 10, 64); err == nil {
						return kb * 1024
					}
				}
			}
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.Sys)
}

var (
	benchNumRE  = regexp.MustCompile(`\d+`)
	benchYearRE = regexp.MustCompile(`20\d\d`)
)

// benchSyllables make up generated place names.
const benchSyllables = "青石河山东西南北新安平宁永兴和清水金沙龙泉白云红星高桥长乐太平花园柳林杨家马场黄土"

// generateCorpus writes n reports made from the samples into dir: each
// copy gets a town and county of its own, a year from 2019 to 2025 and
// figures changed by up to a third, so that no two are alike. It returns
// the corpus size in bytes.
func generateCorpus(samples, dir string, n int) (int64, error) {
	files, errs := corpus.Find([]string{samples})
	if len(errs) > 0 {
		return 0, errs[0]
	}
	var l corpus.Loader
	var texts []string
	var towns []string
	for _, f := range files {
		doc, err := l.Load(f)
		if err != nil {
			continue
		}
		texts = append(texts, doc.Text)
		towns = append(towns, doc.Meta.Town.Value)
	}
	if len(texts) == 0 {
		return 0, fmt.Errorf("no sample reports in %s", samples)
	}
	syl := []rune(benchSyllables)
	rng := rand.New(rand.NewSource(1))
	var size int64
	for i := 0; i < n; i++ {
		k := i % len(texts)
		name := string([]rune{syl[(i/7)%len(syl)], syl[(i/7/len(syl)+i)%len(syl)]})
		town := name + "镇"
		county := string([]rune{syl[(i/50)%len(syl)], syl[(i/3)%len(syl)]}) + "县"
		year := 2019 + i%7
		text := texts[k]
		if towns[k] != "" {
			text = strings.ReplaceAll(text, towns[k], town)
		}
		text = benchYearRE.ReplaceAllStringFunc(text, func(y string) string { return strconv.Itoa(year) })
		text = benchNumRE.ReplaceAllStringFunc(text, func(s string) string {
			v, err := strconv.Atoi(s)
			if err != nil || v < 5 || len(s) > 6 {
				return s
			}
			return strconv.Itoa(v + rng.Intn(v/3+1))
		})
		sub := filepath.Join(dir, county)
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return 0, err
		}
		p := filepath.Join(sub, fmt.Sprintf("%s_%d_%05d.txt", town, year, i))
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return 0, err
		}
		size += int64(len(text))
	}
	return size, nil
}
