package corpus

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/htmlindex"
)

// A saved web page is read in three steps. Its bytes are decoded by what
// they are rather than by what the page declares: valid UTF-8 is UTF-8,
// otherwise GB18030 (which covers GBK and GB2312) when the bytes read as
// Chinese, and only then the declared charset (Big5, Shift_JIS…), since
// government sites often declare gb2312 on UTF-8 pages and the reverse.
// The article is then picked out of the page by go-readability (a port of
// Firefox's Reader View): navigation, share links, related articles and
// the site footer are left out. Last, the page's own title and publishing
// date are read from its meta tags (ArticleTitle, PubDate, og:title…), its
// <title> and its 发布时间 line, for the fields the text leaves unknown.

// maxHTMLElements bounds the elements go-readability scores: a government
// article page has a few thousand.
const maxHTMLElements = 200000

// pageMeta is what a web page says about itself outside its text.
type pageMeta struct {
	title string // the article's title
	date  string // publishing date, YYYY-MM-DD
	// titleAdded says the title was put as the first line of the text,
	// because the article did not hold it: the fields read from the text's
	// title then came from the page.
	titleAdded bool
}

// readHTML reads the article of a saved web page.
func readHTML(raw []byte) (docText, error) {
	text, enc, err := decodeHTML(raw)
	if err != nil {
		return docText{}, err
	}
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return docText{}, damaged(FormatHTML, err.Error())
	}
	page := pageMeta{title: pageTitle(doc), date: pageDate(doc)}
	body := strings.TrimSpace(innerText(findElement(doc, "body")))

	p := readability.NewParser()
	p.MaxElemsToParse = maxHTMLElements
	p.DisableJSONLD = true
	article, err := p.ParseAndMutate(doc, nil)
	out := ""
	if err == nil && article.Node != nil {
		out = strings.TrimSpace(render.InnerText(article.Node))
	}
	if utf8.RuneCountInString(out) < utf8.RuneCountInString(body)/10 {
		// Readability found no article, or a scrap of one: the whole body
		// is better than a caption.
		out = body
	}
	if page.title != "" && !strings.Contains(compact(firstLines(out, 6)), compact(page.title)) {
		out = page.title + "\n" + out
		page.titleAdded = true
	}
	return docText{text: out, enc: "html/" + enc, page: page}, nil
}

// decodeHTML decodes a page's bytes (see the comment at the top).
func decodeHTML(raw []byte) (string, string, error) {
	label := declaredCharset(raw)
	if !utf8.Valid(raw) && label != "" && !isGBOrUTF8(label) {
		if e, err := htmlindex.Get(label); err == nil {
			if s, err := e.NewDecoder().Bytes(raw); err == nil && !bytes.ContainsRune(s, utf8.RuneError) {
				name, _ := htmlindex.Name(e)
				return string(s), strings.ToLower(name), nil
			}
		}
	}
	text, enc, err := Decode(raw)
	if err != nil {
		return "", "", err
	}
	return text, enc, nil
}

// declaredCharset returns the charset a page's meta tags declare, or "".
func declaredCharset(raw []byte) string {
	_, name, _ := charset.DetermineEncoding(raw[:min(len(raw), 4096)], "text/html")
	// DetermineEncoding guesses windows-1252 when nothing is declared;
	// only a declaration counts here.
	lower := bytes.ToLower(raw[:min(len(raw), 4096)])
	if !bytes.Contains(lower, []byte("charset")) {
		return ""
	}
	return name
}

// isGBOrUTF8 reports whether a charset label names UTF-8 or one of the
// Chinese national encodings, which Decode tells by content.
func isGBOrUTF8(label string) bool {
	switch strings.ToLower(label) {
	case "utf-8", "utf8", "gbk", "gb2312", "gb18030", "x-gbk", "windows-1252":
		return true
	}
	return false
}

// findElement returns the first element called name in n's tree, or nil.
func findElement(n *html.Node, name string) *html.Node {
	if n.Type == html.ElementNode && n.Data == name {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElement(c, name); f != nil {
			return f
		}
	}
	return nil
}

// innerText returns the text of n as a browser shows it, "" for nil.
func innerText(n *html.Node) string {
	if n == nil {
		return ""
	}
	return render.InnerText(n)
}

// metaContent returns the content of the first meta tag whose name or
// property is name (in lower case), or "".
func metaContent(n *html.Node, name string) string {
	if n.Type == html.ElementNode && n.Data == "meta" {
		var key, content string
		for _, a := range n.Attr {
			switch strings.ToLower(a.Key) {
			case "name", "property", "itemprop":
				key = strings.ToLower(strings.TrimSpace(a.Val))
			case "content":
				content = strings.TrimSpace(a.Val)
			}
		}
		if key == name && content != "" {
			return content
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if s := metaContent(c, name); s != "" {
			return s
		}
	}
	return ""
}

// titleSeparators split a page's <title> into the article's title and the
// site's name: 王团镇2023年法治政府建设工作报告_同心县人民政府.
var titleSeparators = regexp.MustCompile(`\s*(?:_|\||｜|－{1,2}|—{1,2}|-{1,2}|–)\s*`)

// pageTitle returns the article's title: the ArticleTitle meta tag that
// Chinese government sites write, else og:title, else the part of <title>
// that names a report.
func pageTitle(doc *html.Node) string {
	for _, name := range []string{"articletitle", "og:title", "dc.title"} {
		if t := metaContent(doc, name); t != "" {
			return cleanTitle(t)
		}
	}
	t := findElement(doc, "title")
	if t == nil {
		return ""
	}
	full := cleanTitle(innerText(t))
	parts := titleSeparators.Split(full, -1)
	best := ""
	for _, p := range parts {
		if titleWordRE.MatchString(p) {
			return p
		}
		if utf8.RuneCountInString(p) > utf8.RuneCountInString(best) {
			best = p
		}
	}
	return best
}

// cleanTitle joins a title's lines and trims it.
func cleanTitle(s string) string { return strings.Join(strings.Fields(s), " ") }

// isoDateRE finds a date in a meta tag's content (2024-01-05 09:30,
// 2024/1/5, 2024年1月5日); publishedRE finds the page's 发布时间 line.
var (
	isoDateRE   = regexp.MustCompile(`((?:19|20)\d{2})[-/.年]\s*(\d{1,2})[-/.月]\s*(\d{1,2})`)
	publishedRE = regexp.MustCompile(`(?:发布时间|发布日期|发文日期|成文日期|日期|时间)\s*[:：]\s*((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})`)
)

// pageDateMetas are the meta tags that hold a page's publishing date, the
// first found winning: Chinese government sites write PubDate.
var pageDateMetas = []string{"pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dcterms.issued", "dc.date", "date"}

// maxDateLookup is how many bytes of a page's text are searched for its
// 发布时间 line: it stands above the article, never far down.
const maxDateLookup = 20000

// pageDate returns the page's publishing date as YYYY-MM-DD, or "".
func pageDate(doc *html.Node) string {
	for _, name := range pageDateMetas {
		if d := metaContent(doc, name); d != "" {
			if s := isoDate(d); s != "" {
				return s
			}
		}
	}
	body := innerText(findElement(doc, "body"))
	if len(body) > maxDateLookup {
		body = body[:maxDateLookup]
	}
	if m := publishedRE.FindStringSubmatch(body); m != nil {
		return isoDate(m[1])
	}
	return ""
}

// isoDate returns the first date in s as YYYY-MM-DD, or "".
func isoDate(s string) string {
	m := isoDateRE.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	mo, d := atoi(m[2]), atoi(m[3])
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return ""
	}
	return fmt.Sprintf("%s-%02d-%02d", m[1], mo, d)
}

// firstLines returns the first n lines of s.
func firstLines(s string, n int) string {
	i := 0
	for ; n > 0 && i < len(s); n-- {
		j := strings.IndexByte(s[i:], '\n')
		if j < 0 {
			return s
		}
		i += j + 1
	}
	return s[:i]
}

// compact removes white space, so that a title broken over lines still
// matches.
func compact(s string) string { return strings.Join(strings.Fields(s), "") }

// applyPage fills metadata from what a web page says about itself: the
// fields that were read from a title the page supplied get the source
// SourcePage, and a signing date the text does not give is the page's
// publishing date.
func applyPage(m *Meta, p pageMeta) {
	if p.titleAdded {
		for _, f := range []*Field{&m.Title, &m.Town, &m.County, &m.City, &m.Province} {
			if f.Source == SourceTitle {
				f.Source = SourcePage
			}
		}
		if m.YearSource == SourceTitle {
			m.YearSource = SourcePage
		}
	}
	if !m.Date.Known() && p.date != "" {
		m.Date = Field{p.date, SourcePage}
	}
}
