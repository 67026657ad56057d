package corpus

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// minWrappedLine is the shortest line, in runes, that can be a paragraph
// line broken by page layout. Letterheads, titles, signatures and dates are
// shorter; body lines of an A4 page hold 28–40 characters.
const minWrappedLine = 18

// maxFurnitureLine is the longest line, in runes, that is still considered
// for removal as web-page furniture or a repeated footer. Real sentences are
// longer; menu items and footers are short.
const maxFurnitureLine = 40

// Normalize turns decoded report text into the clean text every later stage
// uses: full-width characters folded to their narrow forms, line ends
// unified, lines trimmed, page numbers and web-page furniture dropped,
// paragraphs that page layout split joined again, footers repeated at the
// end kept once, and injected advertising removed. Each removal that a
// reviewer should know about comes back as a Warning.
func Normalize(text string) (string, []Warning) {
	out, warns, _ := normalize(text)
	return out, warns
}

// normalize is Normalize that also returns the furniture lines it removed,
// for the metadata they hold (发布机构, 发布日期, the breadcrumb).
func normalize(text string) (string, []Warning, []string) {
	var warns []Warning
	text = width.Fold.String(text)
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	text = strings.Map(cleanRune, text)

	var lines []string
	var furniture []string
	for l := range strings.SplitSeq(text, "\n") {
		l = strings.TrimFunc(l, isEdge)
		switch {
		case l == "" && len(lines) > 0 && lines[len(lines)-1] == "":
			// One blank line says all that many do (joinWrapped drops
			// them, footers are counted without them); a file of
			// millions of them costs no memory.
			continue
		case isPageNumber(l):
			continue
		case isFurniture(l):
			furniture = append(furniture, l)
			continue
		}
		lines = append(lines, l)
	}
	if len(furniture) > 0 {
		warns = append(warns, Warning{
			Code:     "furniture_removed",
			Message:  "removed " + strconv.Itoa(len(furniture)) + " line(s) of web-page furniture",
			Evidence: strings.Join(furniture, " | "),
		})
	}
	lines, dup := dropRepeatedFooters(lines)
	if len(dup) > 0 {
		warns = append(warns, Warning{
			Code:     "footer_repeated",
			Message:  "removed " + strconv.Itoa(len(dup)) + " repeated footer line(s)",
			Evidence: strings.Join(dup, " | "),
		})
	}
	lines = joinWrapped(lines)
	out := strings.Join(lines, "\n")
	out, spam := removeSpam(out)
	for _, s := range spam {
		warns = append(warns, Warning{
			Code:     "spam_removed",
			Message:  "removed text that does not belong to the report (advertising or gambling-site spam)",
			Evidence: s,
		})
	}
	return strings.TrimSpace(out) + "\n", warns, furniture
}

// isEdge reports whether r is trimmed from the ends of a line: space, and
// the pipes of a web page's layout table that a saved copy keeps around
// its cells (2024年院桥镇…总结报告 | ||||).
func isEdge(r rune) bool { return unicode.IsSpace(r) || r == '|' }

// cleanRune maps control and invisible characters away and unifies spaces.
func cleanRune(r rune) rune {
	switch {
	case r == '\n' || r == '\t':
		return r
	case r == '\u00a0' || r == '\u3000' || r == '\u2002' || r == '\u2003':
		return ' '
	case r == '\ufeff' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060':
		return -1
	case unicode.IsControl(r):
		return -1
	case unicode.Is(unicode.Cf, r):
		// Format characters: bidirectional overrides (U+202E turns text
		// around on screen), soft hyphens, invisible operators. None
		// belongs in a report, and an override makes text lie.
		return -1
	case r == utf8.RuneError:
		return -1
	}
	return r
}

var pageNumberRE = regexp.MustCompile(`^(?:[-—–－_~·•]+\s*\d{1,4}\s*[-—–－_~·•]+|第\s*\d{1,4}\s*页(?:\s*[,/，]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|[-—–]?\s*\d{1,3}\s*[-—–]?)$`)

// isPageNumber reports whether a whole line is a page number such as
// "- 3 -", "— 3 —", "第3页 共10页" or a bare "12".
func isPageNumber(l string) bool {
	return l != "" && len(l) <= 40 && pageNumberRE.MatchString(l)
}

var furnitureRE = regexp.MustCompile(`^[\[【]?\s*(?:您当前所在位置|您当前的位置|当前位置|您的位置|所在位置|体裁分类|索引号|发文字号|文号|发布时间|发布日期|发文日期|成文日期|发布机构|发文机关|信息来源|来源|主题分类|所属主题|公开方式|公开范围|有效性|浏览次数|阅读次数|访问量|点击数|分享到|语音播报|字体|字号|【?打印|【?关闭|扫一扫|责任编辑|编辑|作者)\s*[\]】]?\s*[:：]?`)

var furnitureWordsRE = regexp.MustCompile(`^(?:[【\[]?(?:打印(?:本页|此页)?|关闭(?:窗口|本页)?|收藏|分享|返回顶部|返回|保存|大|中|小|默认|纠错|语音播报|字体|微信|微博|QQ空间|上一篇|下一篇)[】\]]?[\s|/、]*)+$`)

// isFurniture reports whether a short line is web-page furniture rather
// than report text: index numbers, publishing dates, font-size switches,
// print and close buttons, share links.
func isFurniture(l string) bool {
	if l == "" || runesOver(l, maxFurnitureLine*2) {
		return false
	}
	l = Simplify(l)
	if furnitureWordsRE.MatchString(l) {
		return true
	}
	if !furnitureRE.MatchString(compactKeys(l)) {
		return false
	}
	// "来源" or "作者" may open a real sentence; furniture lines carry no
	// sentence punctuation.
	return !strings.ContainsAny(l, "。，,；;") || strings.Count(l, ":")+strings.Count(l, "：") >= 2
}

// dropRepeatedFooters keeps the first occurrence of short non-heading lines
// that the signature block or a page footer repeats: a line that occurs three
// or more times, or twice within the signature block at the end. A colophon
// like "…人民政府 2022年10月27日印发" that repeats the signing date counts as a
// repeat of it.
func dropRepeatedFooters(lines []string) (kept, dropped []string) {
	count := map[string]int{}
	for _, l := range lines {
		if isFooterCandidate(l) {
			count[footerKey(l)]++
		}
	}
	tail := len(lines)
	for i, n := len(lines)-1, 0; i >= 0 && n < 8; i-- {
		if lines[i] == "" {
			continue
		}
		if !isFooterCandidate(lines[i]) {
			break
		}
		tail = i
		n++
	}
	first := map[string]int{}
	for i, l := range lines {
		if !isFooterCandidate(l) {
			kept = append(kept, l)
			continue
		}
		k := footerKey(l)
		if f, seen := first[k]; seen && (count[k] >= 3 || f >= tail) {
			dropped = append(dropped, l)
			continue
		}
		if _, seen := first[k]; !seen {
			first[k] = i
		}
		kept = append(kept, l)
	}
	return kept, dropped
}

// isFooterCandidate reports whether l is short enough and sentence-free
// enough to be a footer, signature or running page header.
func isFooterCandidate(l string) bool {
	return l != "" && !runesOver(l, maxFurnitureLine) &&
		!strings.ContainsAny(l, "。；;") && !isHeadingStart(l)
}

func footerKey(l string) string {
	l = strings.Join(strings.Fields(l), "")
	return strings.TrimSuffix(l, "印发")
}

var headingStartRE = regexp.MustCompile(`^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}(?:\.|、|．)[^\d]|[(（]\d{1,2}[)）]|第[一二三四五六七八九十]{1,3}[章节部分])`)

// isHeadingStart reports whether l begins with an official-document
// heading marker: 一、 （一） 1. 1、 （1） 第一部分.
func isHeadingStart(l string) bool {
	return headingStartRE.MatchString(l)
}

// sentenceEnders are the characters that may end a paragraph.
const sentenceEnders = "。！？!?；;：:…”」』)）】》"

// joinWrapped joins paragraph lines that page layout or PDF conversion broke,
// even across blank lines: a long line that does not end a sentence continues
// on the next non-blank line unless that line opens a heading, a signature or
// a date. Blank lines between paragraphs are dropped.
func joinWrapped(lines []string) []string {
	var out []string
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l == "" {
			continue
		}
		for wraps(l) {
			j := i + 1
			for j < len(lines) && lines[j] == "" {
				j++
			}
			if j >= len(lines) || !continues(lines[j]) {
				break
			}
			l = glue(l, lines[j])
			i = j
		}
		out = append(out, l)
	}
	return out
}

// wraps reports whether line l looks cut off by the page: long enough to be
// a body line, no sentence end, not a bare heading.
func wraps(l string) bool {
	if !runesOver(l, minWrappedLine-1) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(l)
	if strings.ContainsRune(sentenceEnders, r) {
		return false
	}
	if isHeadingStart(l) && !strings.ContainsAny(l, "。；;") {
		return false // a heading on a line of its own
	}
	return !endsTitle(l)
}

// runesOver reports whether s has more than n runes, counting them only
// when its length in bytes leaves a doubt: lines can be whole paragraphs.
func runesOver(s string, n int) bool {
	return len(s) > n && (len(s) > utf8.UTFMax*n || utf8.RuneCountInString(s) > n)
}

// titleEnds are the words that end a title or letterhead line.
var titleEnds = []string{"报告", "总结", "情况", "汇报", "通知", "请示", "文件", "工作要点", "人民政府", "办事处", "党委", "委员会"}

// endsTitle reports whether l ends, before any trailing ASCII space, with
// one of titleEnds: a title or letterhead.
func endsTitle(l string) bool {
	l = Simplify(strings.TrimRight(l, " \t\n\f\r"))
	for _, w := range titleEnds {
		if strings.HasSuffix(l, w) {
			return true
		}
	}
	return false
}

// addresseeRE matches an addressee line such as "县司法局:".
var addresseeRE = regexp.MustCompile(`^\p{Han}{2,16}[:：]$`)

var dateLineRE = regexp.MustCompile(`^\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?`)

// continues reports whether next can be the rest of a wrapped paragraph.
func continues(next string) bool {
	return !isHeadingStart(next) && !dateLineRE.MatchString(next) && !addresseeRE.MatchString(next)
}

// glue joins two pieces of one paragraph, with a space only between two
// Latin letters or digits that would otherwise run together.
func glue(a, b string) string {
	ra, _ := utf8.DecodeLastRuneInString(a)
	rb, _ := utf8.DecodeRuneInString(b)
	if isLatin(ra) && isLatin(rb) && !unicode.IsDigit(ra) {
		return a + " " + b
	}
	return a + b
}

func isLatin(r rune) bool { return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }
