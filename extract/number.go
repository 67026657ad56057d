package extract

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Qualifiers, as the spec writes them.
const (
	QualExact   = ""   // 29件
	QualAtLeast = ">=" // 40余次, 3000多份, 20人以上, 逾, 超过
	QualAbout   = "~"  // 约, 大约, 左右
	QualAtMost  = "<=" // 近, 不到, 不足
)

// Quantity is a number found in text, with the unit and qualifier around
// it. Offsets are byte offsets into the scanned string: [Start, End) covers
// the qualifiers, number and unit; [NumStart, NumEnd) the number as written.
type Quantity struct {
	Value     float64
	Unit      string
	Qualifier string
	Start     int
	End       int
	NumStart  int
	NumEnd    int
	// Chinese is set when the number is written with Chinese numerals
	// (二十, 3千 counts too).
	Chinese bool
	// Ordinal marks numbers that name or rank rather than count: 第3,
	// 十九届, 〔2022〕126号, 12345热线, 5G.
	Ordinal bool
	// DateLike marks years, months, days and festival dates (2022年,
	// 12月4日, 3.15, 6·26).
	DateLike bool
}

// units are the counting words recognised after a number, longest first
// where one is a prefix of another.
var units = []string{
	"万元", "人次", "场次", "批次", "户次", "件次", "课时", "小时",
	"%", "‰", "件", "起", "次", "场", "份", "册", "张", "本", "人", "名", "位",
	"条", "宗", "部", "个", "期", "户", "项", "元", "例", "单", "批", "封",
	"轮", "堂", "节", "篇", "家", "所", "支", "套", "幅", "块", "天", "期",
}

// dateUnits follow numbers that are points or spans of time.
var dateUnits = []string{"年度", "年", "月份", "月", "日", "周年", "时", "季度"}

// prefixQualifiers stand just before a number; longest first.
var prefixQualifiers = []struct{ word, qual string }{
	{"大约", QualAbout}, {"约", QualAbout},
	{"将近", QualAtMost}, {"接近", QualAtMost}, {"不到", QualAtMost}, {"不足", QualAtMost}, {"近", QualAtMost},
	{"超过", QualAtLeast}, {"多于", QualAtLeast}, {"逾", QualAtLeast}, {"超", QualAtLeast},
}

// suffixQualifiers stand after the unit.
var suffixQualifiers = []struct{ word, qual string }{
	{"以上", QualAtLeast}, {"之多", QualAtLeast}, {"有余", QualAtLeast},
	{"左右", QualAbout}, {"上下", QualAbout},
	{"以下", QualAtMost}, {"以内", QualAtMost},
}

// ordinalAfter are words after a number that make it a name: hotlines,
// document numbers, sessions.
var ordinalAfter = []string{"热线", "专线", "便民", "服务热线", "平台", "号", "届", "周年", "版", "中全会"}

// notNumberBefore are characters that, just before a Chinese numeral, make
// it part of a word: 统一, 进一步, 唯一, 之一, 逐一.
const notNumberBefore = "统进唯同单万逐之划专纯归合第星周礼拜初"

var chineseDigits = map[rune]int{
	'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4,
	'五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
}

var chineseScales = map[rune]float64{'十': 10, '百': 100, '千': 1000, '万': 1e4, '亿': 1e8}

func isChineseNumeral(r rune) bool {
	_, d := chineseDigits[r]
	_, s := chineseScales[r]
	return d || s
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// ParseNumber parses a number as reports write it: 29, 1,200, 98.5,
// 2万, 1.5千, 二十, 一百二十三, 两千, 三万五千, 二〇二二, 百分之九十八 (as 98).
// It reports false for anything else, including ambiguous runs like 三四.
func ParseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if rest, ok := strings.CutPrefix(s, "百分之"); ok {
		return ParseNumber(rest)
	}
	if isDigit(s[0]) {
		i := 0
		for i < len(s) && (isDigit(s[i]) || s[i] == '.' || s[i] == ',') {
			i++
		}
		v, ok := parseArabic(s[:i])
		if !ok {
			return 0, false
		}
		for _, r := range strings.TrimSpace(s[i:]) {
			m, ok := chineseScales[r]
			if !ok || r == '十' {
				return 0, false
			}
			v *= m
		}
		return v, true
	}
	return parseChinese(s)
}

// parseArabic parses digits with optional thousands separators (each
// followed by exactly three digits) and one decimal point.
func parseArabic(s string) (float64, bool) {
	if s == "" || !isDigit(s[0]) || !isDigit(s[len(s)-1]) {
		return 0, false
	}
	parts := strings.Split(s, ",")
	for i, p := range parts {
		if i > 0 && (len(p) < 3 || !isDigit(p[0]) || strings.IndexByte(p, '.') >= 0 && strings.IndexByte(p, '.') != 3 || strings.IndexByte(p, '.') < 0 && len(p) != 3) {
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}

// parseChinese parses Chinese numerals, with an optional decimal part
// after 点.
func parseChinese(s string) (float64, bool) {
	intPart, frac, hasFrac := strings.Cut(s, "点")
	v, ok := parseChineseInt(intPart)
	if !ok {
		return 0, false
	}
	if hasFrac {
		if frac == "" {
			return 0, false
		}
		scale := 0.1
		for _, r := range frac {
			d, ok := chineseDigits[r]
			if !ok || r == '两' {
				return 0, false
			}
			v += float64(d) * scale
			scale /= 10
		}
	}
	return v, true
}

func parseChineseInt(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	rs := []rune(s)
	hasScale := false
	for _, r := range rs {
		if _, ok := chineseDigits[r]; ok {
			continue
		}
		if _, ok := chineseScales[r]; ok {
			hasScale = true
			continue
		}
		return 0, false
	}
	if !hasScale {
		if len(rs) == 1 {
			return float64(chineseDigits[rs[0]]), true
		}
		// Positional digits (二〇二二) only with a zero in them or four
		// long; 三四 means "three or four" and is no single number.
		if !strings.ContainsAny(s, "〇零") && len(rs) != 4 {
			return 0, false
		}
		v := 0.0
		for _, r := range rs {
			if r == '两' {
				return 0, false
			}
			v = v*10 + float64(chineseDigits[r])
		}
		return v, true
	}
	var total, section float64
	digit := -1
	lastScale := math.Inf(1)
	for _, r := range rs {
		if d, ok := chineseDigits[r]; ok {
			if digit >= 0 && d != 0 && digit != 0 {
				return 0, false // 二三十: a range
			}
			digit = d
			continue
		}
		m := chineseScales[r]
		switch {
		case m >= 1e4:
			if digit > 0 {
				section += float64(digit)
			}
			if section == 0 {
				section = 1
			}
			total = (total + section) * m
			if m > lastScale && total > m*1e4 {
				return 0, false
			}
			section, digit = 0, -1
		default:
			if m >= lastScale && lastScale < 1e4 {
				return 0, false // 十百: malformed
			}
			d := digit
			if d < 0 {
				d = 1
			}
			if d == 0 {
				return 0, false
			}
			section += float64(d) * m
			digit = -1
			lastScale = m
		}
		if m >= 1e4 {
			lastScale = math.Inf(1)
		}
	}
	if digit > 0 {
		section += float64(digit)
	}
	return total + section, true
}

// ScanQuantities finds the numbers in s with their unit and qualifier.
// Arabic numbers are returned with or without a unit; Chinese numerals only
// with a unit (一是, 八五普法 and 统一 count nothing). Years, dates and
// ordinals are returned marked, so that callers can tell them apart.
func ScanQuantities(s string) []Quantity {
	var out []Quantity
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isDigit(s[i]):
			q, end := scanArabic(s, i)
			out = append(out, q)
			i = end
		case r == '百' && strings.HasPrefix(s[i:], "百分之"):
			q, end, ok := scanChinesePercent(s, i)
			if ok {
				out = append(out, q)
				i = end
			} else {
				i += len("百分之")
			}
		case isChineseNumeral(r):
			q, end, ok := scanChinese(s, i)
			if ok {
				out = append(out, q)
			}
			i = end
		default:
			i += size
		}
	}
	return out
}

// scanArabic reads the Arabic number at s[i:] and what surrounds it.
func scanArabic(s string, i int) (Quantity, int) {
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}

	// thousands separators and a decimal point
	for j < len(s) {
		if s[j] == ',' && j+3 < len(s)+0 && j+4 <= len(s) && isDigit(s[j+1]) && isDigit(s[j+2]) && isDigit(s[j+3]) && (j+4 == len(s) || !isDigit(s[j+4])) {
			j += 4
			continue
		}
		if s[j] == '.' && j+1 < len(s) && isDigit(s[j+1]) {
			k := j + 1
			for k < len(s) && isDigit(s[k]) {
				k++
			}
			j = k
			break
		}
		break
	}
	numText := s[i:j]
	v, ok := parseArabic(numText)
	q := Quantity{Start: i, NumStart: i, NumEnd: j}
	if !ok {
		q.Ordinal = true
		q.End = j
		return q, j
	}
	// A point between two small numbers is a festival date (3.15, 12.4).
	if dot := strings.IndexByte(numText, '.'); dot >= 0 && !strings.Contains(numText, ",") {
		m, _ := strconv.Atoi(numText[:dot])
		d, _ := strconv.Atoi(numText[dot+1:])
		if m >= 1 && m <= 12 && d >= 1 && d <= 31 && len(numText)-dot-1 <= 2 {
			q.DateLike = true // decided below if a unit follows
		}
	}
	// multipliers: 2万, 1.5 千
	k := skipSpaces(s, j)
	chinese := false
	for k < len(s) {
		r, size := utf8.DecodeRuneInString(s[k:])
		m, ok := chineseScales[r]
		if !ok || r == '十' || r == '百' && strings.HasPrefix(s[k:], "百分") {
			break
		}
		if r == '万' && strings.HasPrefix(s[k:], "万元") {
			break
		}
		v *= m
		k += size
		q.NumEnd = k
		chinese = true
	}
	q.Value = v
	q.Chinese = chinese
	end := q.NumEnd
	if hasASCIILetterAround(s, i, q.NumEnd) {
		q.Ordinal = true
		q.End = q.NumEnd
		return q, q.NumEnd
	}
	q.DateLike = q.DateLike || dateAround(s, i, j)
	end = readTail(s, &q, end)
	if q.Unit != "" && q.DateLike && strings.IndexByte(numText, '.') >= 0 && !isDateUnit(q.Unit) {
		q.DateLike = dateAround(s, i, j) // 3.5万元 is money, not a date
	}
	readPrefix(s, &q)
	if !q.DateLike && !q.Ordinal {
		q.Ordinal = ordinalAround(s, &q, j-i)
	}
	q.End = end
	return q, end
}

// scanChinese reads a run of Chinese numerals; it is a quantity only with a
// unit after it.
func scanChinese(s string, i int) (Quantity, int, bool) {
	j := i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !isChineseNumeral(r) && !(r == '点' && j > i && j+size < len(s) && nextIsDigitRune(s, j+size)) {
			break
		}
		j += size
	}
	first, _ := utf8.DecodeRuneInString(s[i:])
	if _, ok := chineseScales[first]; ok && first != '十' {
		return Quantity{}, j, false // 百姓, 千方百计, 万人空巷
	}
	if prev, _ := utf8.DecodeLastRuneInString(s[:i]); i > 0 && strings.ContainsRune(notNumberBefore, prev) {
		return Quantity{}, j, false
	}
	v, ok := parseChinese(s[i:j])
	if !ok {
		return Quantity{}, j, false
	}
	q := Quantity{Value: v, Start: i, NumStart: i, NumEnd: j, Chinese: true}
	end := readTail(s, &q, j)
	if q.DateLike && utf8.RuneCountInString(s[i:j]) == 4 {
		q.End = end
		return q, end, true // 二〇二二年
	}
	if q.Unit == "" || q.DateLike || isDateUnit(q.Unit) {
		return Quantity{}, j, false
	}
	// 一户一档, 一次性, 一部分, 一起 (together): set phrases, not counts.
	rest := s[end:]
	if v == 1 && (strings.HasPrefix(rest, "一") || strings.HasPrefix(rest, "性") ||
		q.Unit == "部" && strings.HasPrefix(rest, "分") ||
		q.Unit == "起" && !startsWithAny(rest, "纠纷", "矛盾", "案", "事", "信访", "投诉", "警情")) {
		return Quantity{}, j, false
	}
	readPrefix(s, &q)
	q.Ordinal = ordinalAround(s, &q, 0)
	q.End = end
	return q, end, true
}

func nextIsDigitRune(s string, j int) bool {
	r, _ := utf8.DecodeRuneInString(s[j:])
	_, ok := chineseDigits[r]
	return ok
}

// scanChinesePercent reads 百分之九十八 or 百分之98.5.
func scanChinesePercent(s string, i int) (Quantity, int, bool) {
	j := i + len("百分之")
	var q Quantity
	var end int
	if j < len(s) && isDigit(s[j]) {
		k := j
		for k < len(s) && (isDigit(s[k]) || s[k] == '.' && k+1 < len(s) && isDigit(s[k+1])) {
			k++
		}
		v, ok := parseArabic(s[j:k])
		if !ok {
			return q, j, false
		}
		q, end = Quantity{Value: v}, k
	} else {
		k := j
		for k < len(s) {
			r, size := utf8.DecodeRuneInString(s[k:])
			if !isChineseNumeral(r) && r != '点' {
				break
			}
			k += size
		}
		v, ok := parseChinese(s[j:k])
		if !ok {
			return q, k, false
		}
		q, end = Quantity{Value: v, Chinese: true}, k
	}
	q.Unit = "%"
	q.Start, q.NumStart, q.NumEnd = i, i, end
	readPrefix(s, &q)
	end = readSuffixQualifier(s, &q, end)
	q.End = end
	return q, end, true
}

// readTail reads 余/多, the unit and a qualifier after it, from offset j.
// It returns where the quantity ends.
func readTail(s string, q *Quantity, j int) int {
	k := skipSpaces(s, j)
	between := ""
	for _, w := range []string{"余", "多"} {
		if strings.HasPrefix(s[k:], w) {
			between = w
			k += len(w)
			break
		}
	}
	// 2万余份 after 余: a further multiplier (20余万人次)
	if between != "" {
		if r, size := utf8.DecodeRuneInString(s[k:]); (r == '万' || r == '千') && !strings.HasPrefix(s[k:], "万元") {
			q.Value *= chineseScales[r]
			k += size
		}
	}
	k2 := skipSpaces(s, k)
	for _, du := range dateUnits {
		if strings.HasPrefix(s[k2:], du) && between == "" {
			q.DateLike = true
			q.Unit = du
			return k2 + len(du)
		}
	}
	unit := ""
	for _, u := range units {
		if strings.HasPrefix(s[k2:], u) {
			unit = u
			break
		}
	}
	if unit == "" {
		if between != "" {
			q.Qualifier = QualAtLeast
			return k
		}
		return j
	}
	if unit == "‰" {
		q.Value /= 10
		unit = "%"
	}
	q.Unit = unit
	if between != "" {
		q.Qualifier = QualAtLeast
	}
	end := k2 + len(unit)
	return readSuffixQualifier(s, q, end)
}

func readSuffixQualifier(s string, q *Quantity, end int) int {
	k := skipSpaces(s, end)
	for _, sq := range suffixQualifiers {
		if strings.HasPrefix(s[k:], sq.word) {
			if q.Qualifier == "" || q.Qualifier == sq.qual {
				q.Qualifier = sq.qual
			}
			return k + len(sq.word)
		}
	}
	if q.Qualifier == "" && strings.HasPrefix(s[k:], "余") && q.Unit != "" {
		q.Qualifier = QualAtLeast
		return k + len("余")
	}
	return end
}

// readPrefix reads a qualifier word just before the number and moves
// q.Start back over it.
func readPrefix(s string, q *Quantity) {
	k := q.NumStart
	for k > 0 && s[k-1] == ' ' {
		k--
	}
	for _, pq := range prefixQualifiers {
		if strings.HasSuffix(s[:k], pq.word) {
			at := k - len(pq.word)
			if pq.word == "近" && (strings.HasSuffix(s[:at], "最") || strings.HasSuffix(s[:at], "附") || strings.HasSuffix(s[:at], "临") || strings.HasSuffix(s[:at], "就")) {
				return
			}
			if pq.word == "超" && strings.HasSuffix(s[:at], "赶") {
				return
			}
			if q.Qualifier == "" {
				q.Qualifier = pq.qual
			}
			q.Start = at
			return
		}
	}
}

// dateAround reports whether the digits s[i:j] are part of a date:
// 2022-10-27, 2022/10, 6·26, 1-10月, 2021.12.
func dateAround(s string, i, j int) bool {
	num := s[i:j]
	next := byte(0)
	if j < len(s) {
		next = s[j]
	}
	year := len(num) == 4 && (strings.HasPrefix(num, "19") || strings.HasPrefix(num, "20"))
	if year && (next == '-' || next == '/' || next == '.' || strings.HasPrefix(s[j:], "—") || strings.HasPrefix(s[j:], "~") || strings.HasPrefix(s[j:], "至")) {
		return true
	}
	// preceded by a date separator after digits: the 10 of 2022-10-27
	if i >= 2 && (s[i-1] == '-' || s[i-1] == '/') && isDigit(s[i-2]) {
		return true
	}
	for _, sep := range []string{"·", "・", "•"} {
		if strings.HasPrefix(s[j:], sep) && j+len(sep) < len(s) && isDigit(s[j+len(sep)]) {
			return true
		}
		if strings.HasSuffix(s[:i], sep) && i-len(sep) > 0 && isDigit(s[i-len(sep)-1]) {
			return true
		}
	}
	// 1-10月, 3至5月: the first number of a range of dates
	if next == '-' || next == '~' || strings.HasPrefix(s[j:], "至") || strings.HasPrefix(s[j:], "到") {
		k := j + 1
		if next != '-' && next != '~' {
			k = j + len("至")
		}
		l := k
		for l < len(s) && isDigit(s[l]) {
			l++
		}
		if l > k {
			for _, du := range dateUnits {
				if strings.HasPrefix(s[l:], du) {
					return true
				}
			}
		}
	}
	// 〔2022〕, [2022]: a document year
	if year && (strings.HasSuffix(s[:i], "〔") || strings.HasSuffix(s[:i], "[") || strings.HasSuffix(s[:i], "(")) &&
		(strings.HasPrefix(s[j:], "〕") || strings.HasPrefix(s[j:], "]") || strings.HasPrefix(s[j:], ")")) {
		return true
	}
	return false
}

// ordinalAround reports whether the number names or ranks something.
func ordinalAround(s string, q *Quantity, digits int) bool {
	before := strings.TrimRight(s[:q.NumStart], " ")
	if strings.HasSuffix(before, "第") || strings.HasSuffix(before, "拨打") || strings.HasSuffix(before, "编号") || strings.HasSuffix(before, "电话") {
		return true
	}
	after := s[q.NumEnd:]
	if q.Unit == "" {
		for _, w := range ordinalAfter {
			if strings.HasPrefix(strings.TrimLeft(after, " "), w) {
				return true
			}
		}
		if strings.HasPrefix(after, "是") || strings.HasPrefix(after, "、") && q.Chinese {
			return true
		}
		// telephone and account numbers
		if digits >= 7 {
			return true
		}
	}
	return false
}

func isDateUnit(u string) bool {
	for _, d := range dateUnits {
		if u == d {
			return true
		}
	}
	return false
}

func hasASCIILetterAround(s string, i, j int) bool {
	if i > 0 {
		if r, _ := utf8.DecodeLastRuneInString(s[:i]); r < 128 && unicode.IsLetter(r) {
			return true
		}
	}
	if j < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[j:]); r < 128 && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func skipSpaces(s string, i int) int {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

func startsWithAny(s string, ws ...string) bool {
	for _, w := range ws {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}
