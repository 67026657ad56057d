package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"golang.org/x/text/width"

	"baogao/corpus"
	"baogao/extract"
	"baogao/segment"
)

// Query is what a user asks.
type Query struct {
	Text   string         // words, and phrases in double quotes
	Filter extract.Filter // the reports searched
	Limit  int
	// Texts makes each hit carry its report's text (Hit.Text) instead of
	// a snippet and section, for a caller that reads the texts itself.
	Texts bool
}

// Hit is one report that matches, with where.
type Hit struct {
	Path    string  `json:"path"`
	Town    string  `json:"town"`
	County  string  `json:"county"`
	Year    int     `json:"year"`
	Section string  `json:"section"`
	Score   float64 `json:"score"`
	// Before, Match and After are the snippet: the text around the best
	// place, with the matched words in Match. Start and End span Match in
	// the report's normalised text.
	Before string `json:"before"`
	Match  string `json:"match"`
	After  string `json:"after"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	// Text is the report's normalised text, with Query.Texts only.
	Text string `json:"-"`
}

// Result is a page of hits and how many reports match in all.
type Result struct {
	Hits  []Hit `json:"hits"`
	Total int   `json:"total"`
	// Ignored are the words of the query that hold no letter or digit
	// (a stray 「，」): no report is searched for them.
	Ignored []string `json:"ignored,omitempty"`
}

// ParseQuery splits a query into words and "quoted phrases". Full-width
// forms are folded as report text is; an unclosed quote runs to the end.
func ParseQuery(s string) (words, phrases []string) {
	s = width.Fold.String(s)
	for _, q := range []string{"“", "”", "「", "」"} {
		s = strings.ReplaceAll(s, q, `"`)
	}
	inQuote := false
	for i, part := range strings.Split(s, `"`) {
		inQuote = i%2 == 1
		if inQuote {
			if p := strings.TrimSpace(part); p != "" {
				phrases = append(phrases, p)
			}
			continue
		}
		words = append(words, strings.Fields(part)...)
	}
	return words, phrases
}

// Limits of a query. A query answers in well under a second within them;
// a query of thousands of words took minutes.
const (
	// MaxQueryTerms is the most words and phrases of one query.
	MaxQueryTerms = 16
	// MaxQueryRunes is the longest query, in characters.
	MaxQueryRunes = 200
)

// QueryError says why a query is not searched; the command line treats it
// as a mistake in the command line.
type QueryError struct{ Msg string }

func (e *QueryError) Error() string { return e.Msg }

// checkQuery parses q and says what cannot be searched: an empty query,
// one over the limits, and the operators of other search engines, which
// baogao does not have (-词, OR) and would otherwise search as words.
// Words without a letter or digit are left out and returned in ignored.
func checkQuery(q string) (words, phrases, ignored []string, err error) {
	if n := utf8.RuneCountInString(q); n > MaxQueryRunes {
		return nil, nil, nil, &QueryError{fmt.Sprintf("the query is %d characters long; baogao searches at most %d at once", n, MaxQueryRunes)}
	}
	all, phrases := ParseQuery(q)
	for _, w := range all {
		switch {
		case w == "OR" || w == "AND" || w == "NOT":
			return nil, nil, nil, &QueryError{fmt.Sprintf("search has no %s: every word must occur in a report; search again for the other words, or quote \"%s\" to find it as written", w, w)}
		case len(w) > 1 && w[0] == '-':
			return nil, nil, nil, &QueryError{fmt.Sprintf("search cannot leave words out (%s): every word must occur in a report; quote \"%s\" to find it as written", w, w)}
		case !hasWordChar(w):
			ignored = append(ignored, w)
		case !slices.Contains(words, w):
			words = append(words, w)
		}
	}
	slices.Sort(phrases)
	phrases = slices.Compact(phrases)
	switch n := len(words) + len(phrases); {
	case n == 0 && len(ignored) > 0:
		return nil, nil, nil, &QueryError{fmt.Sprintf("nothing to search for in %q: it holds no letter or digit", q)}
	case n == 0:
		return nil, nil, nil, &QueryError{"empty query"}
	case n > MaxQueryTerms:
		return nil, nil, nil, &QueryError{fmt.Sprintf("the query has %d words and phrases; baogao searches at most %d at once", n, MaxQueryTerms)}
	}
	return words, phrases, ignored, nil
}

// hasWordChar reports whether s holds a letter or a digit: a word the
// analyzer makes no token of matches nothing, and would empty the result.
func hasWordChar(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) >= 0
}

// snippetBytes is about how much text a snippet shows on each side.
const snippetRunes = 28

// phrasePage is how many candidates of a phrase search are read at once:
// each is checked against the phrase as written, and every one is, so
// that the count is true; reading them in pages bounds the memory.
const phrasePage = 500

// Search finds the reports that contain every word and phrase of q, best
// first.
func (ix *Index) Search(q Query) (*Result, error) {
	words, phrases, ignored, err := checkQuery(q.Text)
	if err != nil {
		return nil, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	must := []query.Query{term("type", typeReport)}
	for _, w := range append(append([]string{}, words...), phrases...) {
		if !hasWordChar(w) {
			continue // a phrase of punctuation is checked as written only
		}
		m := bleve.NewMatchQuery(w)
		m.SetField("text")
		// Queries are cut into whole words only: the index holds the
		// sub-words of every word, so 调解 still finds 调解成功率, while
		// 调解成功率 does not also find every 成功.
		m.Analyzer = segment.SearchAnalyzerName
		m.SetOperator(query.MatchQueryOperatorAnd)
		must = append(must, m)
	}
	filter, ok, err := ix.filterQueries(q.Filter)
	if err != nil || !ok {
		return &Result{Hits: []Hit{}, Ignored: ignored}, err
	}
	must = append(must, filter...)
	out := &Result{Hits: []Hit{}, Ignored: ignored}
	size := limit
	if len(phrases) > 0 {
		size = phrasePage // every candidate is checked literally
	}
	for from := 0; ; from += size {
		req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(must...), size, from, false)
		req.Fields = []string{"path", "town", "county", "year", "text", "outline"}
		res, err := ix.b.Search(req)
		if err != nil {
			return nil, ix.damaged(err)
		}
		if len(phrases) == 0 {
			out.Total = int(res.Total)
		}
		for _, h := range res.Hits {
			text, _ := h.Fields["text"].(string)
			at, end, ok := bestPlace(text, words, phrases)
			if len(phrases) > 0 {
				if !ok {
					continue
				}
				out.Total++
			}
			switch {
			case len(out.Hits) >= limit:
			case q.Texts:
				hit := Hit{Score: h.Score, Start: at, End: end, Text: text}
				hit.Path, _ = h.Fields["path"].(string)
				out.Hits = append(out.Hits, hit)
			default:
				out.Hits = append(out.Hits, newHit(h.Fields, h.Score, text, at, end))
			}
		}
		if len(phrases) == 0 || len(res.Hits) < size || from+size >= int(res.Total) {
			return out, nil
		}
	}
}

// newHit makes the hit of a report document's stored fields, with the
// snippet around [at, end) and the section it is in.
func newHit(fields map[string]any, score float64, text string, at, end int) Hit {
	hit := Hit{Score: score, Start: at, End: end}
	hit.Path, _ = fields["path"].(string)
	hit.Town, _ = fields["town"].(string)
	hit.County, _ = fields["county"].(string)
	if y, ok := fields["year"].(float64); ok {
		hit.Year = int(y)
	}
	hit.Before, hit.Match, hit.After = snippet(text, at, end)
	if raw, ok := fields["outline"].(string); ok {
		var outline []outlineEntry
		if json.Unmarshal([]byte(raw), &outline) == nil {
			fillHeadings(outline, text)
			hit.Section = sectionAt(outline, at)
		}
	}
	return hit
}

// filterQueries turns a filter into queries on the report documents. A
// town or county is matched as the filter matches names (with or without
// the level word), against the names the record table holds; ok is false
// when no report can match.
func (ix *Index) filterQueries(f extract.Filter) (qs []query.Query, ok bool, err error) {
	for _, fv := range []struct {
		field string
		wants []string
		name  func(extract.Source) string
	}{
		{"town", f.Towns, func(s extract.Source) string { return s.Town }},
		{"county", f.Counties, func(s extract.Source) string { return s.County }},
	} {
		if len(fv.wants) == 0 {
			continue
		}
		reps, err := ix.reportList()
		if err != nil {
			return nil, false, err
		}
		names := map[string]bool{}
		for _, s := range reps {
			n := fv.name(s)
			for _, w := range fv.wants {
				if !names[n] && extract.NameMatches(w, n) {
					names[n] = true
				}
			}
		}
		if len(names) == 0 {
			return nil, false, nil
		}
		var any []query.Query
		for _, n := range slices.Sorted(maps.Keys(names)) {
			any = append(any, term(fv.field, n))
		}
		qs = append(qs, bleve.NewDisjunctionQuery(any...))
	}
	if f.From != 0 || f.To != 0 {
		qs = append(qs, yearRange(f.From, f.To))
	}
	return qs, true, nil
}

// yearRange selects reports of the years from to to, inclusive; 0 leaves
// that end open.
func yearRange(from, to int) query.Query {
	var lo, hi *float64
	if from != 0 {
		v := float64(from)
		lo = &v
	}
	if to != 0 {
		v := float64(to)
		hi = &v
	}
	t := true
	r := bleve.NewNumericRangeInclusiveQuery(lo, hi, &t, &t)
	r.SetField("year")
	return r
}

func term(field, v string) query.Query {
	t := bleve.NewTermQuery(v)
	t.SetField(field)
	return t
}

// bestPlace picks where a report matches best: the first occurrence of the
// first phrase when there are phrases (ok says whether every phrase occurs
// literally), else the occurrence of a query word with the most other
// query words near it. Words are found as written, so 调解 is shown inside
// 调解成功率.
func bestPlace(text string, words, phrases []string) (start, end int, ok bool) {
	// ASCII case is ignored: when a term has ASCII letters, it is looked
	// for in the text lowered once (which keeps every byte offset).
	fold := slices.ContainsFunc(words, hasASCIILetter) || slices.ContainsFunc(phrases, hasASCIILetter)
	folded := text
	if fold {
		folded = asciiLower(text)
	}
	find := func(from int, sub string) int {
		if i := corpus.IndexWord(text[from:], sub); i >= 0 || !fold {
			return i
		}
		return corpus.IndexWord(folded[from:], asciiLower(sub))
	}
	if len(phrases) > 0 {
		start, end = -1, -1
		for _, p := range phrases {
			i := find(0, p)
			if i < 0 {
				return 0, 0, false
			}
			if start < 0 {
				start, end = i, i+len(p)
			}
		}
		return start, end, true
	}
	type place struct {
		word       int
		start, end int
	}
	var all []place
	for wi, w := range words {
		if w == "" {
			continue
		}
		for from, n := 0, 0; n < 200; n++ {
			i := find(from, w)
			if i < 0 {
				break
			}
			all = append(all, place{wi, from + i, from + i + len(w)})
			from += i + len(w)
		}
	}
	if len(all) == 0 {
		return 0, 0, false
	}
	sort.Slice(all, func(i, j int) bool { return all[i].start < all[j].start })
	// For each place, the words among the places that start within
	// nearBytes of it: the places are in text order, so the window's first
	// place only moves on, and a window holds few places (each starts at
	// a byte of its own), not all of them.
	best, bestScore := 0, -1
	seen := make([]int, len(words)) // the place that last counted each word, plus one
	lo := 0
	for i, p := range all {
		for all[lo].start < p.start-nearBytes {
			lo++
		}
		n := 0
		for j := lo; j < len(all) && all[j].start <= p.end+nearBytes; j++ {
			if w := all[j].word; seen[w] != i+1 {
				seen[w] = i + 1
				n++
			}
		}
		if n > bestScore {
			best, bestScore = i, n
		}
	}
	return all[best].start, all[best].end, true
}

// nearBytes is how far from a word another counts as near it.
const nearBytes = 150

// hasASCIILetter reports whether s holds an ASCII letter, whose case a
// search ignores.
func hasASCIILetter(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r < utf8.RuneSelf && unicode.IsLetter(r) }) >= 0
}

// asciiLower lowers the ASCII letters of s, byte for byte.
func asciiLower(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return 'A' <= r && r <= 'Z' }) < 0 {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// snippet returns the text around [start, end), on one line, without
// control characters.
func snippet(text string, start, end int) (before, match, after string) {
	if start < 0 || end > len(text) || start > end {
		return "", "", ""
	}
	b := start
	for n := 0; n < snippetRunes && b > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(text[:b])
		b -= size
	}
	e := end
	for n := 0; n < snippetRunes && e < len(text); n++ {
		_, size := utf8.DecodeRuneInString(text[e:])
		e += size
	}
	before, match, after = clean(text[b:start]), clean(text[start:end]), clean(text[end:e])
	if b > 0 {
		before = "…" + before
	}
	if e < len(text) {
		after += "…"
	}
	return before, match, after
}

// clean puts text on one line and drops control characters, so that a
// report can never steer the terminal.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			return ' '
		case unicode.IsControl(r) || r == utf8.RuneError || unicode.Is(unicode.Bidi_Control, r):
			return -1
		}
		return r
	}, s)
}

// sectionAt returns the path of the innermost section holding offset at.
func sectionAt(secs []outlineEntry, at int) string {
	best := -1
	for i, s := range secs {
		if s.Start <= at && at < s.End && (best < 0 || s.Start >= secs[best].Start) {
			best = i
		}
	}
	var parts []string
	for i, n := best, 0; i >= 0 && i < len(secs) && n < len(secs); i, n = secs[i].Parent, n+1 {
		parts = append(parts, secs[i].Heading)
	}
	for l, r := 0, len(parts)-1; l < r; l, r = l+1, r-1 {
		parts[l], parts[r] = parts[r], parts[l]
	}
	return strings.Join(parts, " > ")
}

// Report returns an ingested report, found by its file's path, with its
// sections.
func (ix *Index) Report(path string) (*extract.Report, []extract.Section, error) {
	rep, _, err := ix.ReportText(path)
	if err != nil {
		return nil, nil, err
	}
	return rep, rep.Sections, nil
}

// ReportText returns an ingested report, with its sections, and its
// normalised text, which the report's evidence is pieces of.
func (ix *Index) ReportText(path string) (*extract.Report, string, error) {
	info, hash, text, err := ix.stored(fileKey(path))
	if err != nil {
		return nil, "", err
	}
	if info == nil {
		return nil, "", &Error{ix.path, ErrNoReport, errors.New(path)}
	}
	rep := &extract.Report{Path: info.Path, Hash: hash, Encoding: info.Encoding, Meta: info.Meta, Warnings: info.Warnings, Sections: info.Sections}
	if rep.Warnings == nil {
		rep.Warnings = []corpus.Warning{}
	}
	rep.Indicators = info.Indicators
	if rep.Indicators == nil {
		rep.Indicators = []extract.Indicator{}
	}
	return rep, text, nil
}

// Text returns the normalised text of an ingested report.
func (ix *Index) Text(key string) (string, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery([]string{reportID(key)}), 1, 0, false)
	req.Fields = []string{"text"}
	res, err := ix.b.Search(req)
	if err != nil {
		return "", ix.damaged(err)
	}
	if len(res.Hits) == 0 {
		return "", &Error{ix.path, ErrNoReport, errors.New(key)}
	}
	text, _ := res.Hits[0].Fields["text"].(string)
	return text, nil
}
