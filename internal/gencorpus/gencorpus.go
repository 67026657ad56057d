// Package gencorpus writes the benchmark corpus: reports of real towns of
// the gazetteer, put together from the sections, paragraphs and sentences
// of the sample reports with every figure changed.
//
// In: a seed, a number of reports and a folder of samples (or the
// samples built in). Out: the reports under a new folder, and Stats. What
// always holds: the same seed and count give the same files, byte for
// byte, and the reports of a smaller count are the first ones of a larger
// count.
package gencorpus

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode"

	"baogao/corpus"
	"baogao/internal/parallel"
)

// Options are the inputs of Generate.
type Options struct {
	Seed    int64
	Reports int    // how many reports to write
	Samples string // folder of real reports whose structure and wording are reused; "" for the built-in samples
	Out     string // folder to write into; it must not exist or be empty
}

// Stats describes a generated corpus.
type Stats struct {
	Reports   int
	Towns     int
	Bytes     int64          // file bytes on disk
	TextBytes int64          // the same reports as UTF-8 with LF line ends
	Encodings map[string]int // reports by encoding (corpus.Enc* names)
	CRLF      int            // reports with CR LF line ends
	Elapsed   time.Duration
}

// Years that generated reports cover.
const (
	genFirstYear = 2019
	genLastYear  = 2025
)

// Shares of the encodings and line ends of generated files; the rest is
// UTF-8 without a byte-order mark.
const (
	shareUTF8BOM = 0.03
	shareGB18030 = 0.04
	shareUTF16LE = 0.03
	shareCRLF    = 0.12
)

// Report sizes, in bytes of UTF-8 text: the target of each report is drawn
// from a normal distribution and kept within bounds.
const (
	genMeanSize = 10600
	genSizeSD   = 2500
	genMinSize  = 5500
	genMaxSize  = 20000
)

// Generate writes opts.Reports reports into opts.Out as
// <province>/<county>/<town>-<year>.txt. Each report belongs to a real
// town of the embedded gazetteer and is put together from the sections,
// paragraphs and sentences of the sample reports: sections drawn from
// different samples, in varied order, some left out, headings numbered in
// varied styles, every figure changed (parts kept within their wholes and
// rates computed from them), place names and years replaced. Most files
// are UTF-8; a few are UTF-8 with a byte-order mark, GB18030 or UTF-16LE,
// and some have CR LF line ends. The same seed and count give the same
// files, byte for byte; the reports of a smaller count are the first ones
// of a larger count.
func Generate(opts Options) (Stats, error) {
	start := time.Now()
	if opts.Reports <= 0 {
		return Stats{}, fmt.Errorf("the number of reports must be positive")
	}
	if err := checkEmptyDir(opts.Out); err != nil {
		return Stats{}, err
	}
	g, err := newGenerator(opts.Samples, uint64(opts.Seed))
	if err != nil {
		return Stats{}, err
	}
	jobs, err := g.plan(opts.Reports)
	if err != nil {
		return Stats{}, err
	}
	// Folders first, in order, so that writers only write files.
	paths := make([]string, len(jobs))
	towns := map[int32]bool{}
	made := map[string]bool{}
	for i, j := range jobs {
		p := &g.towns[j.town]
		dir := filepath.Join(opts.Out, p.Province, countyDir(p))
		if !made[dir] {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return Stats{}, err
			}
			made[dir] = true
		}
		paths[i] = filepath.Join(dir, fmt.Sprintf("%s-%d.txt", p.Town, j.year))
		towns[j.town] = true
	}

	// Each report is written on its own; its figures go into a slot of
	// its own, added up afterwards.
	writers := sync.Pool{New: func() any { return &reportWriter{g: g} }}
	each := make([]Stats, len(jobs))
	errs := make([]error, len(jobs))
	parallel.For(len(jobs), func(i int) {
		rw := writers.Get().(*reportWriter)
		defer writers.Put(rw)
		each[i].Encodings = map[string]int{}
		errs[i] = rw.write(uint64(i), jobs[i], paths[i], &each[i])
	})
	var firstErr error
	total := Stats{Encodings: map[string]int{}}
	for i, st := range each {
		if errs[i] != nil && firstErr == nil {
			firstErr = errs[i]
		}
		total.Reports += st.Reports
		total.Bytes += st.Bytes
		total.TextBytes += st.TextBytes
		total.CRLF += st.CRLF
		for k, v := range st.Encodings {
			total.Encodings[k] += v
		}
	}
	if firstErr != nil {
		return Stats{}, firstErr
	}
	total.Towns = len(towns)
	total.Elapsed = time.Since(start)
	return total, nil
}

// checkEmptyDir makes sure that dir does not exist or is empty, so that a
// generated corpus holds nothing else.
func checkEmptyDir(dir string) error {
	if dir == "" {
		return fmt.Errorf("no output folder given")
	}
	f, err := os.Open(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	names, err := f.Readdirnames(1)
	if err != nil && err != io.EOF {
		return fmt.Errorf("%s: %w", dir, err)
	}
	if len(names) > 0 {
		return fmt.Errorf("%s is not empty; name a new folder", dir)
	}
	return nil
}

// countyDir names a town's county folder: the county, or the city when the
// city has no counties (东莞市).
func countyDir(p *corpus.Place) string {
	switch {
	case p.County != "":
		return p.County
	case p.City != "":
		return p.City
	}
	return p.Province
}

// job is one report to write: a town (index into generator.towns) and year.
type job struct {
	town int32
	year int16
}

// generator holds what reports are made of: the parsed samples and the
// towns of the gazetteer.
type generator struct {
	seed      uint64
	towns     []corpus.Place
	preambles [][]para
	body      []*section
	duty      []*section
	problems  []*section
	plans     []*section
	both      []*section // problems and plans under one heading
	closing   []*section // review and outlook paragraphs without a heading
}

func newGenerator(samples string, seed uint64) (*generator, error) {
	docs, err := loadSamples(samples)
	if err != nil {
		return nil, err
	}
	g := &generator{seed: seed}
	for _, doc := range docs {
		g.addSample(doc)
	}
	if len(g.body) == 0 {
		if samples == "" {
			samples = "the built-in samples"
		}
		return nil, fmt.Errorf("no sample report with numbered sections (一、二、…) in %s", samples)
	}
	all, err := corpus.AllTowns()
	if err != nil {
		return nil, err
	}
	for _, p := range all {
		if usableTown(p) {
			g.towns = append(g.towns, p)
		}
	}
	if len(g.towns) == 0 {
		return nil, fmt.Errorf("the gazetteer has no towns")
	}
	return g, nil
}

// samples are the sample reports of testdata/reports, built in so that an
// installed baogao can generate a corpus anywhere.
//
//go:embed samples/*.txt
var samples embed.FS

// loadSamples reads the sample reports of folder dir, or the built-in ones
// when dir is "". Files that cannot be read are left out.
func loadSamples(dir string) ([]*corpus.Doc, error) {
	var docs []*corpus.Doc
	if dir == "" {
		names, err := fs.Glob(samples, "samples/*.txt")
		if err != nil {
			return nil, err
		}
		for _, name := range names {
			raw, err := samples.ReadFile(name)
			if err != nil {
				return nil, err
			}
			if doc, err := corpus.Parse(path.Base(name), raw); err == nil {
				docs = append(docs, doc)
			}
		}
		return docs, nil
	}
	files, errs := corpus.Find([]string{dir})
	if len(errs) > 0 {
		return nil, errs[0]
	}
	var l corpus.Loader
	for _, f := range files {
		if doc, err := l.Load(f); err == nil {
			docs = append(docs, doc)
		}
	}
	return docs, nil
}

// usableTown reports whether a division can own generated reports: a 镇,
// 乡 or 街道 whose name, before that word, is two to six Han characters
// (the names that place patterns in reports are written with), in a known
// county or city.
func usableTown(p corpus.Place) bool {
	if p.Province == "" || p.County == "" && p.City == "" {
		return false
	}
	stem, _ := townStem(p.Town)
	if stem == "" {
		return false
	}
	n := 0
	for _, r := range stem {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		n++
	}
	return n >= 2 && n <= 6
}

// Town levels: the word a town's name ends in.
const (
	levelTown   = iota // 镇
	levelTownsh        // 乡
	levelStreet        // 街道
)

// townStem splits a town's name into its stem and level: 王团镇 → 王团,
// levelTown. The stem is "" for other divisions.
func townStem(name string) (string, int) {
	for _, s := range []struct {
		suffix string
		level  int
	}{{"街道", levelStreet}, {"镇", levelTown}, {"乡", levelTownsh}} {
		if stem, ok := strings.CutSuffix(name, s.suffix); ok {
			return stem, s.level
		}
	}
	return "", 0
}

// yearsPerTown is how many years of reports a town gets, as cumulative
// shares for 1…7 years.
var yearsPerTown = []float64{0.25, 0.45, 0.65, 0.80, 0.90, 0.95, 1}

// plan picks the town and year of every report. Towns are taken in a
// shuffled order, each with a run of consecutive years; a town's reports
// are next to each other. The plan for n reports is the start of the plan
// for more.
func (g *generator) plan(n int) ([]job, error) {
	r := rand.New(rand.NewPCG(g.seed, 0x5eed))
	order := r.Perm(len(g.towns))
	jobs := make([]job, 0, n)
	used := make([]uint8, len(g.towns)) // bit per year
	span := genLastYear - genFirstYear + 1
	for _, t := range order {
		if len(jobs) == n {
			return jobs, nil
		}
		u := r.Float64()
		k := 1
		for k < len(yearsPerTown) && u > yearsPerTown[k-1] {
			k++
		}
		from := r.IntN(span - k + 1)
		for y := from; y < from+k && len(jobs) < n; y++ {
			jobs = append(jobs, job{int32(t), int16(genFirstYear + y)})
			used[t] |= 1 << y
		}
	}
	// More reports than one pass gives: the remaining years of each town.
	for _, t := range order {
		for y := 0; y < span && len(jobs) < n; y++ {
			if used[t]&(1<<y) == 0 {
				jobs = append(jobs, job{int32(t), int16(genFirstYear + y)})
			}
		}
	}
	if len(jobs) < n {
		return nil, fmt.Errorf("at most %d reports can be generated (%d towns × %d years)", len(jobs), len(g.towns), span)
	}
	return jobs, nil
}
