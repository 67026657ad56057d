package gencorpus

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"

	"baogao/corpus"
)

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
