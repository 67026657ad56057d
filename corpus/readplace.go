package corpus

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Weights of one town named in each part of a report. A title outweighs
// any number of mentions in the body, a letterhead or a page field
// (发布机构, the breadcrumb) outweighs the body, and the body counts each
// mention once: a news item is about the town it names most.
const (
	titleWeight  = 100
	headerWeight = 40
	footerWeight = 20
	bodyWeight   = 1
)

// zone is one part of a report read for its place.
type zone struct {
	text     string
	from     Source
	weight   int
	minRunes int // the shortest town name taken from it
}

// zoneMentions are the divisions named in one zone.
type zoneMentions struct {
	towns, counties, cities []mention
	// countyEnd and cityEnd index the counties and cities by where they
	// end, to find the one written right before another name.
	countyEnd, cityEnd map[int]mention
}

// underDivision reports whether a county or city mention ends at offset
// at.
func (zm zoneMentions) underDivision(at int) bool {
	_, county := zm.countyEnd[at]
	_, city := zm.cityEnd[at]
	return county || city
}

func newZoneMentions(towns, counties, cities []mention) zoneMentions {
	zm := zoneMentions{towns: towns, counties: counties, cities: cities,
		countyEnd: make(map[int]mention, len(counties)), cityEnd: make(map[int]mention, len(cities))}
	for _, c := range counties {
		zm.countyEnd[c.end] = c
	}
	for _, c := range cities {
		zm.cityEnd[c.end] = c
	}
	return zm
}

// stemBodies are the bodies a town names by its name without the suffix:
// 狮山派出所, 新集司法所, 竹林法庭.
var stemBodies = []string{"司法所", "派出所", "人民法庭", "法庭", "综治中心", "便民服务中心", "财政所", "人民政府"}

// readPlace fills the town and the county and city the text states with
// it. The town is the gazetteer town the report names most weightily;
// names outside the gazetteer are read from a title or letterhead only.
// The county and city are stated when the text writes them as the town's
// path (眉山市东坡区崇礼镇, 巩义竹林镇) or names them in the title or
// letterhead.
func readPlace(m *Meta, zones []zone) {
	g, err := gaz()
	if err != nil {
		readPlaceByPattern(m, zones) // resolvePlace reports the error
		return
	}
	found := make([]zoneMentions, len(zones))
	for i, z := range zones {
		towns := g.townsIn(z.text, 2)
		found[i] = newZoneMentions(towns, g.countiesIn(z.text, towns), g.citiesIn(z.text))
		// A short name (马镇, 临镇) counts in running text only written
		// under its county or city (神木市马镇): alone it may be any word.
		kept := towns[:0]
		for _, t := range towns {
			if utf8.RuneCountInString(t.name) >= z.minRunes || found[i].underDivision(t.start) {
				kept = append(kept, t)
			}
		}
		found[i].towns = kept
	}
	town, from := bestTown(g, zones, found)
	if town == "" {
		readPlaceByPattern(m, zones[:2]) // title and letterhead
		if !m.Town.Known() {
			townUnderCounty(m, zones, found)
		}
		if m.Town.Known() {
			stateAnyDivision(m, zones, found)
			return
		}
		town, from = townByStem(g, zones)
		if town == "" {
			return
		}
	}
	m.Town = Field{town, from}
	statePath(g, m, zones, found)
}

// bestTown returns the gazetteer town with the highest weight and the
// source of its weightiest mention; ties go to the earlier part and the
// earlier place.
func bestTown(g *gazetteer, zones []zone, found []zoneMentions) (string, Source) {
	type score struct {
		n, zone, at int
	}
	scores := map[string]*score{}
	best := ""
	for i, z := range zones {
		for _, t := range found[i].towns {
			w := z.weight
			if inPath(g, z.text, t, found[i]) {
				w *= 2
			}
			s := scores[t.name]
			if s == nil {
				s = &score{zone: i, at: t.start}
				scores[t.name] = s
			}
			s.n += w
			if b := scores[best]; best == "" || s.n > b.n || s.n == b.n && (s.zone < b.zone || s.zone == b.zone && s.at < b.at) {
				best = t.name
			}
		}
	}
	if best == "" {
		return "", SourceUnknown
	}
	return best, zones[scores[best].zone].from
}

// inPath reports whether town t is written after a county or city, in
// full or short (同心县王团镇, 巩义竹林镇): the way text names a place, not
// a word that happens to end in 镇.
func inPath(g *gazetteer, s string, t mention, zm zoneMentions) bool {
	return zm.underDivision(t.start) || shortCountyBefore(g, s, t) != ""
}

// shortCountyBefore returns the full name of the county of one of t's
// divisions when s writes that county's short name right before t
// (宜都红花套镇 → 宜都市), or "" when none does or two do.
func shortCountyBefore(g *gazetteer, s string, t mention) string {
	before := s[:t.start]
	found := ""
	for _, code := range g.towns[t.name] {
		county := g.names[code[:6]]
		short := shortName(county)
		if short == county || utf8.RuneCountInString(short) < 2 || !strings.HasSuffix(before, short) {
			continue
		}
		if found != "" && found != county {
			return ""
		}
		found = county
	}
	return found
}

// statePath sets the county and city the text writes with the town: right
// before one of its mentions, best part first, else anywhere in the title
// or letterhead.
func statePath(g *gazetteer, m *Meta, zones []zone, found []zoneMentions) {
	for i, z := range zones {
		for _, t := range found[i].towns {
			if t.name != m.Town.Value {
				continue
			}
			at := t.start
			if c, ok := found[i].countyEnd[at]; ok {
				setIf(&m.County, c.name, z.from)
				at = c.start
			} else if full := shortCountyBefore(g, z.text, t); full != "" {
				setIf(&m.County, full, z.from)
				at = -1
			}
			if c, ok := found[i].cityEnd[at]; ok {
				setIf(&m.City, c.name, z.from)
			}
		}
	}
	for i, z := range zones[:min(2, len(zones))] {
		if len(found[i].counties) > 0 {
			setIf(&m.County, found[i].counties[0].name, z.from)
		}
		if len(found[i].cities) > 0 {
			setIf(&m.City, found[i].cities[0].name, z.from)
		}
	}
}

// stateAnyDivision sets, for a town the gazetteer does not know, the
// county and city the text names: in the title or letterhead, else the
// one the body names most.
func stateAnyDivision(m *Meta, zones []zone, found []zoneMentions) {
	for i, z := range zones {
		if c := mostNamed(found[i].counties); c != "" {
			setIf(&m.County, c, z.from)
		}
		if c := mostNamed(found[i].cities); c != "" {
			setIf(&m.City, c, z.from)
		}
	}
}

// mostNamed returns the name that occurs most often in ms, the earliest on
// ties.
func mostNamed(ms []mention) string {
	count := map[string]int{}
	best := ""
	for _, x := range ms {
		count[x.name]++
		if best == "" || count[x.name] > count[best] {
			best = x.name
		}
	}
	return best
}

// endingAt returns the mention of ms that ends at offset at, or nil.
func endingAt(ms []mention, at int) *mention {
	for i := range ms {
		if ms[i].end == at {
			return &ms[i]
		}
	}
	return nil
}

// townByStem finds a town the text names only by its stem, before one of
// its bodies: 新集司法所 with 全镇 is 新集镇. The suffix is the one the text
// uses for itself (全镇, 我乡, 街道), else the one the gazetteer has.
func townByStem(g *gazetteer, zones []zone) (string, Source) {
	for _, z := range zones {
		suffixes := selfSuffixes(z.text)
		count := map[string]int{}
		best := ""
		for _, body := range stemBodies {
			for from := 0; ; {
				i := IndexWord(z.text[from:], body)
				if i < 0 {
					break
				}
				at := from + i
				from = at + len(body)
				if name := stemTown(g, z.text, at, suffixes); name != "" {
					count[name]++
					if best == "" || count[name] > count[best] {
						best = name
					}
				}
			}
		}
		if best != "" {
			return best, z.from
		}
	}
	return "", SourceUnknown
}

// selfSuffixes returns the town suffixes in the order to try them: first
// the one the text calls itself by (全镇, 我乡, 本街道).
func selfSuffixes(s string) []string {
	suffixes := []string{"镇", "乡", "街道", "苏木"}
	for i, self := range suffixes {
		if strings.Contains(s, "全"+self) || strings.Contains(s, "我"+self) || strings.Contains(s, "本"+self) {
			suffixes[0], suffixes[i] = suffixes[i], suffixes[0]
			break
		}
	}
	return suffixes
}

// stemTown returns the longest gazetteer town whose stem ends at offset at
// of s, trying the suffixes in order.
func stemTown(g *gazetteer, s string, at int, suffixes []string) string {
	best := ""
	b, n := at, 0
	for n < maxMentionRunes-2 && b > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:b])
		if !isHan(r) {
			break
		}
		b -= size
		n++
		if n < 2 {
			continue
		}
		for _, suf := range suffixes {
			if name := s[b:at] + suf; len(g.towns[name]) > 0 && !notTownName[name] {
				best = name
				break
			}
		}
	}
	return best
}

// underCountyRE matches a town's name written right after its county
// (and the county's government): 锡山区人民政府厚桥街道.
var underCountyRE = regexp.MustCompile(`^(?:人民政府|政府)?(\p{Han}{2,5}?(?:镇|乡|街道|苏木))`)

// townUnderCounty reads a town the gazetteer does not know from running
// text only where the text writes it under a county the gazetteer does
// know: a renamed or new town still has its county.
func townUnderCounty(m *Meta, zones []zone, found []zoneMentions) {
	for i, z := range zones {
		for _, c := range found[i].counties {
			sm := underCountyRE.FindStringSubmatch(z.text[c.end:])
			if sm == nil {
				continue
			}
			if t := cleanTown(sm[1]); t != "" {
				m.Town = Field{t, z.from}
				setIf(&m.County, c.name, z.from)
				if city, ok := found[i].cityEnd[c.start]; ok {
					setIf(&m.City, city.name, z.from)
				}
				return
			}
		}
	}
}

// readPlaceByPattern reads a town the gazetteer does not know from the
// first zone that writes one with its path, by the pattern rules.
func readPlaceByPattern(m *Meta, zones []zone) {
	for _, z := range zones {
		if p, ok := findPlace(z.text); ok {
			m.Town = Field{p.town, z.from}
			setIf(&m.County, p.county, z.from)
			setIf(&m.City, p.city, z.from)
			setIf(&m.Province, p.province, z.from)
			return
		}
	}
}

// placeInName reads the place a file name gives: the gazetteer's town and
// the county, city and province written before it (同心县王团镇_2024,
// 和平街道-2023), else what the pattern rules read.
func placeInName(name string) (place, bool) {
	g, err := gaz()
	if err != nil {
		return findPlace(name)
	}
	towns := g.townsIn(name, 2)
	if len(towns) == 0 {
		return findPlace(name)
	}
	t := towns[0]
	p := place{town: t.name}
	at := t.start
	if c := endingAt(g.countiesIn(name, towns), at); c != nil {
		p.county, at = c.name, c.start
	}
	if c := endingAt(g.citiesIn(name), at); c != nil {
		p.city, at = c.name, c.start
	}
	if pr := findProvince(name[:at]); pr != "" {
		p.province = pr
	}
	return p, true
}
