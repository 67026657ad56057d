package extract

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Who did what a value counts
//
// A value's subject is the body the report credits with it when that is
// not the town as a whole: 王团派出所共排查各类矛盾纠纷50起 is the police
// station's count, and a comparison keeps it on a row of its own. The
// subject is the organisation noun that is the subject of the clause
// holding the number: the nearest one before the number in its clause,
// else in the sentence's first clause, else, for a sentence that names no
// actor of its own (据悉，全年累计办理…), the one the paragraph was speaking
// of; a sentence about 此次活动 looks back to where the activity was told.
// A body that is the object of a clause (联合司法所, 依托综治中心, 在派出所)
// or one of a list of departments (宣传室、司法所、综治办等部门) is not the
// subject, and a word for the town itself (我镇, 全镇, 镇党委) makes the
// subject the town.

// bodyNames maps the words that name a body other than the town to the
// subject recorded: the common short name, so that one body reads the
// same in every report.
var bodyNames = map[string]string{
	"司法所": "司法所", "司法局": "司法局",
	"派出所": "派出所", "公安局": "公安局", "公安分局": "公安局", "警务室": "警务室", "警务站": "警务室",
	"人民法庭": "法庭", "法庭": "法庭", "巡回法庭": "法庭", "人民法院": "法院", "检察院": "检察院",
	"综治中心": "综治中心", "综治办": "综治中心", "社会治安综合治理中心": "综治中心", "综合治理中心": "综治中心",
	"综治工作中心": "综治中心", "综治维稳中心": "综治中心",
	"矛调中心": "矛调中心", "多调中心": "矛调中心", "矛盾纠纷调处化解中心": "矛调中心", "调处化解中心": "矛调中心",
	"矛盾纠纷多元化解中心": "矛调中心", "矛盾纠纷调解中心": "矛调中心", "矛盾调处中心": "矛调中心",
	"社会治理中心": "社会治理中心", "社会治理综合服务中心": "社会治理中心",
	"信访办": "信访办", "信访办公室": "信访办", "信访接待中心": "信访办", "信访接待室": "信访办",
	"法律顾问": "法律顾问", "公共法律服务站": "公共法律服务站", "公共法律服务工作站": "公共法律服务站",
	"公共法律服务中心": "公共法律服务中心", "法律援助工作站": "法律援助工作站", "法律援助站": "法律援助工作站",
	"综合执法队": "综合执法队", "综合行政执法队": "综合执法队", "综合执法大队": "综合执法队", "综合执法中队": "综合执法队",
	"执法队": "综合执法队", "执法中队": "综合执法队", "综合执法办公室": "综合执法队", "综合行政执法办公室": "综合执法队",
	"人民调解委员会": "调委会", "调解委员会": "调委会", "调委会": "调委会",
	"调解室": "调解室", "调解工作室": "调解工作室", "工作室": "工作室",
	"禁毒办": "禁毒办", "律师事务所": "律师事务所",
	"志愿服务队": "志愿服务队", "志愿者服务队": "志愿服务队", "律师服务团": "律师团", "律师团": "律师团",
	"法律服务团": "法律服务团", "宣讲团": "宣讲团", "便民服务中心": "便民服务中心",
}

// centreWord is how text goes on naming a centre it has named in full
// (社会治安综合治理中心…中心建立…): a bare 中心 at the start of a clause is
// the last centre named before it.
const centreWord = "中心"

// namedBodies are the bodies known by their own name, kept with it when
// the report quotes it: “老杨”调解工作室.
var namedBodies = map[string]bool{"调解室": true, "调解工作室": true, "工作室": true, "志愿服务队": true, "宣讲团": true}

// townWords name the town itself, or all of its departments.
var townWords = []string{"我镇", "全镇", "本镇", "我乡", "全乡", "本乡", "我街道", "全街道", "本街道",
	"镇党委", "镇政府", "乡党委", "乡政府", "街道党工委", "街道办事处", "各部门"}

// subjectRE finds body and town words; at one place the longest wins.
var subjectRE = func() *matcher {
	words := append([]string(nil), townWords...)
	words = append(words, centreWord)
	for w := range bodyNames {
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool {
		if len(words[i]) != len(words[j]) {
			return len(words[i]) > len(words[j])
		}
		return words[i] < words[j]
	})
	return mustMatcher(strings.Join(words, "|"))
}()

// isTownWord reports whether w names the town itself.
func isTownWord(w string) bool {
	for _, t := range townWords {
		if w == t {
			return true
		}
	}
	return false
}

// objectMarks are words that, between the start of a clause and a body,
// make the body the object of the clause: 联合司法所, 依托综治中心.
var objectMarks = []string{"联合", "会同", "协同", "依托", "通过", "借助", "发挥", "组织", "邀请", "配合", "协助",
	"整合", "联动", "来到", "走进", "深入", "下设", "设在", "设立", "成立", "建立", "针对", "按照", "根据", "依据",
	"指导", "督促", "要求", "推动", "推进", "加强", "强化", "完善", "打造", "建设", "挂牌", "入驻", "进驻", "抽调",
	"协调", "对接", "健全", "组建", "设置", "配备", "选聘", "聘请", "签订", "创建", "召开", "举办", "开展",
	"实行", "推行", "实施", "落实", "覆盖", "包括", "涵盖",
	// Words of one character that place names hardly contain mark
	// anywhere in the clause; 和, 同, 向, 于, 将, 经 and 让 begin or sit
	// in many names, and mark only at the clause's start.
	"在", "是", "由", "与", "对", "把", "为", "给", "到", "赴", "被", "跟"}

// aroundMarks, right after a body, make it what something is built
// around, not an actor: 以镇调委会为中心、村调委会为基础.
var aroundMarks = []string{"为中心", "为基础", "为主体", "为依托", "为抓手", "为载体", "为平台", "为龙头", "为主导", "为核心"}

// leadMarks are object marks that mark only at the start of a clause.
var leadMarks = []string{"和", "同", "向", "于", "将", "经", "让", "以"}

// maxClauseLookBytes bounds how far back the start of a body's clause is
// looked for: past it, text without punctuation is not one clause anyway.
const maxClauseLookBytes = 60 * 3

// bodyEnds are the characters most names of bodies end in.
const bodyEnds = "办所站室心局队会庭院委组问"

// clauseMarks end the clause before a body.
const clauseMarks = "，。；：、,;:！？!?\n “”\"（）()"

// isSubjectPosition reports whether the body at [a, b) of text is the
// subject of its clause: no object mark stands between the clause's start
// (a comma, or the 、 between enumerated clauses) and it, and it is not
// one of a list of bodies (宣传室、司法所、综治办等部门).
func isSubjectPosition(text string, a, b int) bool {
	if text[a:b] == centreWord {
		// Only a clause's first word: 中心建立…, 该中心…; not 活动中心,
		// 中心工作 or 理论学习中心组.
		before := strings.TrimSuffix(strings.TrimSuffix(text[:a], "该"), "本")
		r, _ := utf8.DecodeLastRuneInString(before)
		if before != "" && !strings.ContainsRune(clauseMarks, r) {
			return false
		}
		if next, _ := utf8.DecodeRuneInString(text[b:]); next == '组' || strings.HasPrefix(text[b:], "工作") || strings.HasPrefix(text[b:], "任务") {
			return false
		}
	}
	if r, _ := utf8.DecodeRuneInString(text[b:]); r == '、' || r == '等' || r == '和' || r == '及' || r == '与' {
		return false
	}
	for _, w := range aroundMarks {
		if strings.HasPrefix(text[b:], w) {
			return false
		}
	}
	from := runeBoundary(text, max(0, a-maxClauseLookBytes))
	cs := strings.LastIndexAny(text[from:a], clauseMarks)
	if cs >= 0 {
		cs += from
		// The last of a list: 镇政府平安办、司法所举办…, 镇司法所、村法律顾问到村….
		if strings.HasPrefix(text[cs:], "、") {
			if r, _ := utf8.DecodeLastRuneInString(text[:cs]); strings.ContainsRune(bodyEnds, r) {
				return false
			}
		}
		_, size := utf8.DecodeRuneInString(text[cs:])
		cs += size
	} else {
		cs = from
	}
	part := text[cs:a]
	for _, w := range objectMarks {
		if strings.Contains(part, w) {
			return false
		}
	}
	for _, w := range leadMarks {
		if strings.HasPrefix(part, w) {
			return false
		}
	}
	return true
}

// bodySubject returns the subject a body word at [a, b) of text records.
func bodySubject(text string, a, b int) string {
	w := text[a:b]
	if w == centreWord {
		return lastCentre(text[runeBoundary(text, max(0, a-maxTopicBytes)):a])
	}
	s := bodyNames[w]
	if !aboveTown[s] && actsJointly(text[b:runeBoundary(text, min(len(text), b+maxClauseLookBytes))]) {
		return "" // the town's departments together are the town
	}
	if namedBodies[w] {
		if name := bodyName(text, a); name != "" {
			return name + w
		}
	}
	return s
}

// maxBodyNameRunes is the longest own name of a body: 老杨, 和事佬.
const maxBodyNameRunes = 6

// bodyName returns the name a body is known by, written right before its
// word at offset a: quoted (“老杨”调解工作室), or the few characters that
// open the clause (老李调解室成立以来); "" when there is none, or when what
// stands there is a place (镇调解室).
func bodyName(text string, a int) string {
	before := text[runeBoundary(text, max(0, a-(maxBodyNameRunes+2)*3)):a]
	if strings.HasSuffix(before, "”") {
		if q := strings.LastIndex(before, "“"); q >= 0 {
			return strings.Trim(before[q:], "“”")
		}
		return ""
	}
	cs := strings.LastIndexAny(before, clauseMarks)
	if cs < 0 {
		return ""
	}
	_, size := utf8.DecodeRuneInString(before[cs:])
	name := before[cs+size:]
	n := utf8.RuneCountInString(name)
	if n < 2 || n > 4 || strings.ContainsAny(name, "镇乡村街县区市") {
		return ""
	}
	for _, r := range name {
		if r < 0x4E00 || r > 0x9FFF {
			return ""
		}
	}
	return name
}

// aboveTown are the bodies of the county or higher, and the courts'
// tribunals: what they do in a town is theirs, even done jointly with the
// town's departments.
var aboveTown = map[string]bool{"司法局": true, "公安局": true, "法院": true, "检察院": true, "法庭": true}

// jointMarks say that the actor works together with other bodies.
var jointMarks = []string{"联合", "会同", "协同", "携手", "联同"}

// actsJointly reports whether the clause that rest opens says its actor
// works jointly with another body (综治中心联合司法所、派出所…开展…): a
// town's departments working together are the town at work.
func actsJointly(rest string) bool {
	if i := strings.IndexAny(rest, "，。；：,;:！？!?\n"); i >= 0 {
		rest = rest[:i]
	}
	for _, w := range jointMarks {
		if i := strings.Index(rest, w); i >= 0 && i <= 4*3 && subjectRE.MatchString(rest[i:]) {
			return true
		}
	}
	return false
}

// activityRE finds a sentence that speaks of an activity told before it.
var activityRE = mustMatcher(`此次|本次|这次|该次|活动期间|活动当天|活动现场`)

// continuesRE finds the openings of a sentence that goes on telling what
// the one before told, without naming an actor: 据悉，今年以来，全年累计….
// A sentence that opens with a verb (培养法律明白人159人) is a new item of
// the town's own work.
var continuesRE = mustMatcher(`^(?:据悉|据了解|据统计|据介绍|今年以来|今年来|年初以来|截至|截止|目前|全年|其中|累计|共计|共|此外|同时|\d{4}年(?:以来|来)?|运行以来|成立以来)`)

// maxTopicBytes is how far back a sentence about 此次活动 looks for who
// held the activity: the few paragraphs of a news item.
const maxTopicBytes = 3000

// topic returns who the text before a sentence was speaking of: the
// nearest body or town word in subject position in the paragraph (for a
// sentence about 此次活动, in the few paragraphs before). ok is false when
// none is named there.
func (e *run) topic(para, s span) (string, bool) {
	from := max(para.start, runeBoundary(e.text, max(0, s.start-maxTopicBytes)))
	switch sent := e.masked[s.start:s.end]; {
	case activityRE.MatchString(sent):
		from = runeBoundary(e.text, max(0, s.start-maxTopicBytes))
	case !continuesRE.MatchString(enumLeadRE.ReplaceAllString(sent, "")):
		return "", false
	}
	if from >= s.start {
		return "", false
	}
	// The town's own name as an actor (群科镇通过…) speaks of the town.
	townAt := -1
	if at := e.townActors(from, s.start); len(at) > 0 {
		townAt = at[len(at)-1]
	}
	ms := subjectRE.FindAllStringIndex(e.masked[from:s.start], -1)
	if from < para.start {
		// An activity is credited to whoever the text first says held
		// it: the lead of a news item.
		return e.leadActor(from, s.start, ms)
	}
	for k := len(ms) - 1; k >= 0; k-- {
		a, b := from+ms[k][0], from+ms[k][1]
		if a < townAt {
			break
		}
		if !isSubjectPosition(e.text, a, b) || e.quoted[a] {
			continue
		}
		w := e.text[a:b]
		if isTownWord(w) {
			return "", true
		}
		return bodySubject(e.text, a, b), true
	}
	return "", townAt >= 0
}

// lastCentre returns the subject of the last centre named in full in
// text, or "" when none is.
func lastCentre(text string) string {
	best, at := "", -1
	for w, subj := range bodyNames {
		if !strings.HasSuffix(w, centreWord) {
			continue
		}
		if i := strings.LastIndex(text, w); i > at || i == at && i >= 0 && len(subj) > len(best) {
			best, at = subj, i
		}
	}
	return best
}

// leadActor returns the first actor named in subject position in
// [from, to): the town (its name or a town word) or a body, where a run of
// body names with nothing between them (巴南区司法局麻柳嘴司法所) is the
// last of them.
func (e *run) leadActor(from, to int, ms [][]int) (string, bool) {
	townAt := -1
	if at := e.townActors(from, to); len(at) > 0 {
		townAt = at[0]
	}
	for k := 0; k < len(ms); k++ {
		a, b := from+ms[k][0], from+ms[k][1]
		if townAt >= 0 && townAt < a {
			return "", true
		}
		if !isSubjectPosition(e.text, a, b) || e.quoted[a] {
			continue
		}
		// The body a nested name ends in.
		for k+1 < len(ms) {
			na, nb := from+ms[k+1][0], from+ms[k+1][1]
			if !isNameGap(e.text[b:na]) {
				break
			}
			a, b = na, nb
			k++
		}
		if isTownWord(e.text[a:b]) {
			return "", true
		}
		return bodySubject(e.text, a, b), true
	}
	return "", townAt >= 0
}

// townActors returns where, in [from, to), the town's own name stands as
// an actor: in subject position, and not the start of a body's name
// (陈官镇矛调中心 names the centre).
func (e *run) townActors(from, to int) []int {
	if e.town == "" {
		return nil
	}
	var out []int
	for at := from; at < to; {
		i := strings.Index(e.text[at:to], e.town)
		if i < 0 {
			break
		}
		a := at + i
		if isSubjectPosition(e.text, a, a+len(e.town)) && !e.opensBody(a+len(e.town)) {
			out = append(out, a)
		}
		at = a + len(e.town)
	}
	return out
}

// isNameGap reports whether gap can stand inside one body's name, between
// a place or parent body and the body's own word (巴南区司法局|麻柳嘴|司法所,
// 陈官镇|社会矛盾纠纷调处化解|中心): a few characters, no clause mark, no
// verb of the clause and no 政府.
func isNameGap(gap string) bool {
	if runeLen(gap) > 10 || strings.ContainsAny(gap, clauseMarks) || strings.Contains(gap, "政府") {
		return false
	}
	for _, w := range objectMarks {
		if strings.Contains(gap, w) {
			return false
		}
	}
	return true
}
