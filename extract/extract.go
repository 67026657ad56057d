package extract

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"baogao/corpus"
)

// Indicator is one value a report states, with its evidence. It is the
// record of spec/indicators.md.
type Indicator struct {
	ID        string  `json:"indicator"`
	Label     string  `json:"label"`
	Value     float64 `json:"value"`
	Unit      string  `json:"unit"`
	Qualifier string  `json:"qualifier"`
	Scope     Scope   `json:"scope"`
	Subject   string  `json:"subject"`
	Derived   bool    `json:"derived"`
	// Computed is, for a written rate, the rate computed from the counts the
	// same passage gives; nil when it gives none.
	Computed *float64 `json:"computed,omitempty"`
	Section  string   `json:"section"`
	Evidence string   `json:"evidence"`
	Start    int      `json:"start"`
	End      int      `json:"end"`
	Rule     string   `json:"rule"`
	// NumStart and NumEnd span the number as written (for highlighting);
	// both are 0 for values no number states (derived, 尚无).
	NumStart int `json:"-"`
	NumEnd   int `json:"-"`
}

// Result is what one report yields.
type Result struct {
	Sections   []Section
	Indicators []Indicator
	Warnings   []corpus.Warning
}

// Extractor extracts indicators with one catalogue. The zero value uses
// DefaultCatalogue. It is safe for concurrent use.
type Extractor struct {
	Catalogue *Catalogue
}

// Extract runs the default extractor over doc.
func Extract(doc *corpus.Doc) *Result {
	var x Extractor
	return x.Extract(doc)
}

// MaxRecords is the most figures kept of one report. A township's report
// states tens of figures, a county's compilation a few hundred; a file
// with thousands is many reports pasted together or a table dump, and the
// 800,000 figures of a 16 MB one took gigabytes to extract and index. The
// figures after the limit are not read, with a too_many_figures warning.
const MaxRecords = 2000

// Limits of the trigger search.
const (
	// maxBeforeGap is how many characters may stand between a trigger word
	// and its number (开展各类普法学习教育活动共 40 余次).
	maxBeforeGap = 24
	// maxAfterGap is how many characters may stand between a number's unit
	// and a trigger after it (16个行政村配备专职法律顾问).
	maxAfterGap = 8
	// maxEvidenceRunes is the longest sentence kept whole as evidence;
	// longer ones are cut to the clauses involved.
	maxEvidenceRunes = 100
)

var (
	umbrellaRE   = mustMatcher(`等\p{Han}{2,}`)
	planCueRE    = mustMatcher(`^(?:下一步|下步|下一阶段|今后|明年|来年)|下一步[,，]?\p{Han}{0,6}将`)
	problemCueRE = mustMatcher(`^存在|(?:但|但是|仍|还|也|仍然)\p{Han}{0,8}存在\p{Han}{0,6}(?:问题|不足|差距|短板)`)
	yearPlanRE   = mustMatcher(`^((?:19|20)\d{2})年[,，]?\p{Han}{0,6}将`)
	enumLeadRE   = regexp.MustCompile(`^(?:[一二三四五六七八九十]{1,3}是|[(（]?[一二三四五六七八九十\d]{1,3}[)）、.]|同时|此外|另外)[,，]?`)
	distribRE    = mustMatcher(`分别`)
	partsLeadRE  = regexp.MustCompile(`^其中`)
	planWordRE   = mustMatcher(`下一步|下步|今后`)
)

// Extract reads the indicators of one report.
func (x *Extractor) Extract(doc *corpus.Doc) *Result {
	cat := x.Catalogue
	if cat == nil {
		cat = DefaultCatalogue
	}
	// Rules read traditional characters as their simplified forms; the
	// offsets are the same, and asWritten puts the text back.
	text := corpus.Simplify(doc.Text)
	e := &run{cat: cat, text: text, year: doc.Meta.Year, town: corpus.Simplify(doc.Meta.Town.Value)}
	e.masked, e.quoted = maskQuoted(text)
	e.secs = parseSections(text)
	if len(e.secs) == MaxSections {
		e.warn("too_many_headings", fmt.Sprintf("the report has more than %d headings; the lines after the %dth are read as text of its section",
			MaxSections, MaxSections), e.secs[MaxSections-1].Heading)
	}
	res := &Result{Sections: e.secs}
	res.Warnings = append(res.Warnings, doc.Warnings...)

	off := 0
	for para := range strings.SplitAfterSeq(text, "\n") {
		p := span{off, off + len(para)}
		off += len(para)
		if !e.paragraph(p) {
			e.warn("too_many_figures", fmt.Sprintf("the report states more than %d figures; only those in its first %d of %d bytes are read (is it several reports in one file?)",
				MaxRecords, e.readTo, len(text)), "")
			break
		}
	}
	e.flushParts()
	res.Indicators = dedupe(e.out)
	if len(res.Indicators) > MaxRecords {
		res.Indicators = res.Indicators[:MaxRecords]
	}
	res.Warnings = append(res.Warnings, e.warns...)
	if text != doc.Text {
		asWritten(res, doc.Text)
	}
	return res
}

// asWritten puts the text of a report read through Simplify back as the
// report writes it: headings, section paths and evidence.
func asWritten(res *Result, written string) {
	paths := map[string]string{}
	for i := range res.Sections {
		s := &res.Sections[i]
		old := s.Path
		s.Heading = strings.TrimSpace(written[s.Start:s.HeadEnd])
		s.Path = s.Heading
		if s.Parent >= 0 {
			s.Path = res.Sections[s.Parent].Path + " > " + s.Heading
		}
		paths[old] = s.Path
	}
	for i := range res.Indicators {
		ind := &res.Indicators[i]
		ind.Evidence = written[ind.Start:ind.End]
		if p, ok := paths[ind.Section]; ok {
			ind.Section = p
		}
	}
}

// run is the state of one extraction.
type run struct {
	cat    *Catalogue
	text   string
	masked string
	quoted []bool
	secs   []Section
	year   int
	town   string // the town's name, for telling it from other actors
	para   span   // the paragraph being read
	readTo int    // the end of the text read, once MaxRecords are

	cues  []scopeCue
	out   []Indicator
	warns []corpus.Warning

	// parts of a whole being collected after 其中.
	whole *Indicator
	parts []Indicator
}

// scopeCue is a sentence that changes the scope of the text after it, up
// to the end of its section.
type scopeCue struct {
	start, end int
	scope      Scope
}

// found is a quantity with the rule it was assigned to.
type found struct {
	q       Quantity
	rule    *Rule
	trigger span // the trigger words, absolute
	clause  span
	how     string // before, after
}

// paragraph reads the figures of one paragraph, and reports whether there
// is room for more: false once MaxRecords are read (readTo says how far).
func (e *run) paragraph(p span) bool {
	e.para = p
	paraStart := len(e.out)
	defer e.deriveRates(paraStart)
	for _, s := range limitSpans(e.text, splitSpans(e.text, p, sentenceEnd), maxSentenceBytes, clauseEnd+"、") {
		if len(e.out) >= MaxRecords {
			e.readTo = s.start
			return false
		}
		e.sentence(s)
	}
	e.readTo = p.end
	return len(e.out) < MaxRecords
}

func (e *run) sentence(s span) {
	e.noteScopeCue(s)
	sent := e.text[s.start:s.end]
	clauses := limitSpans(e.text, splitSpans(e.text, s, clauseEnd), maxClauseBytes, "、 ")
	if len(clauses) == 0 {
		return
	}
	inParts := partsLeadRE.MatchString(sent)
	if !inParts {
		e.flushParts()
	}
	qs := ScanQuantities(sent)
	for i := range qs {
		qs[i] = shift(qs[i], s.start)
	}
	var founds []found
	prevEnd := -1
	for _, q := range qs {
		c := clauseOf(clauses, q.Start)
		if q.DateLike || q.Ordinal || e.isQuoted(q) {
			continue
		}
		// A quantity across the cut of an over-long clause belongs to it
		// whole.
		c.start, c.end = min(c.start, q.Start), max(c.end, q.End)
		lc := c.start
		if prevEnd > lc && prevEnd <= q.Start {
			lc = prevEnd
		}
		lc = max(lc, runeBoundary(e.text, q.Start-maxLookBytes))
		if changeToRE.MatchString(e.masked[q.End:min(len(e.masked), q.End+maxChangeBytes)]) {
			// 从18人增加到25人: 18 is what it was; 25, with the same
			// words before it, is what it is.
			continue
		}
		prevEnd = q.End
		if perUnitRE.MatchString(e.masked[lc:q.Start]) {
			continue // a rate per village or month, or an average, not a total
		}
		if f, ok := e.assign(q, c, lc, sent); ok {
			founds = append(founds, f)
		}
	}
	distributed := e.distribute(s, clauses, qs)
	for _, f := range founds {
		if distributed[f.q.Start] {
			continue
		}
		ind := e.record(f.rule, f.q.Value, f.q.Unit, f.q.Qualifier, s, clauses, f.clause, f.trigger, f.q.Start)
		ind.NumStart, ind.NumEnd = f.q.NumStart, f.q.NumEnd
		ind.Rule = f.rule.ID + ":" + f.how + ":" + e.text[f.trigger.start:f.trigger.end]
		if inParts && partsLeadRE.MatchString(e.text[clauseOf(clauses, f.q.Start).start:]) || inParts {
			if e.whole != nil && e.whole.ID == ind.ID && e.whole.Unit == ind.Unit {
				e.parts = append(e.parts, ind)
				continue
			}
		}
		e.emit(ind)
	}
	e.zeroAndAll(s, clauses)
}

// isQuoted reports whether a quantity without a unit sits inside quotation
// marks or a book title: “515”, 《2021年…》 name things, they count nothing.
func (e *run) isQuoted(q Quantity) bool {
	if !e.quoted[q.NumStart] {
		return false
	}
	return q.Unit == "" || strings.Contains(e.masked[q.Start:q.End], "_") || e.quotedAll(q)
}

func (e *run) quotedAll(q Quantity) bool {
	for i := q.Start; i < q.End; i++ {
		if !e.quoted[i] {
			return false
		}
	}
	// A count inside quotes (“五个一”) is a slogan.
	return true
}

// assign picks the rule a quantity belongs to: among rules that accept its
// unit and whose context the sentence meets, the one whose trigger stands
// nearest to the number.
func (e *run) assign(q Quantity, c span, lc int, sent string) (found, bool) {
	var best found
	bestGap := math.MaxInt
	left := e.masked[lc:q.Start]
	right := e.masked[q.End:min(c.end, runeBoundary(e.text, q.End+maxLookBytes))]
	if e.byEachUnit(lc, q.Start) {
		return best, false
	}
	for _, r := range e.cat.Rules {
		if !r.acceptsUnit(q.Unit, q.Qualifier) {
			continue
		}
		if r.context != nil && !r.context.MatchString(sent) {
			continue
		}
		if r.exclude != nil && r.exclude.MatchString(left) {
			continue
		}
		if len(r.before) > 0 {
			if m := lastMatch(r.before, left); m != nil {
				gapText := left[m[1]:]
				gap := gapRunes(gapText) * 2
				if gap <= maxBeforeGap*2 && !isUmbrella(r, gapText) && (r.not == nil || !r.not.MatchString(gapText)) && better(gap, m[1]-m[0], bestGap, best) {
					best = found{q: q, rule: r, trigger: span{lc + m[0], lc + m[1]}, clause: c, how: "before"}
					bestGap = gap
				}
			}
		}
		if r.after != nil {
			if m := r.after.FindStringIndex(right); m != nil {
				gapText := right[:m[0]]
				gap := gapRunes(gapText)*2 + 1
				// What is counted may also be named after the trigger:
				// 120人参加法律知识考试 counts examinees.
				beyond := right[m[1]:runeBoundary(right, m[1]+maxAfterGap*3)]
				if (gapText == "" || !strings.ContainsAny(gapText, "0123456789") && gapRunes(gapText) <= maxAfterGap) && (r.not == nil || !r.not.MatchString(gapText) && !r.not.MatchString(beyond)) {
					if better(gap, m[1]-m[0], bestGap, best) {
						best = found{q: q, rule: r, trigger: span{q.End + m[0], q.End + m[1]}, clause: c, how: "after"}
						bestGap = gap
					}
				}
			}
		}
	}
	return best, best.rule != nil
}

// perUnitRE finds, before a number, words that make it a figure per
// village, month or person, or an average: 每村4个, 月均受理5起.
var perUnitRE = mustMatcher(`每|月均|年均|日均|周均|平均|人均|户均|村均`)

// changeToRE finds, right after a number, words that make it the value a
// figure changed from: 从2021年的18人增加到2023年的25人.
var changeToRE = regexp.MustCompile(`^(?:的)?(?:增加|增长|提高|提升|上升|下降|减少|降低|扩大)(?:到|至|为)|^(?:的)?(?:增至|降至|升至|增为)`)

// maxChangeBytes bounds the words changeToRE reads.
const maxChangeBytes = 5 * 3

// isUmbrella reports whether the text between a trigger and its number
// makes the number count a whole list of things (开展普法宣传、法律咨询等
// 活动20余次), not what the trigger names. A list that ends in what is
// counted itself (成功化解婚姻家庭、邻里纠纷等各类矛盾纠纷25件) or in what
// is studied (学习《宪法》《民法典》等法律法规10余次) is no umbrella.
func isUmbrella(r *Rule, gap string) bool {
	m := umbrellaRE.FindStringIndex(gap)
	if m == nil {
		return false
	}
	tail := strings.TrimPrefix(strings.TrimPrefix(gap[m[0]+len("等"):], "各类"), "多种")
	for _, w := range []string{"共计", "累计", "共", "达"} {
		tail = strings.TrimSuffix(tail, w)
	}
	for _, n := range append(r.Nouns, studiedWords...) {
		if tail == n {
			return false
		}
	}
	return true
}

// studiedWords name what is studied, not kinds of activity.
var studiedWords = []string{"法律法规", "法律", "法规", "条例", "规定", "文件"}

// eachUnitRE finds the actors of a total over every party branch or over
// the whole county: 各支部累计学习3000余次 and 全县共调处矛盾纠纷1200起 are
// not the town's own counts. A total of every
// village's publicity (各村（社区）…进行法治宣传20余次) is the town's work and
// is kept.
var eachUnitRE = mustMatcher(`各(?:党)?支部|各党小组|全县|全区|全市|全旗|全州|全盟|全省`)

// byEachUnit reports whether text[from:to], the clause before a number,
// has every party branch, or the county or above, as its actor.
func (e *run) byEachUnit(from, to int) bool {
	for _, m := range eachUnitRE.FindAllStringIndex(e.masked[from:to], -1) {
		if isSubjectPosition(e.text, from+m[0], from+m[1]) {
			return true
		}
	}
	return false
}

// better reports whether a trigger at distance gap and of length n beats
// the best so far: nearer wins, then longer.
func better(gap, n, bestGap int, best found) bool {
	if gap != bestGap {
		return gap < bestGap
	}
	return best.rule == nil || n > best.trigger.end-best.trigger.start
}

// lastMatch returns the match of any of res in s that ends last (the
// longest of those), or nil.
func lastMatch(res []*matcher, s string) []int {
	var best []int
	for _, re := range res {
		for _, m := range re.FindAllStringIndex(s, -1) {
			if best == nil || m[1] > best[1] || m[1] == best[1] && m[0] < best[0] {
				best = m
			}
		}
	}
	return best
}

// record builds an Indicator for a value read at offset at.
func (e *run) record(r *Rule, v float64, unit, qual string, s span, clauses []span, c span, trig span, at int) Indicator {
	subj, subjClause := e.subject(r, s, clauses, c, trig, at)
	ev := e.evidence(s, c, subjClause, c)
	sec := innermost(e.secs, at)
	path := ""
	if sec >= 0 {
		path = e.secs[sec].Path
	}
	return Indicator{
		ID: r.ID, Label: r.Label, Value: v, Unit: unit, Qualifier: qual,
		Scope: e.scopeAt(at), Subject: subj, Section: path,
		Evidence: e.text[ev.start:ev.end], Start: ev.start, End: ev.end,
	}
}

// subject finds who did what a value counts (see subject.go): the body
// in subject position nearest before the value in its clause, else in the
// sentence's first clause, else the one the text before was speaking of.
// It returns the clause to quote with the value when that is another.
func (e *run) subject(r *Rule, s span, clauses []span, c span, trig span, at int) (string, span) {
	look := func(from, to int) (string, bool) {
		if from >= to {
			return "", false
		}
		// The nearest body named before the number is the one acting:
		// 我镇各部门开展普法宣传40余次、司法所开展讲座16场次.
		ms := subjectRE.FindAllStringIndex(e.masked[from:to], -1)
		for k := len(ms) - 1; k >= 0; k-- {
			a, b := from+ms[k][0], from+ms[k][1]
			w := e.text[a:b]
			if r.counts(w) {
				continue // what is counted is not who did it (村法律顾问20名)
			}
			if !isSubjectPosition(e.text, a, b) || e.quoted[a] {
				continue // 在我镇, 联合司法所, “一村一法律顾问”
			}
			if isTownWord(w) {
				return "", true
			}
			return bodySubject(e.text, a, b), true
		}
		return "", false
	}
	if s, ok := look(max(c.start, runeBoundary(e.text, at-maxLookBytes)), at); ok {
		return s, c
	}
	// The clauses before, nearest first: 据了解，陈官镇矛调中心运行以来，
	// 共接待群众56人次.
	for k := len(clauses) - 1; k >= 0; k-- {
		cl := clauses[k]
		if cl.start >= c.start {
			continue
		}
		if s, ok := look(cl.start, cl.end); ok {
			if s == "" {
				return "", c // the town itself: no need to quote that clause
			}
			return s, cl
		}
	}
	if e.namesTown(s) {
		return "", c
	}
	if subj, ok := e.topic(e.para, s); ok {
		return subj, c
	}
	return "", c
}

// namesTown reports whether sentence s names the town as its actor (王团镇
// 共排查…), so that it needs no topic from before.
func (e *run) namesTown(s span) bool { return len(e.townActors(s.start, s.end)) > 0 }

// opensBody reports whether a body's name goes on at offset at: the
// town's name in 陈官镇矛调中心 names the centre, not the town.
func (e *run) opensBody(at int) bool {
	rest := e.masked[at:min(len(e.masked), runeBoundary(e.text, at+maxBodyNameBytes))]
	m := subjectRE.FindStringIndex(rest)
	return m != nil && isNameGap(rest[:m[0]]) && !isTownWord(rest[m[0]:m[1]])
}

// maxBodyNameBytes bounds the words between a town's name and the body
// word that ends a body's name (社会矛盾纠纷调处化解中心).
const maxBodyNameBytes = 12 * 3

// evidence returns the span of the sentence s when it is short, else of
// the clauses from the earliest involved to the latest.
func (e *run) evidence(s span, spans ...span) span {
	if runeLen(e.text[s.start:s.end]) <= maxEvidenceRunes {
		return s
	}
	ev := spans[0]
	for _, x := range spans[1:] {
		ev.start = min(ev.start, x.start)
		ev.end = max(ev.end, x.end)
	}
	return trimSpan(e.text, ev)
}

// emit adds a record and makes it the whole that a following 其中 may split.
func (e *run) emit(ind Indicator) {
	e.out = append(e.out, ind)
	if ind.Value > maxPlausibleCount {
		e.warn("implausible_value", ind.Label+" "+num(ind.Value)+" is more than any town counts; check the number as written", ind.Evidence)
	}
	if r := e.cat.Rule(ind.ID); r != nil && r.Kind == KindCount {
		e.flushParts()
		w := ind
		e.whole = &w
	}
}

// maxPlausibleCount is the largest figure a town's report can mean: ten
// million is more leaflets, visits or people than any township has. A
// larger one is kept as written, with a warning, since it is a typing or
// reading mistake more often than not.
const maxPlausibleCount = 1e7

// flushParts checks the parts collected after 其中 against their whole.
func (e *run) flushParts() {
	defer func() { e.parts = nil }()
	if e.whole == nil || len(e.parts) == 0 {
		return
	}
	sum := 0.0
	exact := e.whole.Qualifier == QualExact
	var ev []string
	for _, p := range e.parts {
		sum += p.Value
		exact = exact && p.Qualifier == QualExact
		ev = append(ev, p.Evidence)
		if p.Value > e.whole.Value && e.whole.Qualifier != QualAtLeast {
			e.warn("part_exceeds_whole", e.whole.Label+": part "+num(p.Value)+" is larger than the whole "+num(e.whole.Value), p.Evidence)
		}
	}
	if len(e.parts) >= 2 && exact && math.Abs(sum-e.whole.Value) > 0.5 {
		e.warn("sum_mismatch", e.whole.Label+": parts add up to "+num(sum)+", the total says "+num(e.whole.Value),
			e.whole.Evidence+" / "+strings.Join(ev, " / "))
	}
}

func (e *run) warn(code, msg, evidence string) {
	e.warns = append(e.warns, corpus.Warning{Code: code, Message: msg, Evidence: evidence})
}

// noteScopeCue records a sentence that turns the rest of its section into
// plans (下一步…将) or problems (但仍存在…问题).
func (e *run) noteScopeCue(s span) {
	sent := enumLeadRE.ReplaceAllString(e.text[s.start:s.end], "")
	cur := e.scopeAt(s.start)
	var sc Scope
	switch {
	case cur != ScopePlan && planCueRE.MatchString(sent):
		sc = ScopePlan
	case cur != ScopePlan && e.year > 0 && yearPlanRE.MatchString(sent):
		if y, _ := strconv.Atoi(yearPlanRE.FindStringSubmatch(sent)[1]); y > e.year {
			sc = ScopePlan
		}
	case cur == ScopeAchievement && problemCueRE.MatchString(sent) && !isContentsItem(sent):
		sc = ScopeProblem
	}
	if sc == "" {
		return
	}
	end := len(e.text)
	if i := innermost(e.secs, s.start); i >= 0 {
		end = e.secs[i].End
	}
	// A cue whose section has ended says nothing of the text from here
	// on: dropped, so that a report of many sections keeps few cues.
	e.cues = slices.DeleteFunc(e.cues, func(c scopeCue) bool { return c.end <= s.start })
	e.cues = append(e.cues, scopeCue{s.start, end, sc})
	// "存在问题…下一步将…" in one sentence: the plan begins where it says so.
	if sc == ScopeProblem {
		if m := planWordRE.FindStringIndex(e.text[s.start:s.end]); m != nil {
			e.cues = append(e.cues, scopeCue{s.start + m[0], end, ScopePlan})
		}
	}
}

// isContentsItem reports whether a sentence is an item of a list of
// contents rather than a statement: "(五)存在的主要问题及改进情况" in a report's
// 全文包括…; list names a problem part, it states no problem. Such an item
// is short and has no clause of its own.
func isContentsItem(sent string) bool {
	return !strings.ContainsAny(sent, clauseEnd) && runeLen(sent) < minStatementRunes
}

// minStatementRunes is the shortest sentence, without a comma, that states
// something rather than naming a part.
const minStatementRunes = 20

// scopeAt returns the scope of the text at offset.
func (e *run) scopeAt(off int) Scope {
	for i := len(e.cues) - 1; i >= 0; i-- {
		if c := e.cues[i]; c.start <= off && off < c.end {
			return c.scope
		}
	}
	if i := innermost(e.secs, off); i >= 0 {
		return e.secs[i].Scope
	}
	return ScopeAchievement
}

// clauseOf returns the clause containing offset (the nearest before it).
func clauseOf(clauses []span, off int) span {
	c := clauses[0]
	for _, x := range clauses {
		if x.start <= off {
			c = x
		}
	}
	return c
}

func shift(q Quantity, by int) Quantity {
	q.Start += by
	q.End += by
	q.NumStart += by
	q.NumEnd += by
	return q
}

// num formats a value the way reports write it.
func num(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// dedupe drops records that repeat another's indicator, value, subject,
// evidence span and written number (two equal numbers written in one
// sentence are two records).
func dedupe(in []Indicator) []Indicator {
	type key struct {
		id, subj   string
		v          float64
		start, end int
		num        int
	}
	seen := map[key]bool{}
	var out []Indicator
	for _, r := range in {
		k := key{r.ID, r.Subject, r.Value, r.Start, r.End, r.NumStart}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, r)
	}
	return out
}
