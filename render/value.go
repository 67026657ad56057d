package render

import (
	"strconv"

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
func FormatValue(ind extract.Indicator) string { return string(appendValue(nil, &ind)) }

// appendValue appends FormatValue's text to b.
func appendValue(b []byte, ind *extract.Indicator) []byte {
	b = append(b, qualifierSign[ind.Qualifier]...)
	b = strconv.AppendFloat(b, ind.Value, 'f', -1, 64)
	switch ind.Unit {
	case "%":
		b = append(b, '%')
	case "":
	default:
		b = append(b, ' ')
		b = append(b, ind.Unit...)
	}
	if ind.Derived {
		b = append(b, '*')
	}
	return b
}

// scopeLabel shows a scope; achievement, the usual case, is blank.
var scopeLabel = map[extract.Scope]string{extract.ScopePlan: "计划", extract.ScopeProblem: "问题"}

// valueText writes a value of a comparison: the value, what kind of
// statement it is when not an achievement (计划), and how a group's figure
// was made (median of 3, 2 reports).
func valueText(v compare.Value) string { return string(appendValueText(nil, v)) }

// appendValueText appends valueText's text to b.
func appendValueText(b []byte, v compare.Value) []byte {
	b = appendValue(b, &v.Indicator)
	if l := scopeLabel[v.Scope]; l != "" {
		b = append(b, " ("+l+")"...)
	}
	switch {
	case v.Median > 0:
		b = append(b, " (median of "...)
		b = strconv.AppendInt(b, int64(v.Median), 10)
		b = append(b, ')')
	case v.Reports > 1:
		b = append(b, " ("...)
		b = strconv.AppendInt(b, int64(v.Reports), 10)
		b = append(b, " reports)"...)
	}
	if v.Change != nil {
		b = append(b, " ("...)
		b = append(b, changeText(*v.Change, v.Unit)...)
		b = append(b, ')')
	}
	if v.Rank > 0 {
		b = append(b, " #"...)
		b = strconv.AppendInt(b, int64(v.Rank), 10)
		b = append(b, '/')
		b = strconv.AppendInt(b, int64(v.RankOf), 10)
	}
	return b
}

// changeText writes a change from the year before: +10, +25% for a
// count, +1.7 pt, +1.8% for a rate, ~ in front when a value was qualified.
func changeText(c compare.Change, unit string) string {
	s := signed(c.Abs)
	if unit == "%" {
		s += " pt"
	}
	if c.HasPct() {
		s += ", " + signed(c.Pct) + "%"
	}
	if c.Approx {
		s = "~" + s
	}
	return s
}

// signed writes v with its sign: +10, -3.5, 0.
func signed(v float64) string {
	if v > 0 {
		return "+" + FormatNumber(v)
	}
	return FormatNumber(v)
}

// cellText writes a cell: its values joined, with their note numbers
// when notes is set; — when it is empty.
func cellText(c []compare.Value, notes bool) string {
	if len(c) == 0 {
		return "—"
	}
	var buf [64]byte
	b := buf[:0]
	for i, v := range c {
		if i > 0 {
			b = append(b, " / "...)
		}
		b = appendValueText(b, v)
		if notes && v.Note > 0 {
			b = append(b, " ["...)
			b = strconv.AppendInt(b, int64(v.Note), 10)
			b = append(b, ']')
		}
	}
	return string(b)
}
