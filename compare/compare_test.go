package compare

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"baogao/extract"
)

// Literal reports: two towns of 同心县 (吴忠市), one of 原州区 (固原市), and
// one that could not be placed.
var (
	wangtuan = extract.Source{Path: "/r/王团镇-2024.txt", Town: "王团镇", County: "同心县", City: "吴忠市", Province: "宁夏回族自治区", Code: "640324105", Year: 2024}
	yuwang   = extract.Source{Path: "/r/预旺镇-2024.txt", Town: "预旺镇", County: "同心县", City: "吴忠市", Province: "宁夏回族自治区", Code: "640324102", Year: 2024}
	kaicheng = extract.Source{Path: "/r/开城镇-2023.txt", Town: "开城镇", County: "原州区", City: "固原市", Province: "宁夏回族自治区", Code: "640402102", Year: 2023}
	nowhere  = extract.Source{Path: "/r/某镇.txt", Town: "某镇", Year: 2024}
)

// rec makes a record: value and unit, then options "sub=派出所", "q=>=",
// "plan", "derived", "ev=sentence".
func rec(s extract.Source, id string, value float64, unit string, opts ...string) extract.Record {
	r := extract.Record{Source: s, Indicator: extract.Indicator{ID: id, Value: value, Unit: unit, Scope: extract.ScopeAchievement}}
	if rule := extract.DefaultCatalogue.Rule(id); rule != nil {
		r.Label = rule.Label
	}
	for _, o := range opts {
		k, v, _ := strings.Cut(o, "=")
		switch k {
		case "sub":
			r.Subject = v
		case "q":
			r.Qualifier = v
		case "plan":
			r.Scope = extract.ScopePlan
		case "derived":
			r.Derived = true
		case "ev":
			r.Evidence = v
		case "seq":
			fmt.Sscan(v, &r.Seq)
		}
	}
	return r
}

// dump writes a table as one line per row: label, then each cell's values
// with their markers.
func dump(t *Table) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s | %s\n", t.Name, strings.Join(t.Columns, " | "))
	for _, r := range t.Rows {
		b.WriteString(r.Label)
		for _, c := range r.Cells {
			b.WriteString(" |")
			if len(c) == 0 {
				b.WriteString(" —")
			}
			for _, v := range c {
				fmt.Fprintf(&b, " %s%v%s", v.Qualifier, v.Value, v.Unit)
				if v.Derived {
					b.WriteString("*")
				}
				if v.Reports > 0 {
					fmt.Fprintf(&b, "(%d reports)", v.Reports)
				}
				if v.Median > 0 {
					fmt.Fprintf(&b, "(median of %d)", v.Median)
				}
				if v.Note > 0 {
					fmt.Fprintf(&b, "[%d]", v.Note)
				}
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

var (
	rateCol     = Column{Term: "调解成功率", ID: "mediation_success_rate", Label: "调解成功率"}
	handledCol  = Column{Term: "disputes_handled", ID: "disputes_handled", Label: "矛盾纠纷排查调处数"}
	resolvedCol = Column{Term: "disputes_resolved", ID: "disputes_resolved", Label: "矛盾纠纷调解成功数"}
)

func TestBuildTowns(t *testing.T) {
	reports := []extract.Source{kaicheng, wangtuan, yuwang, nowhere}
	for _, c := range []struct {
		name string
		cols []Column
		recs []extract.Record
		opt  Options
		want string
	}{
		{"one column: towns × years, bodies on rows of their own, every report a row",
			[]Column{handledCol},
			[]extract.Record{rec(wangtuan, "disputes_handled", 50, "起", "sub=派出所"), rec(wangtuan, "disputes_handled", 129, "件", "sub=司法所"),
				rec(yuwang, "disputes_handled", 60, "起")},
			Options{},
			`矛盾纠纷排查调处数 | 2023 | 2024
预旺镇 (同心县) | — | 60起
王团镇 (同心县) · 司法所 | — | 129件
王团镇 (同心县) · 派出所 | — | 50起
开城镇 (原州区) | — | —
某镇 | — | —
`},
		{"several columns: a row per report; two values of one report are both kept",
			[]Column{handledCol, resolvedCol},
			[]extract.Record{rec(yuwang, "disputes_handled", 60, "起"), rec(yuwang, "disputes_resolved", 29, "件"), rec(yuwang, "disputes_resolved", 32, "件", "seq=2")},
			Options{},
			`review sheet | 矛盾纠纷排查调处数 | 矛盾纠纷调解成功数
预旺镇 · 2024 (同心县) | 60起 | 29件 32件
王团镇 · 2024 (同心县) | — | —
开城镇 · 2023 (原州区) | — | —
某镇 · 2024 | — | —
`},
		{"plans are left out unless asked for; an ad-hoc figure (no scope) counts as done",
			[]Column{handledCol, {Term: "法律援助", Label: "法律援助 (ad hoc)"}},
			[]extract.Record{rec(kaicheng, "disputes_handled", 70, "件", "plan"), rec(kaicheng, "adhoc:法律援助", 12, "件")},
			Options{},
			`review sheet | 矛盾纠纷排查调处数 | 法律援助 (ad hoc)
预旺镇 · 2024 (同心县) | — | —
王团镇 · 2024 (同心县) | — | —
开城镇 · 2023 (原州区) | — | 12件
某镇 · 2024 | — | —
`},
		{"a spreadsheet's rows: one column, still a row per town and year",
			[]Column{rateCol},
			[]extract.Record{rec(yuwang, "mediation_success_rate", 95, "%"), rec(kaicheng, "mediation_success_rate", 100, "%", "derived", "ev=全部化解")},
			Options{YearRows: true, Evidence: true},
			`调解成功率 | 调解成功率
预旺镇 · 2024 (同心县) | 95%
王团镇 · 2024 (同心县) | —
开城镇 · 2023 (原州区) | 100%*[1]
某镇 · 2024 | —
`},
	} {
		tab := Build(c.cols, reports, c.recs, c.opt)
		if got := dump(tab); got != c.want {
			t.Errorf("%s:\n%s\nwant\n%s", c.name, got, c.want)
		}
	}
}

// TestEmptyTownRowGivesWayToBodies: a report that gives only its bodies'
// figures has no empty row of the town's own.
func TestEmptyTownRowGivesWayToBodies(t *testing.T) {
	tab := Build([]Column{rateCol}, []extract.Source{wangtuan}, []extract.Record{rec(wangtuan, "mediation_success_rate", 80, "%", "sub=派出所")}, Options{})
	if len(tab.Rows) != 1 || tab.Rows[0].Subject != "派出所" {
		t.Errorf("rows %s", dump(tab))
	}
}

func TestPlanScope(t *testing.T) {
	recs := []extract.Record{rec(kaicheng, "disputes_handled", 70, "件", "plan"), rec(kaicheng, "disputes_handled", 40, "件")}
	for scope, want := range map[Scope]string{Achievement: "40件", Plan: "70件", All: "70件 40件"} {
		tab := Build([]Column{handledCol}, nil, recs, Options{Scope: scope})
		if got := strings.TrimPrefix(strings.Split(dump(tab), "\n")[1], "开城镇 (原州区) | "); got != want {
			t.Errorf("%s: %q, want %q", scope, got, want)
		}
	}
}

func TestEvidenceNotes(t *testing.T) {
	recs := []extract.Record{rec(yuwang, "disputes_handled", 60, "起", "ev=共排查矛盾纠纷60起"), rec(kaicheng, "disputes_handled", 7, "件"),
		rec(wangtuan, "disputes_handled", 50, "起", "sub=派出所", "ev=派出所共排查50起")}
	tab := Build([]Column{handledCol}, nil, recs, Options{Evidence: true})
	if len(tab.Notes) != 2 || tab.Notes[0].Evidence != "共排查矛盾纠纷60起" || tab.Notes[1].Note != 2 {
		t.Fatalf("notes %+v", tab.Notes)
	}
	for _, r := range tab.Rows {
		if r.Town == "预旺镇" && r.Cells[1][0].Note != 1 || r.Town == "开城镇" && r.Cells[0][0].Note != 0 {
			t.Errorf("note numbers: %s", dump(tab))
		}
	}
	if tab := Build([]Column{handledCol}, nil, recs, Options{}); len(tab.Notes) != 0 {
		t.Error("notes without Evidence")
	}
}

func TestGroupOf(t *testing.T) {
	for _, c := range []struct {
		by   By
		s    extract.Source
		want Group
	}{
		{ByCounty, wangtuan, Group{"同心县\x00吴忠市", "同心县 (吴忠市)", "640324"}},
		{ByCity, wangtuan, Group{"吴忠市\x00宁夏回族自治区", "吴忠市 (宁夏回族自治区)", "6403"}},
		{ByProvince, wangtuan, Group{"宁夏回族自治区", "宁夏回族自治区", "64"}},
		{ByCounty, extract.Source{County: "东城区"}, Group{"东城区", "东城区", ""}},
		{ByCity, extract.Source{City: "北京市", Province: "北京市"}, Group{"北京市", "北京市", ""}},
		{ByCounty, nowhere, Group{"?", "?", ""}},
		{ByProvince, nowhere, Group{"?", "?", ""}},
	} {
		if got := GroupOf(c.by, c.s); got != c.want {
			t.Errorf("%s of %+v: %+v, want %+v", c.by, c.s, got, c.want)
		}
	}
}

// TestAggregate pins every rule that combines a group's records, and says
// which rule ran.
func TestAggregate(t *testing.T) {
	rate := extract.DefaultCatalogue.Rule("mediation_success_rate")
	handled := extract.DefaultCatalogue.Rule("disputes_handled")
	ying := extract.Source{Path: "/r/英雄村.txt", Town: "英雄镇", County: "同心县", Year: 2024}
	for _, c := range []struct {
		name       string
		rule       *extract.Rule
		recs, all  []extract.Record
		want       string
		wantMethod string
	}{
		{"one report, one value: as written", handled,
			[]extract.Record{rec(yuwang, "disputes_handled", 60, "起", "q=>=")}, nil,
			">=60起", "as written (one report)"},
		{"a report with only bodies' figures counts with the largest, never their sum", handled,
			[]extract.Record{rec(wangtuan, "disputes_handled", 50, "起", "sub=派出所"), rec(wangtuan, "disputes_handled", 129, "件", "sub=司法所"), rec(wangtuan, "disputes_handled", 14, "件", "sub=综治中心")}, nil,
			"129件", "as written (one report), a body's largest figure where a report gives no town total"},
		{"counts are summed; the town's own figure goes before its bodies'", handled,
			[]extract.Record{rec(wangtuan, "disputes_handled", 50, "起", "sub=派出所"), rec(wangtuan, "disputes_handled", 129, "件", "sub=司法所"),
				rec(yuwang, "disputes_handled", 60, "件"), rec(ying, "disputes_handled", 40, "件"), rec(ying, "disputes_handled", 9, "件", "sub=派出所")}, nil,
			"229件(3 reports)", "summed, a body's largest figure where a report gives no town total"},
		{"a qualified count makes the sum qualified", handled,
			[]extract.Record{rec(yuwang, "disputes_handled", 60, "件", "q=>="), rec(kaicheng, "disputes_handled", 40, "件")}, nil,
			">=100件(2 reports)", "summed"},
		{"counts qualified differently make the sum approximate", handled,
			[]extract.Record{rec(yuwang, "disputes_handled", 60, "件", "q=>="), rec(kaicheng, "disputes_handled", 40, "件", "q=<=")}, nil,
			"~100件(2 reports)", "summed"},
		{"the sum is in the unit most counts are in", handled,
			[]extract.Record{rec(yuwang, "disputes_handled", 60, "起"), rec(kaicheng, "disputes_handled", 40, "件"), rec(ying, "disputes_handled", 4, "件")}, nil,
			"104件(3 reports)", "summed"},
		{"a sum has the precision of its parts", extract.DefaultCatalogue.Rule("publicity_events"),
			[]extract.Record{rec(yuwang, "publicity_events", 0.1, "万"), rec(kaicheng, "publicity_events", 0.2, "万")}, nil,
			"0.3万(2 reports)", "summed"},
		{"a rate is recomputed from summed counts when every report gives one rate and one of each count", rate,
			[]extract.Record{rec(yuwang, "mediation_success_rate", 95, "%"), rec(kaicheng, "mediation_success_rate", 98, "%")},
			[]extract.Record{rec(yuwang, "disputes_handled", 60, "起"), rec(yuwang, "disputes_resolved", 57, "起"),
				rec(kaicheng, "disputes_handled", 50, "件"), rec(kaicheng, "disputes_resolved", 49, "件")},
			"96%*", "recomputed from summed counts"},
		{"a recomputed rate has the precision of the rates it replaces", rate,
			[]extract.Record{rec(yuwang, "mediation_success_rate", 95.0, "%"), rec(kaicheng, "mediation_success_rate", 97.9, "%")},
			[]extract.Record{rec(yuwang, "disputes_handled", 60, "起"), rec(yuwang, "disputes_resolved", 57, "起"),
				rec(kaicheng, "disputes_handled", 47, "件"), rec(kaicheng, "disputes_resolved", 46, "件")},
			"96.3%*", "recomputed from summed counts"},
		{"else the median of the rates: a report lacks a count", rate,
			[]extract.Record{rec(yuwang, "mediation_success_rate", 96.7, "%"), rec(kaicheng, "mediation_success_rate", 96.9, "%")},
			[]extract.Record{rec(yuwang, "disputes_handled", 60, "起"), rec(yuwang, "disputes_resolved", 58, "起"), rec(kaicheng, "disputes_handled", 50, "件")},
			"96.8%(median of 2)", "median of the reports' rates"},
		{"else the median: a report gives two resolved counts, which cannot tell which pairs with the rate", rate,
			[]extract.Record{rec(yuwang, "mediation_success_rate", 95, "%"), rec(kaicheng, "mediation_success_rate", 98, "%"), rec(ying, "mediation_success_rate", 90, "%")},
			[]extract.Record{rec(yuwang, "disputes_handled", 60, "起"), rec(yuwang, "disputes_resolved", 57, "起"),
				rec(kaicheng, "disputes_handled", 50, "件"), rec(kaicheng, "disputes_resolved", 29, "件"), rec(kaicheng, "disputes_resolved", 20, "件"),
				rec(ying, "disputes_handled", 10, "件"), rec(ying, "disputes_resolved", 9, "件")},
			"95%(median of 3)", "median of the reports' rates"},
		{"the median of an even number of whole rates is rounded to a whole rate", rate,
			[]extract.Record{rec(yuwang, "mediation_success_rate", 97, "%"), rec(kaicheng, "mediation_success_rate", 98, "%")}, nil,
			"98%(median of 2)", "median of the reports' rates"},
		{"a body's rate stands for a report without its own, with the body's counts", rate,
			[]extract.Record{rec(wangtuan, "mediation_success_rate", 80, "%", "sub=派出所"), rec(wangtuan, "mediation_success_rate", 100, "%", "sub=司法所"), rec(yuwang, "mediation_success_rate", 95, "%")},
			[]extract.Record{rec(wangtuan, "disputes_handled", 129, "件", "sub=司法所"), rec(wangtuan, "disputes_resolved", 129, "件", "sub=司法所"),
				rec(yuwang, "disputes_handled", 60, "起"), rec(yuwang, "disputes_resolved", 57, "起")},
			"98%*", "recomputed from summed counts, a body's largest figure where a report gives no town total"},
	} {
		all := map[string][]extract.Record{}
		for _, r := range c.all {
			all[r.Path] = append(all[r.Path], r)
		}
		v, m := aggregate(c.rule, c.recs, all)
		if v.Record == nil {
			t.Fatalf("%s: no value", c.name)
		}
		got := strings.Split(dump(&Table{Rows: []Row{{Cells: [][]Value{{v}}}}}), "\n")[1]
		got = strings.TrimPrefix(got, " | ")
		if got != c.want || m != c.wantMethod {
			t.Errorf("%s:\n got %s, %q\nwant %s, %q", c.name, got, m, c.want, c.wantMethod)
		}
	}
}

func TestBuildGrouped(t *testing.T) {
	reports := []extract.Source{kaicheng, wangtuan, yuwang, nowhere}
	recs := []extract.Record{
		rec(wangtuan, "disputes_handled", 129, "件", "sub=司法所"), rec(yuwang, "disputes_handled", 60, "件"), rec(kaicheng, "disputes_handled", 40, "件"),
		rec(yuwang, "mediation_success_rate", 95, "%"), rec(yuwang, "disputes_resolved", 57, "件"),
	}
	tab := Build([]Column{handledCol}, reports, recs, Options{By: ByCounty})
	want := `矛盾纠纷排查调处数 by county | 2023 | 2024
同心县 (吴忠市) | — | 189件(2 reports)
原州区 (固原市) | 40件 | —
? | — | —
`
	if got := dump(tab); got != want {
		t.Errorf("one column by county:\n%s\nwant\n%s", got, want)
	}
	if strings.Join(tab.Methods, "\n") != "矛盾纠纷排查调处数: as written (one report)\n矛盾纠纷排查调处数: summed, a body's largest figure where a report gives no town total" {
		t.Errorf("methods %q", tab.Methods)
	}
	tab = Build([]Column{handledCol, rateCol}, reports, recs, Options{By: ByProvince})
	want = `矛盾纠纷排查调处数, 调解成功率 by province | 矛盾纠纷排查调处数 | 调解成功率
宁夏回族自治区 · 2023 | 40件 | —
宁夏回族自治区 · 2024 | 189件(2 reports) | 95%
? · 2024 | — | —
`
	if got := dump(tab); got != want {
		t.Errorf("several columns by province:\n%s\nwant\n%s", got, want)
	}
	// --sort value works with --by: the latest value, largest first.
	tab = Build([]Column{handledCol}, reports, recs, Options{By: ByCounty, Sort: ByValue})
	if got := dump(tab); !strings.Contains(got, "\n同心县 (吴忠市) | — | 189件(2 reports)\n原州区 (固原市) | 40件 | —\n? | — | —\n") {
		t.Errorf("by value:\n%s", got)
	}
	recs = append(recs, rec(kaicheng, "disputes_handled", 500, "件", "seq=1"))
	tab = Build([]Column{handledCol}, reports, recs, Options{By: ByCounty, Sort: ByValue})
	if tab.Rows[0].Group != "原州区 (固原市)" {
		t.Errorf("by value, the larger latest value first:\n%s", dump(tab))
	}
}

// TestSortRows: rows follow the division codes, not the code points of
// the names; by value, the latest value decides and rows without values
// come last.
func TestSortRows(t *testing.T) {
	reports := []extract.Source{nowhere, kaicheng, yuwang, wangtuan}
	recs := []extract.Record{rec(kaicheng, "disputes_handled", 40, "件"), rec(wangtuan, "disputes_handled", 129, "件"), rec(nowhere, "disputes_handled", 12, "件")}
	labels := func(tab *Table) string {
		var l []string
		for _, r := range tab.Rows {
			l = append(l, r.Town)
		}
		return strings.Join(l, " ")
	}
	// By code point 开 (U+5F00) would come before 王 (U+738B) and 预 (U+9884).
	if got := labels(Build([]Column{handledCol}, reports, recs, Options{})); got != "预旺镇 王团镇 开城镇 某镇" {
		t.Errorf("division order: %s", got)
	}
	if got := labels(Build([]Column{handledCol}, reports, recs, Options{Sort: ByValue})); got != "王团镇 开城镇 某镇 预旺镇" {
		t.Errorf("by value: %s", got)
	}
	// The latest year's value decides.
	old := wangtuan
	old.Year, old.Path = 2022, "/r/王团镇-2022.txt"
	recs = append(recs, rec(old, "disputes_handled", 1000, "件"))
	if got := labels(Build([]Column{handledCol}, reports, recs, Options{Sort: ByValue})); got != "王团镇 开城镇 某镇 预旺镇" {
		t.Errorf("by value with an older larger value: %s", got)
	}
	recs[1].Value = 5
	if got := labels(Build([]Column{handledCol}, reports, recs, Options{Sort: ByValue})); got != "开城镇 某镇 王团镇 预旺镇" {
		t.Errorf("by the latest value, not the largest: %s", got)
	}
}

func TestStats(t *testing.T) {
	reports := []extract.Source{kaicheng, wangtuan, yuwang, nowhere}
	recs := []extract.Record{rec(kaicheng, "disputes_handled", 40, "件", "q=>="), rec(wangtuan, "disputes_handled", 129, "件"),
		rec(yuwang, "disputes_handled", 60, "起"), rec(yuwang, "disputes_handled", 61, "件", "seq=1"), rec(nowhere, "disputes_handled", 9, "件")}
	tab := Build([]Column{handledCol}, reports, recs, Options{})
	want := []Stat{{Name: "矛盾纠纷排查调处数", Rows: 4, RowsWith: 4, Unit: "件", Values: 4, Min: 9, Median: 50.5, Max: 129, Qualified: 1, Other: 1}}
	if !reflect.DeepEqual(tab.Stats, want) {
		t.Errorf("one column:\n%+v\nwant\n%+v", tab.Stats, want)
	}
	tab = Build([]Column{handledCol, rateCol}, reports, recs, Options{})
	want = []Stat{
		{Name: "矛盾纠纷排查调处数", Rows: 4, RowsWith: 4, Unit: "件", Values: 4, Min: 9, Median: 50.5, Max: 129, Qualified: 1, Other: 1},
		{Name: "调解成功率", Rows: 4},
	}
	if !reflect.DeepEqual(tab.Stats, want) {
		t.Errorf("per column:\n%+v\nwant\n%+v", tab.Stats, want)
	}
	if u := strings.Join(tab.Units, ","); u != "件," {
		t.Errorf("units %q", u)
	}
	// fixed bugs: the mean of two middle values had float noise
	tab = Build([]Column{rateCol}, nil, []extract.Record{rec(kaicheng, "mediation_success_rate", 96.7, "%"), rec(yuwang, "mediation_success_rate", 96.9, "%")}, Options{})
	if tab.Stats[0].Median != 96.8 {
		t.Errorf("median %v", tab.Stats[0].Median)
	}
}

func TestResolve(t *testing.T) {
	cat := extract.DefaultCatalogue
	cols := Resolve(cat, []string{"化解率", " disputes_handled ", "法律援助"})
	want := []Column{{Term: "化解率", ID: "mediation_success_rate", Label: "调解成功率"}, handledCol, {Term: "法律援助", Label: "法律援助 (ad hoc)"}}
	if !reflect.DeepEqual(cols, want) {
		t.Errorf("%+v", cols)
	}
	if !cols[2].AdHoc() || cols[2].RecordID() != "adhoc:法律援助" || cols[0].RecordID() != "mediation_success_rate" {
		t.Error("ad hoc")
	}
	if ids := strings.Join(IDs(cat, cols, ByTown), ","); ids != "mediation_success_rate,disputes_handled" {
		t.Errorf("ids by town: %s", ids)
	}
	if ids := strings.Join(IDs(cat, cols, ByCounty), ","); ids != "mediation_success_rate,disputes_resolved,disputes_handled" {
		t.Errorf("ids by county: %s", ids)
	}
	if s := Suggest(cat, "调解成功律"); len(s) == 0 || !strings.Contains(strings.Join(s, ","), "调解成功率 (mediation_success_rate)") {
		t.Errorf("suggest %v", s)
	}
}

func TestWhyEmpty(t *testing.T) {
	all := []extract.Source{kaicheng, wangtuan, yuwang, nowhere}
	for _, c := range []struct {
		f    extract.Filter
		want string
	}{
		{extract.Filter{Counties: []string{"同心"}}, "<nil>"},
		{extract.Filter{Counties: []string{"同县"}}, "county [同县] near [同心县 原州区] similar"},
		{extract.Filter{Towns: []string{"王团"}, From: 2021, To: 2022}, "year [2021-2022] near [2024]"},
		{extract.Filter{Towns: []string{"王家镇", "开城"}, Counties: []string{"同心县"}}, "county [同心县] near [原州区]"},
		{extract.Filter{Towns: []string{"团结镇"}}, "town [团结镇] near [王团镇 开城镇 某镇] similar"},
		{extract.Filter{From: 2030}, "year [2030-] near [2023 2024]"},
	} {
		e := WhyEmpty(all, c.f)
		got := "<nil>"
		if e != nil {
			got = fmt.Sprintf("%s %v near %v", e.Flag, e.Values, e.Nearby)
			if e.Similar {
				got += " similar"
			}
		}
		if got != c.want {
			t.Errorf("%+v: %s, want %s", c.f, got, c.want)
		}
	}
	if e := WhyEmpty(nil, extract.Filter{}); e == nil || e.Flag != "" {
		t.Errorf("no reports at all: %+v", e)
	}
}
