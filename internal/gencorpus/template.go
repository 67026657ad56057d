package gencorpus

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"baogao/corpus"
)

// segKind says what a piece of a template stands for.
type segKind uint8

const (
	segText          segKind = iota // literal text
	segTown                         // 王团镇
	segTownShort                    // 王团
	segTownGov                      // 王团镇人民政府, 东华门街道办事处
	segTownInitial                  // 王, as in 王镇发〔2024〕12号
	segCounty                       // 同心县, or the city without counties
	segCountyShort                  // 同心
	segCountyLevel                  // 县, 区, 市, 旗: the county's last character
	segCity                         // 吴忠市
	segCityShort                    // 吴忠
	segProvince                     // 宁夏回族自治区
	segProvinceShort                // 宁夏
	segRegion                       // text with the province's level word: 自治区党委, 全省
	segLevel                        // 镇, 乡, 街道
	segLevelGov                     // 镇人民政府
	segLevelGovShort                // 镇政府
	segLevelDeputy                  // 副镇长
	segLevelHead                    // 镇长
	segLevelParty                   // 镇党委
	segYear                         // a year, as an offset from the report's year
	segSlot                         // a figure: slots[n]
	segEnum                         // 一是, 二是… numbered afresh in each paragraph
	segChoice                       // one phrase of choiceGroups[n]
)

// seg is one piece of a template.
type seg struct {
	kind segKind
	text string // segText; segRegion with \x00 for the level word, \x01 for its short form
	n    int    // segYear offset, segSlot index, segChoice group
}

// slot is a figure of a sentence, as the sample wrote it.
type slot struct {
	rate     bool
	value    float64 // the whole value, multiplier included
	decimals int
	mult     string // 千 or 万 when written as 2千
	prefix   string // 约, 近…
	mid      string // 余, 多
	unit     string
	suffix   string // 以上, 左右, 余
	parent   int    // the slot of the whole this count is a part of, prevWhole, or -1
	ratio    float64
	rest     int  // for a remainder (whole − part), the part's slot, or -1
	of       int  // for a rate, the part it is the rate of, or -1
	whole    bool // some later slot is a part of this one
	list     bool // one of the parts a 其中 lists
	sumLast  bool // the last of parts that add up to their whole
}

// prevWhole is the parent of a part whose whole is the last count of the
// sentence before (主动公开信息275条。其中网站公开34条…).
const prevWhole = -2

// sentence is one sentence of a sample, ready to render.
type sentence struct {
	segs       []seg
	slots      []slot
	sharesPrev bool // starts with 其中: its counts are parts of the sentence before
	keepNext   bool // the next sentence lists parts of this one's last count
}

// para is a paragraph. A numbered one (1. 2. under a (一) heading) gets
// its number from the report's style.
type para struct {
	sents    []sentence
	numbered bool
}

// block is a (一) heading and the paragraphs under it; the first block of a
// section may have no heading.
type block struct {
	head  *sentence
	paras []para
}

// section is a 一、 heading and what stands under it.
type section struct {
	head   sentence
	blocks []block
	size   int // rough size when rendered, in bytes
}

var (
	topHeadRE  = regexp.MustCompile(`^[一二三四五六七八九十]{1,3}、\s*`)
	subHeadRE  = regexp.MustCompile(`^[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]\s*`)
	numHeadRE  = regexp.MustCompile(`^\d{1,2}\s*[.、]\s*`)
	enumRE     = regexp.MustCompile(`^[一二三四五六七八九十]是`)
	problemsRE = regexp.MustCompile(`问题|不足|差距|短板`)
	plansRE    = regexp.MustCompile(`下一步|下步|打算|计划|安排|思路|今后|展望`)
	dutyRE     = regexp.MustCompile(`第一责任人|主要负责人`)
	// closingRE finds a paragraph that turns from the year's work to its
	// shortcomings and the next steps.
	closingRE = regexp.MustCompile(`存在[^。]{0,12}(?:问题|不足|差距)|下一步`)
)

// choiceGroups are phrases that may stand for one another anywhere.
var choiceGroups = [][]string{
	{"认真开展", "扎实开展", "深入开展", "积极开展"},
	{"进一步加强", "持续加强", "不断加强", "切实加强"},
	{"不断提高", "持续提高", "进一步提高", "切实提高"},
	{"不断提升", "持续提升", "进一步提升", "切实提升"},
	{"扎实推进", "持续推进", "深入推进", "大力推进"},
	{"高度重视", "十分重视", "始终高度重视"},
	{"今年以来", "今年来", "年初以来"},
	{"截至目前", "截止目前", "目前"},
	{"加强", "强化"},
}

// levelWords are the words of each town level, by seg kind.
var levelWords = map[segKind][3]string{
	segLevel:         {"镇", "乡", "街道"},
	segLevelGov:      {"镇人民政府", "乡人民政府", "街道办事处"},
	segLevelGovShort: {"镇政府", "乡政府", "街道办事处"},
	segLevelDeputy:   {"副镇长", "副乡长", "街道办事处副主任"},
	segLevelHead:     {"镇长", "乡长", "街道办事处主任"},
	segLevelParty:    {"镇党委", "乡党委", "街道党工委"},
}

// notLevelBefore are characters that, before 镇 or 乡, make it part of
// another word (乡镇, 城镇, 小城镇, 城乡).
const notLevelBefore = "乡镇城小名重集村强古市家下返本"

// key is a literal that a template replaces.
type key struct {
	s   string
	seg seg
}

// sampleKeys lists the names of a sample's own places and the phrases that
// vary, longest first.
func sampleKeys(m corpus.Meta) (keys []key, level string) {
	add := func(s string, k segKind, text string) {
		if s != "" {
			keys = append(keys, key{s, seg{kind: k, text: text}})
		}
	}
	addShort := func(full, short string, k segKind) {
		if short != full && utf8.RuneCountInString(short) >= 2 {
			add(short, k, "")
		}
	}
	if t := m.Town.Value; t != "" {
		stem, lv := townStem(t)
		add(t, segTown, "")
		add(t+"人民政府", segTownGov, "")
		addShort(t, stem, segTownShort)
		if stem != "" {
			level = levelWords[segLevel][lv]
		}
	}
	if c := m.County.Value; c != "" {
		add(c, segCounty, "")
		addShort(c, shortDivision(c), segCountyShort)
	}
	if c := m.City.Value; c != "" && c != m.Province.Value {
		add(c, segCity, "")
		addShort(c, shortDivision(c), segCityShort)
	}
	if p := m.Province.Value; p != "" {
		add(p, segProvince, "")
		addShort(p, shortDivision(p), segProvinceShort)
		switch {
		case strings.HasSuffix(p, "自治区"):
			add("自治区", segRegion, "\x00")
			add("依法治区", segRegion, "依法治\x01")
		case strings.HasSuffix(p, "省"):
			for _, w := range []string{"省委", "全省", "省级"} {
				add(w, segRegion, strings.Replace(w, "省", "\x00", 1))
			}
			add("依法治省", segRegion, "依法治\x01")
		}
	}
	if level != "" {
		for _, k := range []segKind{segLevelGov, segLevelGovShort, segLevelDeputy, segLevelHead, segLevelParty} {
			add(strings.Replace(levelWords[k][0], "镇", level, 1), k, "")
		}
	}
	for gi, grp := range choiceGroups {
		for _, w := range grp {
			keys = append(keys, key{w, seg{kind: segChoice, n: gi}})
		}
	}
	sort.SliceStable(keys, func(i, j int) bool { return len(keys[i].s) > len(keys[j].s) })
	return keys, level
}

// shortDivision strips the level word from a division's name (同心县 →
// 同心, 宁夏回族自治区 → 宁夏); names that would be left with one character
// stay whole.
func shortDivision(n string) string {
	for _, suf := range []string{"维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "地区", "省", "市", "县", "区", "旗", "盟", "州"} {
		if s, ok := strings.CutSuffix(n, suf); ok && utf8.RuneCountInString(s) >= 2 {
			return s
		}
	}
	return n
}

// sampleParser turns one sample's text into templates.
