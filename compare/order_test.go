package compare

import (
	"slices"
	"testing"

	"baogao/extract"
)

func TestOrderBy(t *testing.T) {
	rate := []Column{{Term: "调解成功率", ID: "mediation_success_rate", Label: "调解成功率"}}
	reports := []extract.Source{wangtuan, yuwang, kaicheng, nowhere}
	recs := []extract.Record{
		rec(wangtuan, "mediation_success_rate", 98, "%"),
		rec(yuwang, "mediation_success_rate", 80, "%"),
		rec(kaicheng, "mediation_success_rate", 100, "%"),
	}
	for _, tc := range []struct {
		name string
		col  int
		desc bool
		want []string
	}{
		{"2024 ascending", 1, false, []string{"预旺镇 (同心县)", "王团镇 (同心县)", "开城镇 (原州区)", "某镇"}},
		{"2024 descending", 1, true, []string{"王团镇 (同心县)", "预旺镇 (同心县)", "开城镇 (原州区)", "某镇"}},
		{"2023 descending", 0, true, []string{"开城镇 (原州区)", "预旺镇 (同心县)", "王团镇 (同心县)", "某镇"}},
		{"no such column", 7, false, []string{"预旺镇 (同心县)", "王团镇 (同心县)", "开城镇 (原州区)", "某镇"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tab := Build(rate, reports, recs, Options{})
			OrderBy(tab, tc.col, tc.desc)
			var got []string
			for _, r := range tab.Rows {
				got = append(got, r.Label)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("rows %q, want %q", got, tc.want)
			}
		})
	}
}
