package corpus

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxHeaderLines is how many lines at the top may hold the letterhead,
// document number and title. Official documents put them on the first page.
const maxHeaderLines = 12

// maxFooterLines is how many lines at the end may hold the signature and date.
const maxFooterLines = 6

// bodyYearWindow is how far into the body, in bytes, an opening such as
// "2024年以来" still speaks of the whole report (about the first paragraph).
const bodyYearWindow = 900

var (
	titleWordRE = regexp.MustCompile(`报告|总结|工作情况|汇报|自查`)
	yearRE      = regexp.MustCompile(`((?:19|20)\d{2})\s*(?:年度?|-\d)`)
	bodyYearRE  = regexp.MustCompile(`((?:19|20)\d{2})\s*年(?:度)?\s*(?:以来|来|,|，|我镇|我乡|全镇|全乡|我街道|法治政府建设|推进法治|依法行政|工作)`)
	thisYearRE  = regexp.MustCompile(`今年以来|今年来|本年度|今年,|今年，|年初以来`)
	dateRE      = regexp.MustCompile(`((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	cnDateRE    = regexp.MustCompile(`([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日`)
	docNoRE     = regexp.MustCompile(`\p{Han}{1,10}\s*[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*\d{1,5}\s*号`)
	organLineRE = regexp.MustCompile(`(?:人民政府|办事处|党委|委员会)\s*$`)
)

// ReadMeta reads what a report's normalised text says about itself.
func ReadMeta(text string) Meta { return readMeta(text, Simplify(text), nil) }

// readMeta reads the metadata of a report's normalised text and of the
// web-page furniture lines normalisation removed from it. It reads text,
// which is written through Simplify; the title keeps the characters as
// written.
func readMeta(written, text string, furniture []string) Meta {
	for i, l := range furniture {
		furniture[i] = Simplify(l)
	}
	m := Meta{
		Town: unknown(), County: unknown(), City: unknown(), Province: unknown(),
		YearSource: SourceUnknown, Date: unknown(), DocNo: unknown(), Title: unknown(), DivisionCode: unknown(),
	}
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	writtenLines := lines
	if written != text {
		writtenLines = strings.Split(strings.TrimRight(written, "\n"), "\n")
	}
	header, title, writtenTitle, bodyStart := splitHeader(lines, writtenLines)
	if title != "" {
		m.Title = Field{writtenTitle, SourceTitle}
	}
	body := strings.Join(lines[bodyStart:], "\n")
	footer := strings.Join(footerLines(lines[bodyStart:]), "\n")
	page := readPageFields(furniture)
	letterhead := strings.Join(append(append([]string{header}, page.orgs...), page.crumb), "\n")

	// Places: the title, then the letterhead and page fields, then the
	// signature, then the body.
	readPlace(&m, []zone{
		{title, SourceTitle, titleWeight, 2},
		{letterhead, SourceHeader, headerWeight, 2},
		{footer, SourceFooter, footerWeight, 3},
		{body, SourceBody, bodyWeight, 3},
	})
	for _, src := range []struct {
		text string
		from Source
	}{{title, SourceTitle}, {letterhead, SourceHeader}, {footer, SourceFooter}} {
		setIf(&m.Province, findProvince(src.text), src.from)
	}

	if d := findDate(footer); d != "" {
		m.Date = Field{d, SourceFooter}
	}
	if dn := docNoRE.FindString(header); dn != "" {
		m.DocNo = Field{strings.Join(strings.Fields(dn), ""), SourceHeader}
	}

	readYear(&m, title, body, page)
	return m
}

// splitHeader finds the letterhead lines, the title and the first body line.
// The title is the first top line that names a report (报告, 总结…); an organ
// line right above a title that starts with 关于 belongs to the title.
//
// written holds the same lines as written when lines are their simplified
// forms (see Simplify); asWritten is the title taken from them.
func splitHeader(lines, written []string) (header, title, asWritten string, bodyStart int) {
	limit := min(len(lines), maxHeaderLines)
	titleAt := -1
	for i := 0; i < limit; i++ {
		l := lines[i]
		if isBodyLine(l) {
			break
		}
		if titleAt < 0 && titleWordRE.MatchString(l) {
			titleAt = i
		}
		bodyStart = i + 1
	}
	if titleAt >= 0 {
		from := titleAt
		if titleAt > 0 && strings.HasPrefix(lines[titleAt], "关于") && organLineRE.MatchString(lines[titleAt-1]) {
			from--
		}
		title = strings.Join(strings.Fields(strings.Join(lines[from:titleAt+1], "")), "")
		asWritten = strings.Join(strings.Fields(strings.Join(written[from:titleAt+1], "")), "")
	}
	var h []string
	for i := 0; i < bodyStart; i++ {
		if i != titleAt {
			h = append(h, lines[i])
		}
	}
	return strings.Join(h, "\n"), title, asWritten, bodyStart
}

// isBodyLine reports whether l is running text rather than a letterhead,
// title or addressee: it ends a sentence or is paragraph-long.
func isBodyLine(l string) bool {
	if utf8.RuneCountInString(l) > 60 {
		return true
	}
	return strings.ContainsAny(l, "。；;") || isHeadingStart(l)
}

// footerLines returns the signature block: the short, sentence-free lines at
// the end of the body.
func footerLines(lines []string) []string {
	i := len(lines)
	for i > 0 && len(lines)-i < maxFooterLines && !isBodyLine(lines[i-1]) && utf8.RuneCountInString(lines[i-1]) <= maxFurnitureLine {
		i--
	}
	return lines[i:]
}

// findDate returns the last date written in s as YYYY-MM-DD.
func findDate(s string) string {
	var best string
	for _, m := range dateRE.FindAllStringSubmatch(s, -1) {
		best = dateOf(m[1], m[2], m[3])
	}
	if best != "" {
		return best
	}
	for _, m := range cnDateRE.FindAllStringSubmatch(s, -1) {
		y := 0
		for _, r := range m[1] {
			y = y*10 + cnDigit(r)
		}
		best = fmt.Sprintf("%04d-%02d-%02d", y, cnSmall(m[2]), cnSmall(m[3]))
	}
	return best
}

// dateOf writes a year, month and day as YYYY-MM-DD.
func dateOf(y, m, d string) string {
	return fmt.Sprintf("%04d-%02d-%02d", atoi(y), atoi(m), atoi(d))
}

// cnDigit returns the value of one Chinese digit character.
func cnDigit(r rune) int {
	return strings.IndexRune("〇一二三四五六七八九", r) / 3 // all three bytes wide
}

// cnSmall parses a Chinese number below 100 as used in dates (十二, 二十七).
func cnSmall(s string) int {
	s = strings.ReplaceAll(s, "零", "〇")
	tens, units := 0, 0
	if i := strings.Index(s, "十"); i >= 0 {
		tens = 1
		if i > 0 {
			tens = cnDigit([]rune(s[:i])[0])
		}
		s = s[i+len("十"):]
	}
	if s != "" {
		units = cnDigit([]rune(s)[0])
	}
	return tens*10 + units
}

func unknown() Field { return Field{"", SourceUnknown} }

// setIf fills f from v when f is still unknown and v is not empty.
func setIf(f *Field, v string, from Source) {
	if !f.Known() && v != "" {
		*f = Field{v, from}
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}
