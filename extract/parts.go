package extract

// requiredParts are the parts the 督察工作规定 requires of an annual report,
// with what a heading says to stand for one. They are read more widely
// than a section's scope: 工作安排 and 履行…职责 name a part, though 安排 alone
// does not make a section a plan.
var requiredParts = []struct {
	RequiredPart
	head *matcher
}{
	{RequiredPart{PartMeasures, "上一年度推进法治政府建设的主要举措和成效"}, mustMatcher(`举措|成效|措施|主要工作|工作情况|完成情况|做法|成绩|开展情况`)},
	{RequiredPart{PartProblems, "存在的不足和原因"}, mustMatcher(`问题|不足|差距|短板|薄弱`)},
	{RequiredPart{PartResponsible, "党政主要负责人履行推进法治建设第一责任人职责的情况"}, mustMatcher(`第一责任人|主要负责人|履行.{0,6}职责`)},
	{RequiredPart{PartPlan, "下一年度推进法治政府建设的主要安排"}, mustMatcher(`下一步|下步|打算|安排|计划|思路|今后|明年|努力方向|工作谋划|展望`)},
}

// RequiredPart is one part every annual report must have.
type RequiredPart struct {
	Part Part
	Name string // as the 督察工作规定 names it
}

// RequiredParts lists the parts every annual report must have, in the
// order the 督察工作规定 gives them.
func RequiredParts() []RequiredPart {
	out := make([]RequiredPart, len(requiredParts))
	for i, p := range requiredParts {
		out[i] = p.RequiredPart
	}
	return out
}

// Parts returns the required parts section s stands for: its Part, and
// every other part its heading names, since a heading may serve two
// (存在问题及下一步打算).
func (s Section) Parts() []Part {
	var out []Part
	if s.Part != "" {
		out = append(out, s.Part)
	}
	for _, p := range requiredParts {
		if p.Part != s.Part && p.head.MatchString(s.Heading) {
			out = append(out, p.Part)
		}
	}
	return out
}
