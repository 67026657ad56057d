package corpus

import (
	"regexp"
	"strconv"
	"strings"
)

var (
	// recentRE finds words by which a page dates what it tells by its own
	// publishing date: this year, these days, or a month and day alone.
	recentRE = regexp.MustCompile(`今年|近日|日前|近期|本年度|年初以来|(?:^|[^\d年])\d{1,2}月\d{1,2}日`)
	// observanceRE finds a numbered yearly observance: 第十个国家宪法日.
	observanceRE = regexp.MustCompile(`第([一二三四五六七八九十]{1,3}|\d{1,2})个[“"]?(国家宪法日|全国法制宣传日|全民国家安全教育日)`)
	// anyYearRE finds a year written in running text.
	anyYearRE = regexp.MustCompile(`(?:19|20)\d{2}\s*年`)
)

// observanceFirst is the year each numbered observance was first held:
// the 1st 国家宪法日 was on 4 December 2014.
var observanceFirst = map[string]int{"国家宪法日": 2014, "全国法制宣传日": 2001, "全民国家安全教育日": 2016}

// readYear sets the year the report is about, from the first of these that
// says: the title (2024年度…报告); the opening (2024年以来, 2024年，我镇…);
// the signing date with 今年以来; a page's publishing date when the text
// dates things by it (今年, 近日, 6月13日); a numbered observance
// (第十个国家宪法日 is 2023); the year the text names most, outside book
// titles and ranges, the later on ties. When none says, it stays 0 with a
// hint.
func readYear(m *Meta, title, body string, page pageFields) {
	if title != "" && yearRE.MatchString(title) {
		m.Year, m.YearSource = atoi(yearRE.FindStringSubmatch(title)[1]), SourceTitle
		return
	}
	opening := body
	if len(opening) > bodyYearWindow {
		opening = opening[:runeStart(opening, bodyYearWindow)]
	}
	if y := bodyYearRE.FindStringSubmatch(opening); y != nil {
		m.Year, m.YearSource = atoi(y[1]), SourceBody
		return
	}
	if m.Date.Known() && thisYearRE.MatchString(body) {
		m.Year, m.YearSource = atoi(m.Date.Value[:4]), SourceBody
		m.YearHint = "from 今年以来 and the signing date"
		return
	}
	if page.date != "" && recentRE.MatchString(body) {
		m.Year, m.YearSource = atoi(page.date[:4]), SourceHeader
		m.YearHint = "from the page's publishing date, which the text dates things by"
		return
	}
	if o := observanceRE.FindStringSubmatch(body); o != nil {
		n, err := strconv.Atoi(o[1])
		if err != nil {
			n = cnSmall(o[1])
		}
		m.Year, m.YearSource = observanceFirst[o[2]]+n-1, SourceBody
		m.YearHint = "from " + o[0]
		return
	}
	if y := mostNamedYear(body); y != 0 {
		m.Year, m.YearSource = y, SourceBody
		m.YearHint = "the year the text names most"
		return
	}
	m.YearHint = "no year in the title or the text, and no signing date; name the file like 王团镇_2024.txt or list it in manifest.csv"
}

// mostNamedYear returns the year s names most often, the later on ties,
// leaving out years inside book titles (《…规划(2021-2025年)》) and years
// that bound a range (2021年至2025年); 0 when it names none.
func mostNamedYear(s string) int {
	count := map[int]int{}
	best := 0
	for _, ix := range anyYearRE.FindAllStringIndex(s, -1) {
		a, b := ix[0], ix[1]
		if a > 0 && strings.ContainsAny(s[a-1:a], "0123456789-~") || inBookTitle(s, a) || boundsRange(s, a, b) {
			continue
		}
		y := atoi(s[a : a+4])
		count[y]++
		if best == 0 || count[y] > count[best] || count[y] == count[best] && y > best {
			best = y
		}
	}
	return best
}

// inBookTitle reports whether offset at lies between 《 and 》.
func inBookTitle(s string, at int) bool {
	from := runeStart(s, max(0, at-maxBookTitleBytes))
	open := strings.LastIndex(s[from:at], "《")
	return open >= 0 && !strings.Contains(s[from+open:at], "》")
}

// maxBookTitleBytes bounds how far back the 《 of a book title is looked
// for: titles of plans and laws run to a few dozen characters.
const maxBookTitleBytes = 100 * 3

// boundsRange reports whether the year at [a, b) begins or ends a range.
func boundsRange(s string, a, b int) bool {
	before := strings.TrimRight(s[runeStart(s, max(0, a-12)):a], " ")
	for _, w := range []string{"至", "—", "–", "到"} {
		if strings.HasSuffix(before, w) && strings.ContainsAny(before, "0123456789") {
			return true
		}
	}
	after := s[b:]
	for _, w := range []string{"至", "-", "—", "–", "~"} {
		if strings.HasPrefix(after, w) {
			rest := after[len(w):]
			return len(rest) > 0 && (rest[0] >= '0' && rest[0] <= '9')
		}
	}
	return false
}
