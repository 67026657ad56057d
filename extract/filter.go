package extract

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Filter selects reports by place and year; empty fields select
// everything. A name matches with or without its level word: 蓝山 selects
// 蓝山县, and 王团镇 a report whose town is written 王团.
type Filter struct {
	Towns    []string // any of them
	Counties []string // any of them
	From, To int      // years, inclusive; 0 leaves that end open
}

// IsZero reports whether f selects everything.
func (f Filter) IsZero() bool {
	return len(f.Towns) == 0 && len(f.Counties) == 0 && f.From == 0 && f.To == 0
}

// Selects reports whether f takes the report s.
func (f Filter) Selects(s Source) bool {
	return matchesAny(f.Towns, s.Town) && matchesAny(f.Counties, s.County) && f.SelectsYear(s.Year)
}

// SelectsYear reports whether f's years take year y.
func (f Filter) SelectsYear(y int) bool {
	return (f.From == 0 || y >= f.From) && (f.To == 0 || y <= f.To)
}

func matchesAny(wants []string, name string) bool {
	if len(wants) == 0 {
		return true
	}
	for _, w := range wants {
		if NameMatches(w, name) {
			return true
		}
	}
	return false
}

// levelWords end the names of towns and counties, longest first.
var levelWords = []string{"街道办事处", "自治县", "自治旗", "民族乡", "街道", "苏木", "镇", "乡", "县", "区", "市", "旗"}

// NameMatches reports whether a place written want (by a user) names the
// place written name (by a report): the same, or one of them is the other
// without its level word (蓝山 and 蓝山县). Two names with different level
// words (蓝山县, 蓝山区) do not match.
func NameMatches(want, name string) bool {
	want, name = strings.TrimSpace(want), strings.TrimSpace(name)
	if want == "" || name == "" {
		return want == name
	}
	return want == name || stem(name) == want || stem(want) == name
}

// stem returns name without its level word, or name when what is left
// would be shorter than two characters (乡, 和县).
func stem(name string) string {
	for _, w := range levelWords {
		if s, ok := strings.CutSuffix(name, w); ok && utf8.RuneCountInString(s) >= 2 {
			return s
		}
	}
	return name
}

// YearsError says why a years text could not be read.
type YearsError struct {
	Text     string // as given
	Reversed bool   // a range whose end comes before its start
	From, To int    // the range as written, when Reversed
}

func (e *YearsError) Error() string {
	if e.Reversed {
		return fmt.Sprintf("%s is reversed; did you mean %d-%d?", e.Text, e.To, e.From)
	}
	return fmt.Sprintf("%q: want a year (2024) or years (2021-2024, 2021-)", e.Text)
}

// ParseYears reads 2023, 2021-2024 or 2021- as a filter's years; "" is
// every year (0, 0) and 2021- has no end (2021, 0). A text it cannot read
// is a *YearsError.
func ParseYears(s string) (from, to int, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, 0, nil
	}
	bad := &YearsError{Text: s}
	a, b, isRange := strings.Cut(s, "-")
	if from, err = strconv.Atoi(strings.TrimSpace(a)); err != nil {
		return 0, 0, bad
	}
	if !isRange {
		return from, from, nil
	}
	if strings.TrimSpace(b) == "" {
		return from, 0, nil
	}
	if to, err = strconv.Atoi(strings.TrimSpace(b)); err != nil {
		return 0, 0, bad
	}
	if to < from {
		return 0, 0, &YearsError{Text: s, Reversed: true, From: from, To: to}
	}
	return from, to, nil
}
