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
	"math"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"

	"baogao/corpus"
	"baogao/extract"
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

// --- templates

// segKind says what a piece of a template stands for.
type segKind uint8

const (
	segText          segKind = iota // literal text
	segTown                         // 王团镇
	segTownShort                    // 王团
	segTownGov                      // 王团镇人民政府, 东华门街道办事处
	segTownInitial                  // 王, as in 王镇发〔2024〕12号
	segCounty                       // 同心县, or the city without counties
	segCountyShort                  // 同心
	segCountyLevel                  // 县, 区, 市, 旗: the county's last character
	segCity                         // 吴忠市
	segCityShort                    // 吴忠
	segProvince                     // 宁夏回族自治区
	segProvinceShort                // 宁夏
	segRegion                       // text with the province's level word: 自治区党委, 全省
	segLevel                        // 镇, 乡, 街道
	segLevelGov                     // 镇人民政府
	segLevelGovShort                // 镇政府
	segLevelDeputy                  // 副镇长
	segLevelHead                    // 镇长
	segLevelParty                   // 镇党委
	segYear                         // a year, as an offset from the report's year
	segSlot                         // a figure: slots[n]
	segEnum                         // 一是, 二是… numbered afresh in each paragraph
	segChoice                       // one phrase of choiceGroups[n]
)

// seg is one piece of a template.
type seg struct {
	kind segKind
	text string // segText; segRegion with \x00 for the level word, \x01 for its short form
	n    int    // segYear offset, segSlot index, segChoice group
}

// slot is a figure of a sentence, as the sample wrote it.
type slot struct {
	rate     bool
	value    float64 // the whole value, multiplier included
	decimals int
	mult     string // 千 or 万 when written as 2千
	prefix   string // 约, 近…
	mid      string // 余, 多
	unit     string
	suffix   string // 以上, 左右, 余
	parent   int    // the slot of the whole this count is a part of, prevWhole, or -1
	ratio    float64
	rest     int  // for a remainder (whole − part), the part's slot, or -1
	of       int  // for a rate, the part it is the rate of, or -1
	whole    bool // some later slot is a part of this one
	list     bool // one of the parts a 其中 lists
	sumLast  bool // the last of parts that add up to their whole
}

// prevWhole is the parent of a part whose whole is the last count of the
// sentence before (主动公开信息275条。其中网站公开34条…).
const prevWhole = -2

// sentence is one sentence of a sample, ready to render.
type sentence struct {
	segs       []seg
	slots      []slot
	sharesPrev bool // starts with 其中: its counts are parts of the sentence before
	keepNext   bool // the next sentence lists parts of this one's last count
}

// para is a paragraph. A numbered one (1. 2. under a (一) heading) gets
// its number from the report's style.
type para struct {
	sents    []sentence
	numbered bool
}

// block is a (一) heading and the paragraphs under it; the first block of a
// section may have no heading.
type block struct {
	head  *sentence
	paras []para
}

// section is a 一、 heading and what stands under it.
type section struct {
	head   sentence
	blocks []block
	size   int // rough size when rendered, in bytes
}

var (
	topHeadRE  = regexp.MustCompile(`^[一二三四五六七八九十]{1,3}、\s*`)
	subHeadRE  = regexp.MustCompile(`^[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]\s*`)
	numHeadRE  = regexp.MustCompile(`^\d{1,2}\s*[.、]\s*`)
	enumRE     = regexp.MustCompile(`^[一二三四五六七八九十]是`)
	problemsRE = regexp.MustCompile(`问题|不足|差距|短板`)
	plansRE    = regexp.MustCompile(`下一步|下步|打算|计划|安排|思路|今后|展望`)
	dutyRE     = regexp.MustCompile(`第一责任人|主要负责人`)
	// closingRE finds a paragraph that turns from the year's work to its
	// shortcomings and the next steps.
	closingRE = regexp.MustCompile(`存在[^。]{0,12}(?:问题|不足|差距)|下一步`)
)

// choiceGroups are phrases that may stand for one another anywhere.
var choiceGroups = [][]string{
	{"认真开展", "扎实开展", "深入开展", "积极开展"},
	{"进一步加强", "持续加强", "不断加强", "切实加强"},
	{"不断提高", "持续提高", "进一步提高", "切实提高"},
	{"不断提升", "持续提升", "进一步提升", "切实提升"},
	{"扎实推进", "持续推进", "深入推进", "大力推进"},
	{"高度重视", "十分重视", "始终高度重视"},
	{"今年以来", "今年来", "年初以来"},
	{"截至目前", "截止目前", "目前"},
	{"加强", "强化"},
}

// levelWords are the words of each town level, by seg kind.
var levelWords = map[segKind][3]string{
	segLevel:         {"镇", "乡", "街道"},
	segLevelGov:      {"镇人民政府", "乡人民政府", "街道办事处"},
	segLevelGovShort: {"镇政府", "乡政府", "街道办事处"},
	segLevelDeputy:   {"副镇长", "副乡长", "街道办事处副主任"},
	segLevelHead:     {"镇长", "乡长", "街道办事处主任"},
	segLevelParty:    {"镇党委", "乡党委", "街道党工委"},
}

// notLevelBefore are characters that, before 镇 or 乡, make it part of
// another word (乡镇, 城镇, 小城镇, 城乡).
const notLevelBefore = "乡镇城小名重集村强古市家下返本"

// key is a literal that a template replaces.
type key struct {
	s   string
	seg seg
}

// sampleKeys lists the names of a sample's own places and the phrases that
// vary, longest first.
func sampleKeys(m corpus.Meta) (keys []key, level string) {
	add := func(s string, k segKind, text string) {
		if s != "" {
			keys = append(keys, key{s, seg{kind: k, text: text}})
		}
	}
	addShort := func(full, short string, k segKind) {
		if short != full && utf8.RuneCountInString(short) >= 2 {
			add(short, k, "")
		}
	}
	if t := m.Town.Value; t != "" {
		stem, lv := townStem(t)
		add(t, segTown, "")
		add(t+"人民政府", segTownGov, "")
		addShort(t, stem, segTownShort)
		if stem != "" {
			level = levelWords[segLevel][lv]
		}
	}
	if c := m.County.Value; c != "" {
		add(c, segCounty, "")
		addShort(c, shortDivision(c), segCountyShort)
	}
	if c := m.City.Value; c != "" && c != m.Province.Value {
		add(c, segCity, "")
		addShort(c, shortDivision(c), segCityShort)
	}
	if p := m.Province.Value; p != "" {
		add(p, segProvince, "")
		addShort(p, shortDivision(p), segProvinceShort)
		switch {
		case strings.HasSuffix(p, "自治区"):
			add("自治区", segRegion, "\x00")
			add("依法治区", segRegion, "依法治\x01")
		case strings.HasSuffix(p, "省"):
			for _, w := range []string{"省委", "全省", "省级"} {
				add(w, segRegion, strings.Replace(w, "省", "\x00", 1))
			}
			add("依法治省", segRegion, "依法治\x01")
		}
	}
	if level != "" {
		for _, k := range []segKind{segLevelGov, segLevelGovShort, segLevelDeputy, segLevelHead, segLevelParty} {
			add(strings.Replace(levelWords[k][0], "镇", level, 1), k, "")
		}
	}
	for gi, grp := range choiceGroups {
		for _, w := range grp {
			keys = append(keys, key{w, seg{kind: segChoice, n: gi}})
		}
	}
	sort.SliceStable(keys, func(i, j int) bool { return len(keys[i].s) > len(keys[j].s) })
	return keys, level
}

// shortDivision strips the level word from a division's name (同心县 →
// 同心, 宁夏回族自治区 → 宁夏); names that would be left with one character
// stay whole.
func shortDivision(n string) string {
	for _, suf := range []string{"维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "地区", "省", "市", "县", "区", "旗", "盟", "州"} {
		if s, ok := strings.CutSuffix(n, suf); ok && utf8.RuneCountInString(s) >= 2 {
			return s
		}
	}
	return n
}

// sampleParser turns one sample's text into templates.

type sampleParser struct {
	keys  []key
	level string // the sample town's level word
	year  int
}

// addSample parses one sample report into the generator's pools.
func (g *generator) addSample(doc *corpus.Doc) {
	keys, level := sampleKeys(doc.Meta)
	sp := &sampleParser{keys: keys, level: level, year: doc.Meta.Year}
	if sp.year == 0 {
		sp.year = 2022
	}
	lines := strings.Split(doc.Text, "\n")
	end := len(lines)
	for end > 0 && !isProse(lines[end-1]) && !topHeadRE.MatchString(lines[end-1]) {
		end-- // the signature and date
	}
	var preamble []para
	var secs []*section
	var cur *section
	for _, l := range lines[:end] {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		switch {
		case topHeadRE.MatchString(l):
			head, rest := splitHeading(l[len(topHeadRE.FindString(l)):])
			cur = &section{head: sp.sentence(head)}
			secs = append(secs, cur)
			cur.blocks = append(cur.blocks, block{})
			if rest != "" {
				cur.blocks[0].paras = append(cur.blocks[0].paras, sp.para(rest, false))
			}
		case cur == nil:
			if isProse(l) { // the letterhead and title are left out
				preamble = append(preamble, sp.para(l, false))
			}
		case subHeadRE.MatchString(l):
			head, rest := splitHeading(l[len(subHeadRE.FindString(l)):])
			b := block{}
			if head != "" {
				s := sp.sentence(head)
				b.head = &s
			}
			if rest != "" {
				b.paras = append(b.paras, sp.para(rest, false))
			}
			cur.blocks = append(cur.blocks, b)
		case isNumbered(l):
			b := &cur.blocks[len(cur.blocks)-1]
			b.paras = append(b.paras, sp.para(l[len(numHeadRE.FindString(l)):], true))
		default:
			b := &cur.blocks[len(cur.blocks)-1]
			b.paras = append(b.paras, sp.para(l, false))
		}
	}
	if len(preamble) > 0 {
		g.preambles = append(g.preambles, preamble)
	}
	for i, s := range secs {
		if len(s.blocks[0].paras) == 0 {
			s.blocks = s.blocks[1:]
		}
		if len(s.blocks) == 0 {
			continue
		}
		head := s.head.plain()
		prob, plan := problemsRE.MatchString(head), plansRE.MatchString(head)
		switch {
		case dutyRE.MatchString(head):
			g.duty = append(g.duty, s)
		case prob && plan:
			g.both = append(g.both, s)
		case prob:
			g.problems = append(g.problems, s)
		case plan:
			g.plans = append(g.plans, s)
		default:
			if i == len(secs)-1 {
				if c := splitClosing(s); c != nil {
					g.closing = append(g.closing, c)
				}
			}
			g.body = append(g.body, s)
		}
	}
	for _, pool := range [][]*section{g.body, g.duty, g.problems, g.plans, g.both, g.closing} {
		for _, s := range pool {
			s.size = s.estimate()
		}
	}
}

// splitClosing takes from the last block of a section the paragraphs that
// review the year and look ahead, when the sample wrote them there without
// a heading of their own.
func splitClosing(s *section) *section {
	b := &s.blocks[len(s.blocks)-1]
	for i := 1; i < len(b.paras); i++ {
		if closingRE.MatchString(b.paras[i].plain()) {
			c := &section{blocks: []block{{paras: b.paras[i:]}}}
			b.paras = b.paras[:i]
			return c
		}
	}
	return nil
}

// isProse reports whether a line is running text rather than a title,
// letterhead, addressee, signature or date.
func isProse(l string) bool {
	return strings.ContainsAny(l, "。;；") || utf8.RuneCountInString(l) > 60
}

// isNumbered reports whether a line starts with 1. or 1、 (and not a date
// such as 3.15).
func isNumbered(l string) bool {
	m := numHeadRE.FindString(l)
	return m != "" && len(m) < len(l) && !isASCIIDigit(l[len(m)])
}

func isASCIIDigit(b byte) bool { return b >= '0' && b <= '9' }

// splitHeading splits a heading line into the heading and the text that
// follows it on the same line.
func splitHeading(l string) (head, rest string) {
	if i := strings.Index(l, "。"); i >= 0 && utf8.RuneCountInString(l[:i]) <= 60 {
		return l[:i], strings.TrimSpace(l[i+len("。"):])
	}
	if utf8.RuneCountInString(l) <= 60 {
		return l, ""
	}
	return "", l
}

// para splits a paragraph into sentences and parses each.
func (sp *sampleParser) para(text string, numbered bool) para {
	p := para{numbered: numbered}
	for _, s := range splitSentences(text) {
		p.sents = append(p.sents, sp.sentence(s))
	}
	for k := 1; k < len(p.sents); k++ {
		if p.sents[k].sharesPrev {
			linkPrev(&p.sents[k-1], &p.sents[k])
		}
	}
	return p
}

// linkPrev makes the counts of a sentence that starts with 其中 parts of
// the last count of the sentence before.
func linkPrev(prev, s *sentence) {
	last := -1
	for i, sl := range prev.slots {
		if !sl.rate {
			last = i
		}
	}
	s.sharesPrev = false
	if last < 0 || prev.slots[last].value <= 0 {
		return
	}
	w := &prev.slots[last]
	var parts []int
	for i := range s.slots {
		sl := &s.slots[i]
		if !sl.rate && sl.parent == -1 && sameKind(sl.unit, w.unit) && sl.value <= w.value {
			sl.parent, sl.ratio, sl.list = prevWhole, sl.value/w.value, true
			parts = append(parts, i)
		}
	}
	if len(parts) == 0 {
		return
	}
	s.sharesPrev, prev.keepNext, w.whole = true, true, true
	markSumLast(s.slots, parts, w.value)
}

// markSumLast marks the last of parts whose values add up to whole, so
// that generated parts add up too.
func markSumLast(slots []slot, parts []int, whole float64) {
	if len(parts) < 2 {
		return
	}
	sum := 0.0
	for _, i := range parts {
		sum += slots[i].value
	}
	if math.Abs(sum-whole) < 1e-9 {
		slots[parts[len(parts)-1]].sumLast = true
	}
}

// splitSentences cuts text after each full stop, semicolon, question or
// exclamation mark, keeping a closing quote or bracket with its sentence.
func splitSentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if !strings.ContainsRune("。;；!！?？", r) {
			continue
		}
		for i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !strings.ContainsRune("”’」』)）", r) {
				break
			}
			i += size
		}
		out = append(out, text[start:i])
		start = i
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}

// sentence parses one sentence: its figures become slots, its years year
// offsets, its places, level words and varying phrases the matching segs.
func (sp *sampleParser) sentence(text string) sentence {
	var s sentence
	if m := enumRE.FindString(text); m != "" {
		s.segs = append(s.segs, seg{kind: segEnum})
		text = text[len(m):]
	}
	s.sharesPrev = strings.HasPrefix(strings.TrimSpace(text), "其中")
	at := 0
	for _, q := range extract.ScanQuantities(text) {
		sl, ok := sp.slot(text, q)
		year := 0
		if !ok {
			year, ok = yearOf(text, q)
			if !ok {
				continue
			}
		}
		from, to := q.Start, q.End
		if year != 0 {
			from, to = q.NumStart, q.NumEnd
		}
		if from < at {
			continue
		}
		sp.literal(&s, strings.TrimRight(text[at:from], " "))
		if year != 0 {
			s.segs = append(s.segs, seg{kind: segYear, n: year - sp.year})
		} else {
			s.segs = append(s.segs, seg{kind: segSlot, n: len(s.slots)})
			s.slots = append(s.slots, sl)
		}
		at = to
		for at < len(text) && text[at] == ' ' {
			at++
		}
	}
	sp.literal(&s, text[at:])
	linkSlots(&s)
	return s
}

// yearOf returns the year a quantity writes (2022年, 2024工作计划).
func yearOf(text string, q extract.Quantity) (int, bool) {
	num := text[q.NumStart:q.NumEnd]
	if len(num) != 4 || !isASCIIDigit(num[0]) {
		return 0, false
	}
	y, err := strconv.Atoi(num)
	if err != nil || y < 2010 || y > 2035 {
		return 0, false
	}
	if q.DateLike || q.Unit == "" || q.Unit == "年" || q.Unit == "年度" {
		return y, true
	}
	return 0, false
}

// slot reads a figure that generated reports vary: an Arabic count with a
// unit or a qualifier, or a percentage.
func (sp *sampleParser) slot(text string, q extract.Quantity) (slot, bool) {
	if q.DateLike || q.Ordinal {
		return slot{}, false
	}
	num := strings.TrimSpace(text[q.NumStart:q.NumEnd])
	if num == "" || !isASCIIDigit(num[0]) {
		return slot{}, false // Chinese numerals stay as written
	}
	digits := strings.TrimRight(num, " 千万")
	mult := strings.TrimSpace(num[len(digits):])
	if mult != "" && mult != "千" && mult != "万" || strings.Contains(digits, ",") {
		return slot{}, false
	}
	sl := slot{value: q.Value, mult: mult, parent: -1, rest: -1, of: -1}
	if i := strings.IndexByte(digits, '.'); i >= 0 {
		sl.decimals = len(digits) - i - 1
	}
	sl.prefix = strings.TrimSpace(text[q.Start:q.NumStart])
	tail := strings.ReplaceAll(text[q.NumEnd:q.End], " ", "")
	switch {
	case q.Unit == "%":
		if !strings.HasPrefix(tail, "%") {
			return slot{}, false // ‰
		}
		sl.rate, sl.unit, sl.suffix = true, "%", tail[1:]
		return sl, true
	case q.Unit == "" && q.Qualifier == "":
		return slot{}, false
	}
	for _, m := range []string{"余", "多"} {
		if rest, ok := strings.CutPrefix(tail, m); ok {
			sl.mid, tail = m, rest
			break
		}
	}
	if q.Unit != "" {
		rest, ok := strings.CutPrefix(tail, q.Unit)
		if !ok {
			return slot{}, false // 20余万人次
		}
		sl.unit, tail = q.Unit, rest
	}
	sl.suffix = tail
	return sl, true
}

// partRE finds the words between a whole and its part: 受理 29 件, 调解成功
// 29 件; 配备执法人员 10 人, 有执法证 6 人.
var (
	partRE = regexp.MustCompile(`成功|已|办结|化解|调处|调解|其中|有|结案|处理|达成|完成`)
	restRE = regexp.MustCompile(`正在|尚未|未|待`)
	// listEndRE starts a new total rather than the next item of a list.
	listEndRE = regexp.MustCompile(`共|总|合计|累计|其中`)
)

// disputeUnits count the same things and may stand for one another.
const disputeUnits = "件起宗例"

func sameKind(a, b string) bool {
	return a == b || a != "" && b != "" && strings.Contains(disputeUnits, a) && strings.Contains(disputeUnits, b)
}

// linkSlots finds, within a sentence, counts that are parts of the count
// before them, remainders (whole − part) and the rates of parts, so that
// generated figures keep part ≤ whole and rate = part ÷ whole.
func linkSlots(s *sentence) {
	// between[i] is the text from the slot before slot i to slot i.
	between := make([]string, len(s.slots))
	cur := ""
	for _, g := range s.segs {
		switch g.kind {
		case segSlot:
			between[g.n], cur = cur, ""
		case segText:
			cur += g.text
		default:
			cur += "\x00"
		}
	}
	lastCount := -1
	parts := map[int][]int{} // whole → its parts
	for i := range s.slots {
		sl := &s.slots[i]
		if sl.rate {
			if lastCount >= 0 {
				c := s.slots[lastCount]
				switch {
				case c.rest >= 0:
					sl.of = c.rest
				case c.parent >= 0:
					sl.of = lastCount
				}
			}
			continue
		}
		if lastCount >= 0 {
			a := &s.slots[lastCount]
			b := between[i]
			switch {
			case restRE.MatchString(b) && a.parent >= 0 && a.rest < 0 && sameKind(a.unit, sl.unit) &&
				sl.value <= s.slots[a.parent].value:
				sl.parent, sl.rest = a.parent, lastCount
			case a.list && a.parent >= 0 && !listEndRE.MatchString(b) && sameKind(a.unit, sl.unit) &&
				sl.value <= s.slots[a.parent].value:
				// the next item of a 其中 list
				sl.parent, sl.ratio, sl.list = a.parent, sl.value/s.slots[a.parent].value, true
				parts[a.parent] = append(parts[a.parent], i)
			case partRE.MatchString(b) && sameKind(a.unit, sl.unit) && sl.value <= a.value && a.value > 0:
				sl.parent, sl.ratio = lastCount, sl.value/a.value
				sl.list = strings.Contains(b, "其中")
				a.whole = true
				parts[lastCount] = append(parts[lastCount], i)
			}
		}
		lastCount = i
	}
	for w, ps := range parts {
		markSumLast(s.slots, ps, s.slots[w].value)
	}
}

// literal adds text to s, replacing the sample's place names, level words
// and varying phrases.
func (sp *sampleParser) literal(s *sentence, text string) {
	start := 0
	flush := func(to int) {
		if to > start {
			s.segs = append(s.segs, seg{kind: segText, text: text[start:to]})
		}
	}
	prev := rune(0)
	for i := 0; i < len(text); {
		matched := false
		for _, k := range sp.keys {
			if strings.HasPrefix(text[i:], k.s) {
				flush(i)
				s.segs = append(s.segs, k.seg)
				i += len(k.s)
				start, matched = i, true
				prev, _ = utf8.DecodeLastRuneInString(k.s)
				break
			}
		}
		if matched {
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if sp.level != "" && strings.HasPrefix(text[i:], sp.level) && !strings.ContainsRune(notLevelBefore, prev) {
			flush(i)
			s.segs = append(s.segs, seg{kind: segLevel})
			i += len(sp.level)
			start = i
			prev, _ = utf8.DecodeLastRuneInString(sp.level)
			continue
		}
		prev = r
		i += size
	}
	flush(len(text))
}

// plain writes the sentence with its sample's own figures, for matching
// headings against patterns.
func (s *sentence) plain() string {
	var b strings.Builder
	for _, g := range s.segs {
		if g.kind == segText {
			b.WriteString(g.text)
		} else {
			b.WriteString("\x00")
		}
	}
	return b.String()
}

func (p *para) plain() string {
	var b strings.Builder
	for i := range p.sents {
		b.WriteString(p.sents[i].plain())
	}
	return b.String()
}

// estimate is a section's rough rendered size.
func (s *section) estimate() int {
	n := s.head.estimate() + 8
	for _, b := range s.blocks {
		if b.head != nil {
			n += b.head.estimate() + 8
		}
		for _, p := range b.paras {
			for i := range p.sents {
				n += p.sents[i].estimate()
			}
			n++
		}
	}
	return n
}

func (s *sentence) estimate() int {
	n := 0
	for _, g := range s.segs {
		if g.kind == segText {
			n += len(g.text)
		} else {
			n += 8
		}
	}
	return n
}

// parseMarked parses a template written with {names}: {town}, {short}, {s1},
// {gov}, {county}, {cshort}, {cl} (the county's level word), {city},
// {province}, {pshort}, {lvl}, {party}, {lvlgov}, {Y}, {Y+1}, {Y-1}.
func parseMarked(t string) sentence {
	var s sentence
	names := map[string]seg{
		"town": {kind: segTown}, "short": {kind: segTownShort}, "gov": {kind: segTownGov}, "s1": {kind: segTownInitial},
		"county": {kind: segCounty}, "cshort": {kind: segCountyShort}, "cl": {kind: segCountyLevel},
		"city": {kind: segCity}, "province": {kind: segProvince}, "pshort": {kind: segProvinceShort},
		"lvl": {kind: segLevel}, "party": {kind: segLevelParty}, "lvlgov": {kind: segLevelGov},
		"Y": {kind: segYear}, "Y+1": {kind: segYear, n: 1}, "Y-1": {kind: segYear, n: -1},
	}
	for t != "" {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			s.segs = append(s.segs, seg{kind: segText, text: t})
			break
		}
		j := strings.IndexByte(t[i:], '}')
		g, ok := names[t[i+1:i+j]]
		if !ok {
			panic("unknown template name " + t[i:i+j+1])
		}
		if i > 0 {
			s.segs = append(s.segs, seg{kind: segText, text: t[:i]})
		}
		s.segs = append(s.segs, g)
		t = t[i+j+1:]
	}
	return s
}

func parseAllMarked(ts []string) []sentence {
	out := make([]sentence, len(ts))
	for i, t := range ts {
		out[i] = parseMarked(t)
	}
	return out
}

// titles are the title blocks of generated reports; \n separates lines.
// The last one names no year: the opening paragraph then gives it.
var titles = parseAllMarked([]string{
	"{town}{Y}年法治政府建设工作情况报告",
	"{town}{Y}年法治政府建设工作报告",
	"{county}{town}{Y}年度法治政府建设工作报告",
	"{city}{county}{town}人民政府{Y}年法治政府建设工作报告",
	"{gov}\n关于{Y}年度法治政府建设工作情况的报告",
	"{town}关于{Y}年法治政府建设情况的报告",
	"{town}{Y}年度法治政府建设工作总结",
	"{gov}关于{Y}年法治政府建设工作的报告",
	"{gov}文件\n\n{s1}{lvl}发〔{Y+1}〕DOCNO号\n\n{gov}关于上报{Y}年度法治政府建设工作总结的报告\n\n{county}司法局：",
	"{county}{town}\n{Y}年度法治政府建设工作情况汇报",
	"{town}法治政府建设工作报告",
})

// titleNoYear is the index of the title that names no year.
var titleNoYear = len(titles) - 1

// preambles are opening paragraphs written for generated reports, beside
// the samples' own.
var preambles = parseAllMarked([]string{
	"{Y}年以来，{town}在{county}委、{county}人民政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全面落实法治政府建设实施纲要和年度工作要点，紧紧围绕{party}、政府中心工作，推进严格规范公正文明执法，不断提升依法行政能力和水平。现将{Y}年度法治政府建设工作情况报告如下：",
	"{Y}年，我{lvl}在{county}委依法治{cl}办的具体指导下，以习近平法治思想为引领，认真落实党政主要负责人履行推进法治建设第一责任人职责，扎实推进法治政府建设各项工作，为全{lvl}经济社会高质量发展提供了有力法治保障。现将有关情况报告如下：",
	"{Y}年以来，根据《{county}{Y}年法治政府建设工作要点》要求，{gov}坚持把法治政府建设作为推进基层治理体系和治理能力现代化的重要抓手，统筹推进依法行政、普法宣传、矛盾纠纷化解等各项工作，取得了阶段性成效。现将{town}{Y}年法治政府建设工作情况报告如下：",
	"{Y}年以来，在{county}委、{county}人民政府的正确领导下，{town}以习近平新时代中国特色社会主义思想为指导，深入贯彻落实习近平法治思想和{pshort}法治建设工作会议精神，围绕中心、服务大局，扎实推进法治{lvl}建设，现将工作开展情况汇报如下。",
})

// signatures are the lines above the closing date.
var signatures = parseAllMarked([]string{
	"{gov}",
	"中共{town}委员会\n{gov}",
	"{town}党委  {gov}",
	"{town}",
})

// --- rendering

// genPlace is a town's names as reports write them.
type genPlace struct {
	town, short, gov, county, countyShort, countyLevel string
	city, cityShort, province, provinceShort           string
	region, regionShort                                string // 省/省, 自治区/区, 市/市
	level                                              int
}

func newGenPlace(p *corpus.Place) genPlace {
	stem, lv := townStem(p.Town)
	gp := genPlace{town: p.Town, short: stem, level: lv, city: p.City, province: p.Province}
	gp.gov = p.Town + "人民政府"
	if lv == levelStreet {
		gp.gov = p.Town + "办事处"
	}
	gp.county = countyDir(p)
	gp.countyShort = shortDivision(gp.county)
	gp.countyLevel = string([]rune(gp.county)[utf8.RuneCountInString(gp.county)-1:])
	if gp.city == p.Province {
		gp.city = "" // 北京市东城区, not 北京市北京市东城区
	}
	gp.cityShort = shortDivision(gp.city)
	gp.provinceShort = shortDivision(p.Province)
	switch {
	case strings.HasSuffix(p.Province, "自治区"):
		gp.region, gp.regionShort = "自治区", "区"
	case strings.HasSuffix(p.Province, "省"):
		gp.region, gp.regionShort = "省", "省"
	default:
		gp.region, gp.regionShort = "市", "市"
	}
	return gp
}

// style is how one report is written. A town keeps most of its style from
// year to year.
type style struct {
	title     int
	subHead   int // 0 （一）on its own line, 1 （一）with the text after it, 2 1. with the text, 3 1、on its own line
	numbered  int // 0 1. 1 1、 2 （1）
	fullWidth bool
	spaced    bool // 共 29 件, as text copied out of a PDF
	indent    bool
	blank     bool // a blank line between paragraphs
	wrap      bool // lines broken at the page width
	closing   int  // 0 none, else signature and date
	cnDate    bool // 二〇二三年十二月二十日
	factor    float64
}

// townStyle draws the style a town keeps; reportStyle varies it per report.
func (g *generator) townStyle(code string) style {
	c, _ := strconv.ParseUint(code, 10, 64)
	r := rand.New(rand.NewPCG(g.seed^0x7a11, c))
	st := style{
		title:     r.IntN(len(titles)),
		subHead:   pick(r, 0.45, 0.35, 0.12, 0.08),
		numbered:  pick(r, 0.6, 0.25, 0.15),
		fullWidth: r.Float64() < 0.82,
		indent:    r.Float64() < 0.3,
		blank:     r.Float64() < 0.35,
		closing:   pick(r, 0.22, 0.45, 0.13, 0.12, 0.08),
		cnDate:    r.Float64() < 0.12,
		factor:    math.Min(4, math.Max(0.25, math.Exp(r.NormFloat64()*0.5))),
	}
	if st.title == titleNoYear && r.Float64() < 0.5 {
		st.title = 0 // most titles name the year
	}
	return st
}

func (g *generator) reportStyle(r *rand.Rand, code string) style {
	st := g.townStyle(code)
	if r.Float64() < 0.2 { // a new hand writes this year's report
		st.title = r.IntN(len(titles))
		st.subHead = pick(r, 0.45, 0.35, 0.12, 0.08)
		st.fullWidth = r.Float64() < 0.82
	}
	st.spaced = r.Float64() < 0.12
	st.wrap = r.Float64() < 0.06
	return st
}

// pick returns i with probability ps[i].
func pick(r *rand.Rand, ps ...float64) int {
	u := r.Float64()
	for i, p := range ps {
		if u < p {
			return i
		}
		u -= p
	}
	return len(ps) - 1
}

// reportWriter renders reports, one at a time; Generate keeps a pool of them.
type reportWriter struct {
	g    *generator
	r    *rand.Rand
	b    []byte
	tmp  []byte
	vals []float64
	pl   genPlace
	year int
	st   style
	enum int
	// prevCount is the last count of the sentence before, -1 when there
	// is none.
	prevCount float64
}

// write renders report i and writes it to path.
func (w *reportWriter) write(i uint64, j job, path string, st *Stats) error {
	w.render(i, j)
	text := w.b
	st.TextBytes += int64(len(text))
	if w.r.Float64() < shareCRLF {
		w.tmp = append(w.tmp[:0], text...)
		w.b = w.b[:0]
		for _, c := range w.tmp {
			if c == '\n' {
				w.b = append(w.b, '\r')
			}
			w.b = append(w.b, c)
		}
		text = w.b
		st.CRLF++
	}
	enc := corpus.EncUTF8
	u := w.r.Float64()
	var err error
	switch {
	case u < shareUTF8BOM:
		enc = corpus.EncUTF8BOM
		text = append([]byte("\ufeff"), text...)
	case u < shareUTF8BOM+shareGB18030:
		enc = corpus.EncGB18030
		text, err = simplifiedchinese.GB18030.NewEncoder().Bytes(text)
	case u < shareUTF8BOM+shareGB18030+shareUTF16LE:
		enc = corpus.EncUTF16LE
		text, err = xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().Bytes(text)
	}
	if err != nil {
		return fmt.Errorf("encode %s: %w", path, err)
	}
	if err := os.WriteFile(path, text, 0o644); err != nil {
		return err
	}
	st.Reports++
	st.Bytes += int64(len(text))
	st.Encodings[enc]++
	return nil
}

// render writes report i into w.b as UTF-8 with LF line ends.
func (w *reportWriter) render(i uint64, j job) {
	g := w.g
	w.r = rand.New(rand.NewPCG(g.seed, i))
	r := w.r
	p := &g.towns[j.town]
	w.pl = newGenPlace(p)
	w.year = int(j.year)
	w.st = g.reportStyle(r, p.Code)
	w.st.factor *= 1 + 0.05*float64(w.year-genFirstYear) + r.NormFloat64()*0.05
	w.b = w.b[:0]

	target := int(r.NormFloat64()*genSizeSD + genMeanSize)
	target = min(max(target, genMinSize), genMaxSize)

	// Title, then the opening paragraph.
	w.title()
	switch {
	case w.st.title == titleNoYear:
		w.paragraph(&para{sents: []sentence{preambles[0]}}, 0, 0)
	case len(g.preambles) > 0 && r.Float64() < 0.7:
		for _, pp := range g.preambles[r.IntN(len(g.preambles))] {
			w.paragraph(&pp, 0, 0)
		}
	default:
		w.paragraph(&para{sents: []sentence{preambles[r.IntN(len(preambles))]}}, 0, 0)
	}

	// The closing parts: shortcomings and plans, in one of the ways
	// reports arrange them, after the duty of the leading officials in
	// some.
	var tail []*section
	if len(g.duty) > 0 && r.Float64() < 0.3 {
		tail = append(tail, g.duty[r.IntN(len(g.duty))])
	}
	switch u := r.Float64(); {
	case u < 0.5 && len(g.problems) > 0 && len(g.plans) > 0:
		tail = append(tail, g.mixed(r, g.problems), g.mixed(r, g.plans))
	case u < 0.8 && len(g.both) > 0:
		tail = append(tail, g.both[r.IntN(len(g.both))])
	case u < 0.92 && len(g.closing) > 0:
		tail = append(tail, g.closing[r.IntN(len(g.closing))])
	case len(g.problems) > 0:
		tail = append(tail, g.mixed(r, g.problems))
	}
	tailSize := 0
	for _, s := range tail {
		tailSize += s.size
	}

	// The year's work: sections from every sample in a new order, as many
	// as the size calls for.
	n := 0
	for _, k := range r.Perm(len(g.body)) {
		left := target - tailSize - len(w.b)
		if n >= 2 && left < 300 {
			break
		}
		n++
		w.section(g.body[k], n, left, true)
	}
	for _, s := range tail {
		if s.head.segs != nil {
			n++
		}
		w.section(s, n, 1<<30, false)
	}
	w.closing()
}

// mixed returns a section of a tail pool whose heading may come from
// another sample than its text.
func (g *generator) mixed(r *rand.Rand, pool []*section) *section {
	s := pool[r.IntN(len(pool))]
	if h := pool[r.IntN(len(pool))]; h != s {
		return &section{head: h.head, blocks: s.blocks, size: s.size}
	}
	return s
}

// title writes the title block.
func (w *reportWriter) title() {
	t := &titles[w.st.title]
	start := len(w.b)
	w.sentence(t)
	if i := strings.Index(string(w.b[start:]), "DOCNO"); i >= 0 {
		rest := string(w.b[start+i+len("DOCNO"):])
		w.b = strconv.AppendInt(w.b[:start+i], int64(1+w.r.IntN(180)), 10)
		w.b = append(w.b, rest...)
	}
	w.b = append(w.b, '\n')
	if w.st.blank {
		w.b = append(w.b, '\n')
	}
}

// section writes a section with heading number n (none when the section
// has no heading). With vary, blocks are left out or borrowed from another
// section, and the section stops at the first block past budget bytes.
func (w *reportWriter) section(s *section, n, budget int, vary bool) {
	r := w.r
	start := len(w.b)
	if s.head.segs != nil {
		w.b = append(w.b, cnNumber(n)...)
		w.b = append(w.b, "、"...)
		w.sentence(&s.head)
		w.b = trimStop(w.b)
		w.newline()
	}
	blocks := s.blocks
	if vary && len(blocks) > 1 {
		kept := make([]block, 0, len(blocks)+1)
		for _, b := range blocks {
			if b.head == nil || r.Float64() >= 0.2 {
				kept = append(kept, b)
			}
		}
		if len(kept) == 0 {
			kept = append(kept, blocks[r.IntN(len(blocks))])
		}
		if other := w.g.body[r.IntN(len(w.g.body))]; r.Float64() < 0.25 && other != s {
			if b := other.blocks[r.IntN(len(other.blocks))]; b.head != nil && kept[len(kept)-1].head != nil {
				kept = append(kept, b)
			}
		}
		blocks = kept
	}
	sub := 0
	for bi := range blocks {
		mark := len(w.b)
		b := &blocks[bi]
		if b.head != nil {
			sub++
		}
		w.block(b, sub)
		if vary && bi > 0 && len(w.b)-start > budget {
			w.b = w.b[:mark] // past the size wanted: this block goes
			break
		}
	}
}

// block writes a (一) heading and its paragraphs in the report's style.
func (w *reportWriter) block(b *block, sub int) {
	paras := b.paras
	if b.head != nil {
		switch w.st.subHead {
		case 0, 1:
			w.text("(")
			w.b = append(w.b, cnNumber(sub)...)
			w.text(")")
		case 2:
			w.b = strconv.AppendInt(w.b, int64(sub), 10)
			w.b = append(w.b, '.')
		case 3:
			w.b = strconv.AppendInt(w.b, int64(sub), 10)
			w.b = append(w.b, "、"...)
		}
		w.sentence(b.head)
		w.b = trimStop(w.b)
		inline := (w.st.subHead == 1 || w.st.subHead == 2) && len(paras) > 0 && !paras[0].numbered
		if inline {
			w.b = append(w.b, "。"...)
			w.paragraphText(&paras[0], 0.1)
			w.newline()
			paras = paras[1:]
		} else {
			w.newline()
		}
	}
	num := 0
	for pi := range paras {
		p := &paras[pi]
		if p.numbered {
			num++
		}
		w.paragraph(p, 0.1, num)
	}
}

// paragraph writes a paragraph on its own line(s). Sentences after the
// first are left out with probability drop.
func (w *reportWriter) paragraph(p *para, drop float64, num int) {
	start := len(w.b)
	if w.st.indent {
		w.b = append(w.b, "\u3000\u3000"...)
	}
	if p.numbered && num > 0 {
		n := int64(num)
		switch w.st.numbered {
		case 0:
			w.b = strconv.AppendInt(w.b, n, 10)
			w.b = append(w.b, '.')
		case 1:
			w.b = strconv.AppendInt(w.b, n, 10)
			w.b = append(w.b, "、"...)
		case 2:
			w.text("(")
			w.b = strconv.AppendInt(w.b, n, 10)
			w.text(")")
		}
	}
	w.paragraphText(p, drop)
	if w.st.wrap {
		w.wrapFrom(start)
	}
	w.newline()
}

// paragraphText writes a paragraph's sentences.
func (w *reportWriter) paragraphText(p *para, drop float64) {
	w.enum, w.prevCount = 0, -1
	for i := range p.sents {
		s := &p.sents[i]
		if i > 0 && !s.keepNext && !s.sharesPrev && w.r.Float64() < drop {
			w.prevCount = -1
			continue
		}
		w.sentence(&p.sents[i])
	}
}

// newline ends a line, with a blank line after it in that style.
func (w *reportWriter) newline() {
	w.b = append(w.b, '\n')
	if w.st.blank {
		w.b = append(w.b, '\n')
	}
}

// wrapLine is the width, in characters, at which wrapped reports break
// lines.
const wrapLine = 36

// wrapFrom breaks the text after start into lines of wrapLine characters,
// never in front of a digit or Latin letter.
func (w *reportWriter) wrapFrom(start int) {
	w.tmp = append(w.tmp[:0], w.b[start:]...)
	w.b = w.b[:start]
	n := 0
	for i := 0; i < len(w.tmp); {
		r, size := utf8.DecodeRune(w.tmp[i:])
		if n >= wrapLine && r >= 0x80 && !unicode.IsPunct(r) {
			w.b = append(w.b, '\n')
			n = 0
		}
		w.b = append(w.b, w.tmp[i:i+size]...)
		n++
		i += size
	}
}

// trimStop drops a full stop at the end of a heading.
func trimStop(b []byte) []byte {
	for _, s := range []string{"。", ".", "；", ";", "，", ","} {
		if len(b) >= len(s) && string(b[len(b)-len(s):]) == s {
			return b[:len(b)-len(s)]
		}
	}
	return b
}

// closing writes the signature and date, in the reports that have them.
func (w *reportWriter) closing() {
	if w.st.closing == 0 {
		return
	}
	r := w.r
	w.b = append(w.b, '\n')
	w.sentence(&signatures[w.st.closing-1])
	w.b = append(w.b, '\n')
	y, m, d := w.year, 11+r.IntN(2), 1+r.IntN(30)
	if r.Float64() < 0.55 {
		y, m, d = w.year+1, 1+r.IntN(3), 1+r.IntN(28)
	}
	if w.st.cnDate {
		for _, c := range strconv.Itoa(y) {
			w.b = append(w.b, string([]rune("〇一二三四五六七八九")[c-'0'])...)
		}
		w.b = append(w.b, "年"...)
		w.b = append(w.b, cnNumber(m)...)
		w.b = append(w.b, "月"...)
		w.b = append(w.b, cnNumber(d)...)
		w.b = append(w.b, "日\n"...)
		return
	}
	w.b = fmt.Appendf(w.b, "%d年%d月%d日\n", y, m, d)
}

// fullWidth maps the ASCII punctuation of the samples' normalised text to
// the full-width forms most reports use.
var fullWidth = map[byte]string{',': "，", ':': "：", ';': "；", '(': "（", ')': "）", '!': "！", '?': "？"}

// sentence renders one template sentence, with figures drawn afresh.
func (w *reportWriter) sentence(s *sentence) {
	r := w.r
	w.vals = w.vals[:0]
	f := w.st.factor * math.Exp(r.NormFloat64()*0.25)
	prevCount := -1.0
	for i := range s.slots {
		w.vals = append(w.vals, w.value(s.slots, i, f))
		if !s.slots[i].rate {
			prevCount = w.vals[i]
		}
	}
	w.prevCount = prevCount
	pl := &w.pl
	for _, g := range s.segs {
		switch g.kind {
		case segText:
			w.text(g.text)
		case segTown:
			w.b = append(w.b, pl.town...)
		case segTownShort:
			w.b = append(w.b, pl.short...)
		case segTownInitial:
			_, n := utf8.DecodeRuneInString(pl.short)
			w.b = append(w.b, pl.short[:n]...)
		case segTownGov:
			w.b = append(w.b, pl.gov...)
		case segCounty:
			w.b = append(w.b, pl.county...)
		case segCountyShort:
			w.b = append(w.b, pl.countyShort...)
		case segCountyLevel:
			w.b = append(w.b, pl.countyLevel...)
		case segCity:
			w.b = append(w.b, pl.city...)
		case segCityShort:
			w.b = append(w.b, pl.cityShort...)
		case segProvince:
			w.b = append(w.b, pl.province...)
		case segProvinceShort:
			w.b = append(w.b, pl.provinceShort...)
		case segRegion:
			t := strings.Replace(strings.Replace(g.text, "\x00", pl.region, 1), "\x01", pl.regionShort, 1)
			w.b = append(w.b, t...)
		case segLevel, segLevelGov, segLevelGovShort, segLevelDeputy, segLevelHead, segLevelParty:
			w.b = append(w.b, levelWords[g.kind][pl.level]...)
		case segYear:
			if w.st.spaced {
				w.b = append(w.b, ' ')
			}
			w.b = strconv.AppendInt(w.b, int64(w.year+g.n), 10)
			if w.st.spaced {
				w.b = append(w.b, ' ')
			}
		case segEnum:
			w.enum++
			w.b = append(w.b, cnNumber(w.enum)...)
			w.b = append(w.b, "是"...)
		case segChoice:
			grp := choiceGroups[g.n]
			w.b = append(w.b, grp[r.IntN(len(grp))]...)
		case segSlot:
			w.figure(&s.slots[g.n], w.vals[g.n])
		}
	}
}

// text writes literal text in the report's punctuation style.
func (w *reportWriter) text(t string) {
	if !w.st.fullWidth {
		w.b = append(w.b, t...)
		return
	}
	for i := 0; i < len(t); i++ {
		if fw, ok := fullWidth[t[i]]; ok {
			w.b = append(w.b, fw...)
		} else {
			w.b = append(w.b, t[i])
		}
	}
}

// value draws the figure of slot i of a sentence, given the values of the
// slots before it and the sentence's scale f.
func (w *reportWriter) value(slots []slot, i int, f float64) float64 {
	r := w.r
	sl := &slots[i]
	switch {
	case sl.rate && sl.of >= 0:
		part, whole := w.vals[sl.of], w.vals[slots[sl.of].parent]
		if whole <= 0 {
			return 100
		}
		return math.Min(100, part/whole*100)
	case sl.rate:
		if sl.value >= 100 && r.Float64() < 0.7 {
			return 100
		}
		v := sl.value + r.NormFloat64()*6
		return math.Max(30, math.Min(100, v))
	case sl.rest >= 0:
		return math.Max(0, w.vals[sl.parent]-w.vals[sl.rest])
	case sl.parent >= 0 || sl.parent == prevWhole && w.prevCount >= 0:
		whole := w.prevCount
		if sl.parent >= 0 {
			whole = w.vals[sl.parent]
		}
		if sl.sumLast {
			for j := 0; j < i; j++ {
				if slots[j].parent == sl.parent && slots[j].rest < 0 && !slots[j].rate {
					whole -= w.vals[j]
				}
			}
			return math.Max(0, whole)
		}
		if sl.ratio >= 1 && r.Float64() < 0.7 {
			return whole
		}
		v := math.Round(whole * sl.ratio * (0.96 + 0.04*r.Float64()))
		return math.Min(whole, math.Max(0, v))
	}
	v0 := sl.value
	switch {
	case v0 == 0:
		return 0
	case sl.decimals == 0 && sl.mult == "" && v0 <= 3:
		return math.Max(1, v0+float64(r.IntN(3)-1))
	}
	v := v0 * f * math.Exp(r.NormFloat64()*0.08)
	p := math.Pow(10, float64(sl.decimals))
	v = math.Round(v*p) / p
	if sl.decimals == 0 {
		v = math.Max(1, v)
	}
	return v
}

// qualifiers that a figure may be given instead of the one it had.
var qualifierChoices = []struct{ prefix, mid, suffix string }{
	{}, {mid: "余"}, {mid: "多"}, {prefix: "近"}, {prefix: "约"}, {suffix: "以上"}, {suffix: "左右"},
}

// notNumberBefore are characters after which a Chinese numeral would read
// as part of a word (统一, 进一步).
const genNotNumberBefore = "统进唯同单万逐之划专纯归合第星周礼拜初"

// figure writes a figure with its qualifiers and unit.
func (w *reportWriter) figure(sl *slot, v float64) {
	r := w.r
	if sl.rate {
		w.b = append(w.b, sl.prefix...)
		if w.st.spaced {
			w.b = append(w.b, ' ')
		}
		if v == math.Trunc(v) || r.Float64() < 0.6 {
			w.b = strconv.AppendInt(w.b, int64(math.Round(v)), 10)
		} else {
			w.b = strconv.AppendFloat(w.b, math.Round(v*10)/10, 'f', 1, 64)
		}
		w.b = append(w.b, '%')
		w.b = append(w.b, sl.suffix...)
		return
	}
	prefix, mid, suffix := sl.prefix, sl.mid, sl.suffix
	linked := sl.parent != -1 || sl.whole
	if !linked && sl.unit != "" && v >= 20 && r.Float64() < 0.2 {
		q := qualifierChoices[r.IntN(len(qualifierChoices))]
		prefix, mid, suffix = q.prefix, q.mid, q.suffix
	}
	if !linked && v >= 20 && sl.decimals == 0 && sl.mult == "" && (prefix != "" || mid != "" || suffix != "") {
		g := roundStep(v)
		switch {
		case prefix == "近":
			v = math.Ceil(v/g) * g
		case prefix == "约" || suffix == "左右":
			v = math.Round(v/g) * g
		default:
			v = math.Floor(v/g) * g
		}
	}
	w.b = append(w.b, prefix...)
	last, _ := utf8.DecodeLastRune(w.b)
	switch {
	case sl.mult != "":
		m := 1000.0
		if sl.mult == "万" {
			m = 1e4
		}
		w.space()
		base := v / m
		if base >= 10 || r.Float64() < 0.5 {
			w.b = strconv.AppendInt(w.b, int64(math.Max(1, math.Round(base))), 10)
		} else {
			w.b = strconv.AppendFloat(w.b, math.Max(0.1, math.Round(base*10)/10), 'f', -1, 64)
		}
		w.b = append(w.b, sl.mult...)
	case sl.decimals == 0 && v >= 20000 && r.Float64() < 0.2:
		w.space()
		w.b = strconv.AppendFloat(w.b, math.Round(v/1000)/10, 'f', -1, 64)
		w.b = append(w.b, "万"...)
	case sl.decimals == 0 && v >= 2 && v <= 99 && sl.unit != "" && r.Float64() < 0.07 &&
		!strings.ContainsRune(genNotNumberBefore, last):
		w.b = append(w.b, cnNumber(int(v))...)
	default:
		w.space()
		w.b = strconv.AppendFloat(w.b, v, 'f', sl.decimals, 64)
	}
	if w.st.spaced {
		w.b = append(w.b, ' ')
	}
	w.b = append(w.b, mid...)
	w.b = append(w.b, sl.unit...)
	w.b = append(w.b, suffix...)
}

// space writes the space before a figure in the spaced style.
func (w *reportWriter) space() {
	if w.st.spaced {
		w.b = append(w.b, ' ')
	}
}

// roundStep is the rounding of an approximate figure: 37 → 10s, 1234 →
// 100s.
func roundStep(v float64) float64 {
	d := math.Floor(math.Log10(v))
	if d <= 1 {
		return 10
	}
	return math.Pow(10, d-1)
}

// cnNumber writes 1…99 in Chinese numerals.
func cnNumber(n int) string {
	const digits = "零一二三四五六七八九"
	d := func(i int) string { return string([]rune(digits)[i]) }
	switch {
	case n < 10:
		return d(n)
	case n < 20:
		if n == 10 {
			return "十"
		}
		return "十" + d(n-10)
	case n < 100:
		if n%10 == 0 {
			return d(n/10) + "十"
		}
		return d(n/10) + "十" + d(n%10)
	}
	return strconv.Itoa(n)
}
