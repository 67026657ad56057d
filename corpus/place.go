package corpus

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// provinces maps each provincial-level division's short name to its full
// name. Reports often write only the short name (宁夏, 四川).
var provinces = map[string]string{
	"北京": "北京市", "天津": "天津市", "河北": "河北省", "山西": "山西省", "内蒙古": "内蒙古自治区",
	"辽宁": "辽宁省", "吉林": "吉林省", "黑龙江": "黑龙江省", "上海": "上海市", "江苏": "江苏省",
	"浙江": "浙江省", "安徽": "安徽省", "福建": "福建省", "江西": "江西省", "山东": "山东省",
	"河南": "河南省", "湖北": "湖北省", "湖南": "湖南省", "广东": "广东省", "广西": "广西壮族自治区",
	"海南": "海南省", "重庆": "重庆市", "四川": "四川省", "贵州": "贵州省", "云南": "云南省",
	"西藏": "西藏自治区", "陕西": "陕西省", "甘肃": "甘肃省", "青海": "青海省", "宁夏": "宁夏回族自治区",
	"新疆": "新疆维吾尔自治区",
}

// provinceWords finds full and short province names; the longest wins at
// each place, so 宁夏回族自治区 beats 宁夏.
var provinceWords = func() *wordSet {
	var names []string
	for short, full := range provinces {
		names = append(names, full, short)
	}
	return newWordSet(names)
}()

// notProvinceAfter matches what follows a short province name when it is
// part of a smaller place's name (海南藏族自治州 is in 青海).
var notProvinceAfter = regexp.MustCompile(`^\p{Han}{0,5}?(?:自治州|州|市|县|区|盟|旗|路|街|大道)`)

// placeRE matches an administrative path that ends in a township:
// [province][city][county]town, e.g. 眉山市东坡区崇礼镇, 刚察县沙柳河镇.
var placeRE = &nearRE{
	re:   regexp.MustCompile(`((?:\p{Han}{2,6}?(?:省|自治区))?)((?:\p{Han}{2,7}?(?:自治州|市|州|盟|地区))?)((?:\p{Han}{1,7}?(?:自治县|县|区|旗|市))?)(\p{Han}{2,6}?(?:镇|乡|街道|苏木))`),
	lits: []string{"镇", "乡", "街道", "苏木"}, back: 36 * 3, fwd: 0,
}

// notTownName holds words that end in 镇/乡 but name no township.
var notTownName = map[string]bool{
	"城镇": true, "乡镇": true, "村镇": true, "集镇": true, "重镇": true, "强镇": true, "名镇": true,
	"城乡": true, "家乡": true, "下乡": true, "返乡": true, "本乡": true, "我乡": true, "全乡": true,
	"我镇": true, "本镇": true, "全镇": true, "该镇": true, "各镇": true, "各乡": true, "小城镇": true,
	"特色小镇": true, "各乡镇": true, "全乡镇": true, "各街道": true, "本街道": true, "全街道": true,
}

// townStopPrefix lists characters that seldom begin a town's name but do
// begin the words around one (我镇, 全镇, 各乡镇, 中共…). A name that begins
// with one is kept only when the gazetteer has it (和平镇, 中和镇, 和县).
const townStopPrefix = "我本全该各在对从到与和及为将由于共中"

// place is one administrative path read from text.
type place struct {
	province, city, county, town string
}

// findPlace returns the first township path in s.
func findPlace(s string) (place, bool) {
	var found place
	placeRE.eachSubmatch(s, func(m []string) bool {
		found = place{province: m[1], city: m[2], county: m[3], town: cleanTown(m[4])}
		// The pattern's county and city are kept only when they name a
		// division: 区委区 and 县委县 are not places.
		if nameLevels(found.county)&levelCounty == 0 {
			found.county = ""
		}
		if nameLevels(found.city)&(levelCity|levelCounty) == 0 {
			found.city = ""
		}
		return found.town != ""
	})
	return found, found.town != ""
}

// placeLeadWords are words that a match may take in front of a place name
// because running text puts them there: 通过同心县人民政府网站, 关于上报.
var placeLeadWords = []string{
	"中共", "关于", "上报", "印发", "通过", "根据", "按照", "依据", "经过", "结合", "配合", "协助",
	"参加", "组织", "召开", "会同", "联合", "邀请", "接受", "报送", "转发", "落实", "贯彻",
	"向", "在", "经", "由", "对", "与", "和", "及", "为", "据", "是", "被", "把", "将", "受", "从", "于", "的",
	"年度", "年",
}

// trimLead removes lead words from the front of a place name, as long as a
// name of at least two characters plus its suffix is left.
func trimLead(name string) string {
	for changed := true; changed; {
		changed = false
		for _, w := range placeLeadWords {
			if rest, ok := strings.CutPrefix(name, w); ok && utf8.RuneCountInString(rest) >= 3 {
				name, changed = rest, true
			}
		}
	}
	return name
}

// cleanTown trims words that a match may have taken in front of a town's
// name (中共, 关于) and reports "" when what is left names no township.
func cleanTown(t string) string {
	t = trimLead(t)
	r := []rune(t)
	if len(r) < 3 || notTownName[t] || strings.ContainsRune(townStopPrefix, r[0]) && nameLevels(t)&levelTown == 0 {
		return ""
	}
	return t
}

// findProvince returns the province a text names, full or short, when it
// names exactly one.
func findProvince(s string) string {
	found := ""
	for _, ix := range provinceWords.find(s) {
		name := s[ix[0]:ix[1]]
		full, short := provinces[name]
		if !short {
			full = name
		} else if notProvinceAfter.MatchString(s[ix[1]:]) {
			continue
		}
		if found != "" && found != full {
			return ""
		}
		found = full
	}
	return found
}
