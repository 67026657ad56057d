package render

import (
	"strconv"
	"strings"

	"baogao/compare"
	"baogao/extract"
)

// FormatNumber writes a value without float noise: 4000, 97.3.
func FormatNumber(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// qualifierSign is how a qualifier is shown in front of a value.
var qualifierSign = map[string]string{extract.QualAtLeast: "≥", extract.QualAbout: "~", extract.QualAtMost: "≤"}

// FormatValue writes a value as the report meant it: ≥4000 份, ~20000 人次,
// 98%, 100%* (derived).
func FormatValue(ind extract.Indicator) string {
	s := qualifierSign[ind.Qualifier] + FormatNumber(ind.Value)
	switch ind.Unit {
	case "%":
		s += "%"
	case "":
	default:
		s += " " + ind.Unit
	}
	if ind.Derived {
		s += "*"
	}
	return s
}

// scopeLabel shows a scope; achievement, the usual case, is blank.
var scopeLabel = map[extract.Scope]string{extract.ScopePlan: "计划", extract.ScopeProblem: "问题"}

// valueText writes a value of a comparison: the value, what kind of
// statement it is when not an achievement (计划), and how a group's figure
// was made (median of 3, 2 reports).
func valueText(v compare.Value) string {
	s := FormatValue(v.Indicator)
	if l := scopeLabel[v.Scope]; l != "" {
		s += " (" + l + ")"
	}
	switch {
	case v.Median > 0:
		s += " (median of " + strconv.Itoa(v.Median) + ")"
	case v.Reports > 1:
		s += " (" + strconv.Itoa(v.Reports) + " reports)"
	}
	return s
}

// cellText writes a cell: its values joined, with their note numbers
// when notes is set; — when it is empty.
func cellText(c []compare.Value, notes bool) string {
	if len(c) == 0 {
		return "—"
	}
	parts := make([]string, len(c))
	for i, v := range c {
		parts[i] = valueText(v)
		if notes && v.Note > 0 {
			parts[i] += " [" + strconv.Itoa(v.Note) + "]"
		}
	}
	return strings.Join(parts, " / ")
}
