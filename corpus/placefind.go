package corpus

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// How division names are found in text
//
// A place name is a word of the gazetteer, not whatever characters stand
// before 镇, 乡, 街道 or 县: "一行来到青山镇" names 青山镇, "进一步增强乡"
// names nothing, and "和平街道" keeps its 和. At each place where a
// division's suffix ends (镇 乡 街道 苏木 办事处 for towns; 县 区 市 旗 for
// counties; 市 州 盟 地区 for cities), the longest gazetteer name of that
// level ending there is the mention. Names written nowhere in the
// gazetteer (a town renamed or merged since) are read only from a title or
// letterhead, by the older pattern rules in place.go.

// mention is a division name found in text, at [start, end).
type mention struct {
	name       string
	start, end int
}

// maxMentionRunes is the longest division name looked for in running
// text, suffix included. Longer names (蒙古族自治县 towns, 管理委员会
// entries) are rare in text and never written without a shorter form.
const maxMentionRunes = 12

// townSuffixes end the town names text is searched for. Other gazetteer
// entries at town level (农场, 开发区, 林场) are read from titles only.
var townSuffixes = []string{"街道", "镇", "乡", "苏木", "办事处"}

// countySuffixes end county-level names: counties, districts, banners and
// county-level cities.
var countySuffixes = []string{"县", "区", "市", "旗"}

// citySuffixes end prefecture-level names.
var citySuffixes = []string{"市", "州", "盟", "地区"}

// notNameAfter lists, per suffix, what may follow it when the suffix
// character is the start of another word instead of the end of a name:
// 新城镇化 is urbanisation, 乡村 a village, 市场 a market.
var notNameAfter = map[string]string{
	"镇": "化",
	"乡": "村镇亲土愁贤风情邻野",
	"区": "域间",
	"市": "场民值",
	"县": "域",
}

// mentions returns the names of the given level that end at one of the
// suffixes in s, the longest at each end, with at least minRunes runes,
// in order of position and without overlaps (the longer of two wins).
func (g *gazetteer) mentions(s string, level uint8, suffixes []string, minRunes int) []mention {
	var out []mention
	for _, suf := range suffixes {
		block := notNameAfter[suf]
		for from := 0; from < len(s); {
			i := IndexWord(s[from:], suf)
			if i < 0 {
				break
			}
			at := from + i
			end := at + len(suf)
			from = end
			if next, _ := utf8.DecodeRuneInString(s[end:]); block != "" && strings.ContainsRune(block, next) {
				continue
			}
			best := -1
			b, n := at, utf8.RuneCountInString(suf)
			for n < maxMentionRunes && b > 0 {
				r, size := utf8.DecodeLastRuneInString(s[:b])
				if !isHan(r) {
					break
				}
				b -= size
				n++
				if n >= minRunes && g.levels[s[b:end]]&level != 0 {
					best = b
				}
			}
			if best >= 0 {
				out = append(out, mention{name: g.spelling(s[best:end]), start: best, end: end})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].start != out[j].start {
			return out[i].start < out[j].start
		}
		return out[i].end > out[j].end
	})
	kept := out[:0]
	for _, m := range out {
		if k := len(kept) - 1; k >= 0 && m.start < kept[k].end {
			if m.end-m.start > kept[k].end-kept[k].start {
				kept[k] = m
			}
			continue
		}
		kept = append(kept, m)
	}
	return kept
}

// townsIn returns the gazetteer towns named in s. Two-character names
// (张镇, 新镇) are taken only where minRunes allows: in titles, not in
// running text, where 全镇 and 一镇 abound.
func (g *gazetteer) townsIn(s string, minRunes int) []mention {
	ms := g.mentions(s, levelTown, townSuffixes, minRunes)
	kept := ms[:0]
	for _, m := range ms {
		if !notTownName[m.name] {
			kept = append(kept, m)
		}
	}
	return kept
}

// countyBodyWords follow a county's name when running text names one of
// its bodies: 息县人民政府, 澧县司法局. A two-character county (和县, 南县)
// is a county in running text only before one of them or a town.
var countyBodyWords = []string{"人民政府", "政府", "县委", "区委", "市委", "旗委", "委", "人民法院", "法院", "人民检察院", "检察院", "公安局", "司法局", "人大", "政协", "依法治", "融媒体"}

// countiesIn returns the county-level divisions named in s. Names of two
// characters count only before a body word or a town's name.
func (g *gazetteer) countiesIn(s string, towns []mention) []mention {
	ms := g.mentions(s, levelCounty, countySuffixes, 2)
	townAt := make(map[int]bool, len(towns))
	for _, t := range towns {
		townAt[t.start] = true
	}
	kept := ms[:0]
	for _, m := range ms {
		// 市辖区 is no name, and a city without counties (东莞市) has its
		// own name at the county level too: it is a city.
		if m.name == "市辖区" || g.levels[m.name]&levelCity != 0 {
			continue
		}
		if utf8.RuneCountInString(m.name) < 3 && !followedByBody(s[m.end:]) && !townAt[m.end] {
			continue
		}
		kept = append(kept, m)
	}
	return kept
}

// citiesIn returns the prefecture-level divisions named in s.
func (g *gazetteer) citiesIn(s string) []mention {
	ms := g.mentions(s, levelCity, citySuffixes, 3)
	kept := ms[:0]
	for _, m := range ms {
		if m.name != "市辖区" {
			kept = append(kept, m)
		}
	}
	return kept
}

// followedByBody reports whether rest opens with a body word.
func followedByBody(rest string) bool {
	for _, w := range countyBodyWords {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return false
}

// isHan reports whether r is a Chinese character.
func isHan(r rune) bool { return r >= 0x2E80 && unicode.Is(unicode.Han, r) }
