package corpus

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// layoutLine is one line of text on a page of a fixed-layout document
// (PDF, OFD), with where it starts and ends across the page and the height
// of its type, in the page's units.
type layoutLine struct {
	text        string
	left, right float64
	size        float64
}

// pageEdgeLines is how many lines at the top and at the bottom of a page
// may be running headers and footers: a letterhead line and a page
// number, or a browser's date and title.
const pageEdgeLines = 2

// maxEdgeLine is the longest line, in runes, that is still taken for a
// running header or footer: a browser's header holds the date and the
// page's whole title.
const maxEdgeLine = 160

// fullLineSlack is how far short of the right margin, in type heights, a
// line may end and still be a line that the page cut rather than the end
// of a paragraph: ragged text (a browser does not justify Chinese) ends
// up to a glyph short.
const fullLineSlack = 1.5

// maxIndent is how far right of the left margin, in type heights, a line
// may start and still be part of a paragraph: the first line of a
// paragraph is indented two characters. A line set further right (a
// signature, a date) is not cut by the page however far it reaches.
const maxIndent = 2.5

// marginQuantile picks the right margin among the right ends of lines:
// high enough that the full lines of a page reach it, low enough that a
// running footer set further right (a browser's "1/3") does not move it.
const marginQuantile = 0.8

// relatedHeadings open the block of links to other articles that a web
// page prints after its article, before the site's footer.
var relatedHeadings = []string{"相关文章", "相关链接", "相关阅读", "相关新闻", "相关文件", "相关稿件", "相关信息", "推荐阅读", "延伸阅读", "热点推荐", "猜你喜欢"}

// dropRelated removes, from text that a browser printed, the related
// articles and the site footer after the article: from a line that is
// one of relatedHeadings to the end, when no paragraph follows it (a line
// of report length ending a sentence). It returns the text and what it
// removed, or text itself.
func dropRelated(text string) (string, string) {
	lines := strings.SplitAfter(text, "\n")
	for i, l := range lines {
		h := strings.Trim(strings.TrimSpace(l), "【】[]:：")
		if !slices.Contains(relatedHeadings, h) {
			continue
		}
		for _, rest := range lines[i+1:] {
			rest = strings.TrimSpace(rest)
			if runesOver(rest, maxFurnitureLine) && endsSentence(rest) {
				return text, ""
			}
		}
		var removed []string
		for _, r := range lines[i:] {
			if r = strings.TrimSpace(r); r != "" {
				removed = append(removed, r)
			}
		}
		return strings.Join(lines[:i], ""), strings.Join(removed, " | ")
	}
	return text, ""
}

// joinPages makes one text of a fixed-layout document's pages, without
// the page furniture, and with the lines of a paragraph joined again.
//
// Furniture is a line at the top or bottom of pages that repeats on at
// least half of them (digits aside, so "第3页" repeats "第4页"), and page
// numbers there. A line that reaches the right margin and does not end a
// sentence was cut by the page and goes on in the next line (on the next
// page too); it is joined to it as Normalize joins a wrapped paragraph.
// The furniture removed comes back as one warning.
func joinPages(pages [][]layoutLine) (string, []Warning) {
	trimmed := make([][]layoutLine, len(pages))
	var lefts, rights, sizes []float64
	for i, p := range pages {
		var lines []layoutLine
		for _, l := range p {
			if l.text = strings.TrimFunc(l.text, unicode.IsSpace); l.text != "" {
				lines = append(lines, l)
				if utf8.RuneCountInString(l.text) >= minWrappedLine/2 {
					lefts = append(lefts, l.left)
					rights = append(rights, l.right)
					sizes = append(sizes, l.size)
				}
			}
		}
		trimmed[i] = lines
	}
	margin, size := quantile(rights, marginQuantile), quantile(sizes, 0.5)
	leftMargin := quantile(lefts, 1-marginQuantile)

	// Count, for each edge line, on how many pages it stands at an edge.
	count := map[string]int{}
	for _, lines := range trimmed {
		seen := map[string]bool{}
		for _, i := range edgeIndexes(len(lines)) {
			k := edgeKey(lines[i].text)
			if !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	need := max(2, (len(pages)+1)/2)
	var b strings.Builder
	var removed []string
	shown := map[string]bool{}
	open := false // the last line written goes on in the next
	for _, lines := range trimmed {
		drop := map[int]bool{}
		for _, i := range edgeIndexes(len(lines)) {
			l := lines[i].text
			if isPageNumber(l) || (len(pages) >= 2 && count[edgeKey(l)] >= need && isEdgeFurniture(l)) {
				drop[i] = true
			}
		}
		for i, l := range lines {
			if drop[i] {
				if k := edgeKey(l.text); !shown[k] && !isPageNumber(l.text) {
					shown[k] = true
					removed = append(removed, l.text)
				}
				continue
			}
			if open {
				r, _ := utf8.DecodeLastRuneInString(b.String())
				n, _ := utf8.DecodeRuneInString(l.text)
				if isLatin(r) && isLatin(n) && !unicode.IsDigit(r) {
					b.WriteByte(' ')
				}
			} else if b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(l.text)
			open = size > 0 && l.right >= margin-fullLineSlack*size && l.left <= leftMargin+maxIndent*size && !endsSentence(l.text)
		}
	}
	b.WriteByte('\n')
	var warns []Warning
	if len(removed) > 0 {
		warns = append(warns, Warning{
			Code:     "page_furniture_removed",
			Message:  "removed " + strconv.Itoa(len(removed)) + " running header or footer line(s) repeated on the pages",
			Evidence: strings.Join(removed, " | "),
		})
	}
	return b.String(), warns
}

// isEdgeFurniture reports whether a line at a page's edge can be a running
// header or footer: not too long, no sentence in it, not a heading.
func isEdgeFurniture(l string) bool {
	return !runesOver(l, maxEdgeLine) && !strings.ContainsAny(l, "。；;") && !isHeadingStart(l)
}

// endsSentence reports whether l ends with a character that may end a
// paragraph.
func endsSentence(l string) bool {
	r, _ := utf8.DecodeLastRuneInString(l)
	return strings.ContainsRune(sentenceEnders, r)
}

// quantile returns the q-quantile of vs (0 when empty), sorting vs.
func quantile(vs []float64, q float64) float64 {
	if len(vs) == 0 {
		return 0
	}
	sort.Float64s(vs)
	return vs[min(len(vs)-1, int(q*float64(len(vs))))]
}

// edgeIndexes returns the indexes of the lines at the top and bottom of a
// page of n lines, each once.
func edgeIndexes(n int) []int {
	var out []int
	for i := 0; i < n; i++ {
		if i < pageEdgeLines || i >= n-pageEdgeLines {
			out = append(out, i)
		}
	}
	return out
}

// edgeKey is a line with its digits and spaces taken out, so that running
// headers and footers that number the page compare equal.
func edgeKey(l string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, l)
}
