package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// spamWords are the words that gambling, betting and live-stream
// advertisements are made of. One word alone is not spam (a report may speak
// of 体育 or 直播); spam is a cluster of them, or one of them glued to the
// separators that scraped web text carries (_ ¥ $ |).
var spamWords = []string{
	"体育", "足彩", "彩票", "博彩", "娱乐城", "娱乐平台", "棋牌", "百家乐", "赌场", "赌博", "真人视讯", "电竞",
	"六合彩", "时时彩", "老虎机", "彩金", "投注", "下注", "开户", "在线直播", "直播", "官网", "官方网站", "网址",
	"澳门", "威尼斯人", "葡京", "皇冠", "捕鱼", "电子游艺", "注册送", "首存", "bet365", "casino", ".com",
}

var spamWordSet = newWordSet(spamWords)

// spamWordHits returns the spam words in text as non-overlapping [start,
// end) spans, leftmost first and longest at each place. ASCII words match
// in any case.
func spamWordHits(text string) [][2]int {
	lower := text
	if strings.IndexFunc(text, func(r rune) bool { return r >= 'A' && r <= 'Z' }) >= 0 {
		lower = strings.Map(func(r rune) rune {
			if r >= 'A' && r <= 'Z' {
				return r + 'a' - 'A'
			}
			return r
		}, text) // ASCII only: byte offsets stay the same
	}
	return spamWordSet.find(lower)
}

// spamSeparators are characters that never occur inside official report
// sentences but do join the pieces of injected advertisements.
const spamSeparators = "_¥$|丨"

// spamWindow is the largest gap, in bytes, between two spam words of one
// injected advertisement (about eight CJK characters).
const spamWindow = 24

// spamBrandRunes is how many characters before a first spam word are taken
// to be the advertiser's brand when no set phrase shows the exact boundary.
const spamBrandRunes = 2

// setPhrases are fixed political and legal phrases that appear in almost
// every report. Spam is often injected into the middle of one; finding the
// phrase on both sides of the injection gives its exact boundaries.
var setPhrases = []string{
	"习近平新时代中国特色社会主义思想", "新时代中国特色社会主义思想", "中国特色社会主义法治体系",
	"中国特色社会主义法治道路", "中国特色社会主义", "社会主义法治国家", "社会主义核心价值观",
	"习近平法治思想", "习近平总书记", "全面依法治国", "全面依法治省", "法治政府建设", "法治社会建设",
	"依法行政", "依法治国", "党的二十大精神", "党的十九大精神", "党中央决策部署", "乡村振兴",
	"枫桥经验", "矛盾纠纷", "法治宣传教育", "普法宣传", "平安建设", "扫黑除恶", "基层社会治理",
	"人民群众", "法律顾问", "法治建设", "宪法宣传", "民法典", "行政执法", "法律明白人",
	"第一责任人", "主要负责人", "法治思维", "法治方式", "营商环境",
}

// removeSpam cuts injected advertisements out of text and returns what it
// removed.
func removeSpam(text string) (string, []string) {
	hits := spamWordHits(text)
	if len(hits) == 0 {
		return text, nil
	}
	var clusters [][2]int
	for i := 0; i < len(hits); {
		c := [2]int{hits[i][0], hits[i][1]}
		n := 1
		j := i + 1
		for ; j < len(hits) && hits[j][0]-c[1] <= spamWindow && !strings.ContainsAny(text[c[1]:hits[j][0]], "。\n，,；"); j++ {
			c[1] = hits[j][1]
			n++
		}
		if n >= 2 || hasSeparatorNear(text, c) {
			clusters = append(clusters, c)
		}
		i = j
	}
	if len(clusters) == 0 {
		return text, nil
	}
	var b strings.Builder
	var removed []string
	last := 0
	for _, c := range clusters {
		l, r := spamBounds(text, c[0], c[1])
		if l < last {
			l = last
		}
		b.WriteString(text[last:l])
		removed = append(removed, text[l:r])
		last = r
	}
	b.WriteString(text[last:])
	return b.String(), removed
}

// hasSeparatorNear reports whether a spam separator touches the span.
func hasSeparatorNear(text string, c [2]int) bool {
	lo, hi := c[0]-4, c[1]+4
	if lo < 0 {
		lo = 0
	}
	if hi > len(text) {
		hi = len(text)
	}
	return strings.ContainsAny(text[lo:hi], spamSeparators)
}

// spamBounds widens the span [s, e) of spam words to the whole injected
// advertisement: to the edges of a set phrase it interrupts when there is
// one, else to the brand before the first word and the separators and
// site words after the last.
func spamBounds(text string, s, e int) (int, int) {
	if l, r, ok := phraseRepair(text, s, e); ok {
		return l, r
	}
	l := s
	for n := 0; n < spamBrandRunes && l > 0; n++ {
		r, size := utf8.DecodeLastRuneInString(text[:l])
		if !unicode.Is(unicode.Han, r) && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		l -= size
	}
	r := e
	for r < len(text) {
		c, size := utf8.DecodeRuneInString(text[r:])
		if !strings.ContainsRune(spamSeparators+"网站台", c) && !(c < 0x80 && (unicode.IsLetter(c) || unicode.IsDigit(c) || c == '.')) {
			break
		}
		r += size
	}
	return l, r
}

// maxPhraseGap is how many characters of the set phrase the injection may
// have swallowed.
const maxPhraseGap = 2

// phraseRepair finds a set phrase P such that the text before the spam ends
// with P's head and the text after it starts with P's tail (allowing a gap
// of up to maxPhraseGap characters the advertisement swallowed). It returns
// the bounds of the advertisement; the longest such phrase wins.
func phraseRepair(text string, s, e int) (int, int, bool) {
	best, bl, br := 0, 0, 0
	lo := back(text, s, 6)
	hi := fwd(text, e, 10)
	for _, p := range setPhrases {
		pr := []rune(p)
		if len(pr) <= best {
			continue
		}
		for k := 1; k < len(pr); k++ {
			head := string(pr[:k])
			for gap := 0; gap <= maxPhraseGap && k+gap < len(pr); gap++ {
				tail := string(pr[k+gap:])
				if utf8.RuneCountInString(tail) < 2 && k < 2 {
					continue
				}
				for l := lo; l <= s; l++ {
					if !strings.HasSuffix(text[:l], head) {
						continue
					}
					for r := e; r <= hi; r++ {
						if strings.HasPrefix(text[r:], tail) {
							best, bl, br = len(pr), l, r
							goto next
						}
					}
				}
			}
		}
	next:
	}
	return bl, br, best > 0
}

// back returns the byte offset n runes before i (or 0).
func back(text string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(text[:i])
		i -= size
	}
	return i
}

// fwd returns the byte offset n runes after i (or len(text)).
func fwd(text string, i, n int) int {
	for ; n > 0 && i < len(text); n-- {
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return i
}
