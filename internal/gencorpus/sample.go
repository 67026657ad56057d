package gencorpus

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"baogao/corpus"
	"baogao/extract"
)

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
