package extract

import (
	"regexp"
	"sort"
	"strings"
)

// Scope says what kind of statement a number is.
type Scope string

// The scopes of the spec.
const (
	ScopeAchievement Scope = "achievement" // what was done
	ScopePlan        Scope = "plan"        // 下一步, 工作打算, 主要安排
	ScopeProblem     Scope = "problem"     // 存在问题, 不足
)

// Part names which of the parts that the 督察工作规定 requires of an annual
// report a section is.
type Part string

// The report parts.
const (
	PartMeasures    Part = "measures"          // 主要举措和成效
	PartProblems    Part = "problems"          // 存在的不足和原因
	PartResponsible Part = "first_responsible" // 党政主要负责人履行第一责任人职责
	PartPlan        Part = "plan"              // 下一年度主要安排
	PartOther       Part = "other"             // 其他需要报告的情况
)

// Section is one heading of the report and the text under it.
type Section struct {
	Heading string // the heading as written, without the text that follows it on its line
	Path    string // headings from the top, joined by " > "
	Level   int    // 1 for 一、, 2 for (一), 3 for 1., 4 for (1)
	Scope   Scope
	Part    Part // "" when the heading says nothing about it
	// Start and End span the section in the text, heading included,
	// up to the next heading of the same or a higher level.
	Start, End int
	// HeadEnd is where the heading ends.
	HeadEnd int
	Parent  int // index of the parent in Result.Sections, -1 at the top
}

// headingLevels are the heading markers of Chinese official documents, in
// rank order.
var headingLevels = []*regexp.Regexp{
	regexp.MustCompile(`^第[一二三四五六七八九十]{1,3}(?:部分|章)`),
	regexp.MustCompile(`^[一二三四五六七八九十]{1,3}、`),
	regexp.MustCompile(`^[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]`),
	regexp.MustCompile(`^\d{1,2}\s*(?:\.|、)(?:[^\d]|$)`),
	regexp.MustCompile(`^[(（]\s*\d{1,2}\s*[)）]`),
}

var (
	planHeadRE    = mustMatcher(`下一步|下步|打算|工作计划|计划安排|主要安排|工作安排|工作思路|今后|努力方向|工作谋划|明年|展望`)
	problemHeadRE = mustMatcher(`存在的?问题|问题和不足|问题与不足|不足|差距|短板|薄弱环节|困难和问题`)
	respHeadRE    = mustMatcher(`第一责任人|主要负责人`)
	otherHeadRE   = mustMatcher(`^\S{1,4}其他|其他需要报告|其他情况`)
	measureHeadRE = mustMatcher(`举措|成效|措施|主要工作|工作情况|完成情况|做法|成绩|开展情况`)
)

// maxHeadingRunes is the longest heading kept; past it, a heading line
// without a full stop is a paragraph that happens to start with a number.
const maxHeadingRunes = 60

// MaxSections is the most headings read of one report. A report has tens
// of them; a file of millions of short numbered lines (a list, a table
// dump) would otherwise be a section tree of hundreds of MB. The lines
// after the last one are read as text of that section.
const MaxSections = 2000

// parseSections finds the headings of text, the first MaxSections of them,
// and builds the section tree.
func parseSections(text string) []Section {
	var secs []Section
	var stack []int // indexes into secs, outermost first
	off := 0
	for line := range strings.SplitAfterSeq(text, "\n") {
		if len(secs) == MaxSections {
			break
		}
		start := off
		off += len(line)
		l := strings.TrimRight(line, "\n")
		level := headingLevel(l)
		if level == 0 {
			continue
		}
		head := l
		if i := strings.Index(l, "。"); i >= 0 {
			head = l[:i]
		} else if len([]rune(l)) > maxHeadingRunes {
			continue
		}
		for len(stack) > 0 && secs[stack[len(stack)-1]].Level >= level {
			secs[stack[len(stack)-1]].End = start
			stack = stack[:len(stack)-1]
		}
		s := Section{Heading: strings.TrimSpace(head), Level: level, Start: start, HeadEnd: start + len(head), Parent: -1}
		s.Path = s.Heading
		s.Scope, s.Part = ScopeAchievement, ""
		if len(stack) > 0 {
			p := secs[stack[len(stack)-1]]
			s.Parent = stack[len(stack)-1]
			s.Path = p.Path + " > " + s.Heading
			s.Scope, s.Part = p.Scope, p.Part
		}
		if sc, pt := headingScope(s.Heading); sc != "" {
			s.Scope = sc
			if pt != "" {
				s.Part = pt
			}
		} else if pt != "" {
			s.Part = pt
		}
		if s.Parent < 0 && s.Part == "" {
			s.Part = PartMeasures
		}
		secs = append(secs, s)
		stack = append(stack, len(secs)-1)
	}
	for _, i := range stack {
		secs[i].End = len(text)
	}
	return secs
}

// headingLevel returns the rank of l's heading marker, 0 when it has none.
func headingLevel(l string) int {
	for i, re := range headingLevels {
		if re.MatchString(l) {
			return i + 1
		}
	}
	return 0
}

// headingScope reads a heading's scope and report part from its words. A
// heading that names problems and plans together (存在问题及下一步打算) is a
// problem section whose plan sentences switch scope on their own.
func headingScope(h string) (Scope, Part) {
	switch {
	case problemHeadRE.MatchString(h):
		return ScopeProblem, PartProblems
	case planHeadRE.MatchString(h):
		return ScopePlan, PartPlan
	case respHeadRE.MatchString(h):
		return ScopeAchievement, PartResponsible
	case otherHeadRE.MatchString(h):
		return "", PartOther
	case measureHeadRE.MatchString(h):
		return ScopeAchievement, PartMeasures
	}
	return "", ""
}

// innermost returns the index of the deepest section containing offset, -1
// for text before the first heading. Sections nest, in text order: the
// deepest holding offset is the last to start at or before it, or the
// nearest of its parents that still holds offset. A report of a million
// headings is read in n log n, not n².
func innermost(secs []Section, offset int) int {
	i := sort.Search(len(secs), func(i int) bool { return secs[i].Start > offset }) - 1
	for i >= 0 && offset >= secs[i].End {
		i = secs[i].Parent
	}
	return i
}
