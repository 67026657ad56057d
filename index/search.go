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
}

// Result is a page of hits and how many reports match in all.
type Result struct {
	Hits  []Hit `json:"hits"`
	Total int   `json:"total"`
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

// snippetBytes is about how much text a snippet shows on each side.
const snippetRunes = 28

// Search finds the reports that contain every word and phrase of q, best
// first.
func (ix *Index) Search(q Query) (*Result, error) {
	words, phrases := ParseQuery(q.Text)
	if len(words) == 0 && len(phrases) == 0 {
		return nil, fmt.Errorf("empty query")
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	must := []query.Query{term("type", typeReport)}
	for _, w := range append(append([]string{}, words...), phrases...) {
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
		return &Result{Hits: []Hit{}}, err
	}
	must = append(must, filter...)
	size := limit
	if len(phrases) > 0 {
		size = max(limit, 1000) // phrases are checked literally, after the search
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(must...), size, 0, false)
	req.Fields = []string{"path", "town", "county", "year", "text", "outline"}
	res, err := ix.b.Search(req)
	if err != nil {
		return nil, ix.damaged(err)
	}
	out := &Result{Total: int(res.Total)}
	if len(phrases) > 0 {
		out.Total = 0
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
		if len(out.Hits) >= limit {
			continue
		}
		hit := Hit{Score: h.Score, Start: at, End: end}
		hit.Path, _ = h.Fields["path"].(string)
		hit.Town, _ = h.Fields["town"].(string)
		hit.County, _ = h.Fields["county"].(string)
		if y, ok := h.Fields["year"].(float64); ok {
			hit.Year = int(y)
		}
		hit.Before, hit.Match, hit.After = snippet(text, at, end)
		if raw, ok := h.Fields["outline"].(string); ok {
			var outline []outlineEntry
			if json.Unmarshal([]byte(raw), &outline) == nil {
				fillHeadings(outline, text)
				hit.Section = sectionAt(outline, at)
			}
		}
		out.Hits = append(out.Hits, hit)
	}
	return out, nil
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
	if len(phrases) > 0 {
		start, end = -1, -1
		for _, p := range phrases {
			i := indexFold(text, p)
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
			i := indexFold(text[from:], w)
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
	best, bestScore := 0, -1
	for i, p := range all {
		near := map[int]bool{}
		for _, o := range all {
			if o.start >= p.start-150 && o.start <= p.end+150 {
				near[o.word] = true
			}
		}
		if len(near) > bestScore {
			best, bestScore = i, len(near)
		}
	}
	return all[best].start, all[best].end, true
}

// indexFold finds sub in s, ignoring ASCII case.
func indexFold(s, sub string) int {
	if i := strings.Index(s, sub); i >= 0 {
		return i
	}
	ls := strings.ToLower(s)
	if len(ls) == len(s) {
		return strings.Index(ls, strings.ToLower(sub))
	}
	return -1
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
