package compare

import (
	"fmt"
	"strings"
	"testing"

	"baogao/extract"
)

// dumpChanges writes each row's values with the reports a group's value
// sums, their change and rank: 60起 Δ+10(+20%) #1/3.
func dumpChanges(t *Table) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", strings.Join(t.Columns, " | "))
	for _, r := range t.Rows {
		b.WriteString(r.Label)
		for _, c := range r.Cells {
			b.WriteString(" |")
			if len(c) == 0 {
				b.WriteString(" —")
			}
			for _, v := range c {
				fmt.Fprintf(&b, " %s%v%s", v.Qualifier, v.Value, v.Unit)
				if v.Reports > 0 {
					fmt.Fprintf(&b, "(%d reports)", v.Reports)
				}
				if ch := v.Change; ch != nil {
					fmt.Fprintf(&b, " Δ%+g", ch.Abs)
					if ch.HasPct() {
						fmt.Fprintf(&b, "(%+g%%)", ch.Pct)
					}
					if ch.Approx {
						b.WriteString("~")
					}
				}
				if v.Rank > 0 {
					fmt.Fprintf(&b, " #%d/%d", v.Rank, v.RankOf)
				}
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

// Three years of 预旺镇 and 王团镇, and 开城镇 of another county.
func yearsOf(s extract.Source, y int) extract.Source {
	s.Year = y
	s.Path = strings.Replace(s.Path, "2024", fmt.Sprint(y), 1)
	return s
}

func TestChangeAndRank(t *testing.T) {
	yw22, yw23, yw24 := yearsOf(yuwang, 2022), yearsOf(yuwang, 2023), yuwang
	wt23, wt24 := yearsOf(wangtuan, 2023), wangtuan
	kc23, kc24 := kaicheng, yearsOf(kaicheng, 2024)
	reports := []extract.Source{yw22, yw23, yw24, wt23, wt24, kc23, kc24}
	recs := []extract.Record{
		rec(yw22, "disputes_handled", 40, "起"), rec(yw23, "disputes_handled", 50, "起"), rec(yw24, "disputes_handled", 60, "起"),
		rec(wt23, "disputes_handled", 0, "起"), rec(wt24, "disputes_handled", 60, "起", "q=>="),
		rec(wt24, "disputes_handled", 129, "件", "sub=司法所"),
		rec(kc23, "disputes_handled", 80, "起"), rec(kc24, "disputes_handled", 30, "件"),
		rec(yw23, "mediation_success_rate", 95.1, "%"), rec(yw24, "mediation_success_rate", 96.8, "%"),
		rec(wt24, "mediation_success_rate", 98, "%"),
	}
	for _, c := range []struct {
		name string
		cols []Column
		opt  Options
		want string
	}{
		{"a table of years: change from the year before, rank within each year",
			[]Column{handledCol}, Options{Change: true, Rank: true},
			`2022 | 2023 | 2024
预旺镇 (同心县) | 40起 #1/1 | 50起 Δ+10(+25%) #2/3 | 60起 Δ+10(+20%) #1/2
王团镇 (同心县) | — | 0起 #3/3 | >=60起 Δ+60~ #1/2
王团镇 (同心县) · 司法所 | — | — | 129件
开城镇 (原州区) | — | 80起 #1/3 | 30件
`},
		{"a review sheet: the same town's row a year before; a rate's change in points, rounded as written",
			[]Column{handledCol, rateCol}, Options{Change: true},
			`矛盾纠纷排查调处数 | 调解成功率
预旺镇 · 2022 (同心县) | 40起 | —
预旺镇 · 2023 (同心县) | 50起 Δ+10(+25%) | 95.1%
预旺镇 · 2024 (同心县) | 60起 Δ+10(+20%) | 96.8% Δ+1.7(+1.8%)
王团镇 · 2023 (同心县) | 0起 | —
王团镇 · 2024 (同心县) | >=60起 Δ+60~ | 98%
王团镇 · 2024 (同心县) · 司法所 | 129件 | —
开城镇 · 2023 (原州区) | 80起 | —
开城镇 · 2024 (原州区) | 30件 | —
`},
		{"ranks within the county",
			[]Column{handledCol}, Options{Rank: true, RankWithin: ByCounty},
			`2022 | 2023 | 2024
预旺镇 (同心县) | 40起 #1/1 | 50起 #1/2 | 60起 #1/2
王团镇 (同心县) | — | 0起 #2/2 | >=60起 #1/2
王团镇 (同心县) · 司法所 | — | — | 129件
开城镇 (原州区) | — | 80起 #1/1 | 30件
`},
		{"groups are ranked among the groups",
			[]Column{handledCol}, Options{Rank: true, By: ByCounty},
			`2022 | 2023 | 2024
同心县 (吴忠市) | 40起 #1/1 | 50起(2 reports) #2/2 | >=120起(2 reports) #1/1
原州区 (固原市) | — | 80起 #1/2 | 30件
`},
	} {
		if got := dumpChanges(Build(c.cols, reports, recs, c.opt)); got != c.want {
			t.Errorf("%s:\n got\n%s\nwant\n%s", c.name, got, c.want)
		}
	}
}
