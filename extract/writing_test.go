package extract_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"baogao/corpus"
	"baogao/extract"
)

// dumpValues writes the values of a text as "id=value" items, derived
// ones with a *, values outside achievements with their scope.
func dumpValues(t *testing.T, text string) []string {
	t.Helper()
	var out []string
	for _, ind := range extractText(t, "新华镇2023年法治政府建设工作报告\n"+text+"\n") {
		s := fmt.Sprintf("%s=%v", ind.ID, ind.Value)
		if ind.Derived {
			s += "*"
		}
		if ind.Scope != "achievement" {
			s += "[" + string(ind.Scope) + "]"
		}
		out = append(out, s)
	}
	return out
}

// TestRealWriting holds the rules for the ways real reports write their
// figures, and for the figures that look like an indicator but are not
// one, on sentences written for each rule. want lists every value the
// text gives; none other may come out.
func TestRealWriting(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		// Rates that are not the mediation success rate.
		{"调解率, 结案率 and 服判息诉率 are other rates",
			"一审民事案件调解率60.5%、法定审限内结案率99%、服判息诉率97.2%。", nil},
		{"化解率 is the success rate", "共调处矛盾纠纷40起，成功化解38起，化解率为95%。",
			[]string{"disputes_handled=40", "disputes_resolved=38", "mediation_success_rate=95"}},
		// Political study is not study of law.
		{"study of a congress's spirit", "镇党委开展学习贯彻党的二十大精神专题学习8次。", nil},
		{"study of a 议题", "街道党工委开展第一议题学习12次。", nil},
		{"a study group studying law", "镇党委理论学习中心组开展法治专题学习6次。", []string{"study_sessions=6"}},
		{"laws listed before what is studied", "集中学习《宪法》《民法典》等法律法规8次。", []string{"study_sessions=8"}},
		{"every party branch's total", "各党支部累计开展集中学习300余次。", nil},
		// People trained are not the public reached.
		{"cadres trained", "组织全镇120余名机关干部参加法治培训。", nil},
		{"cadres covered", "开展专题学习4次，覆盖镇村干部200余人次。", []string{"study_sessions=4"}},
		{"the public reached", "开展普法宣传活动10余次，受教育群众5000余人次。",
			[]string{"publicity_events=10", "people_reached=5000"}},
		{"training sessions are not publicity events", "开展法律培训4次。", nil},
		// Information released on request is not released proactively.
		{"依申请公开", "全年共收到政府信息公开申请3件，均按时办结。", nil},
		{"主动公开", "全年主动公开政府信息86条。", []string{"info_disclosed=86"}},
		{"no review and no suit, long form", "全年未发生因政府信息公开引起的行政复议、行政诉讼案件。",
			[]string{"admin_reconsideration=0", "admin_litigation=0"}},
		// Disputes as real pages count them.
		{"a list ending in what is counted", "新华司法所成功化解土地、婚姻家庭纠纷等各类矛盾纠纷共31件。",
			[]string{"disputes_resolved=31"}},
		{"an umbrella over other activities", "开展普法宣传、法律咨询等活动20余次。", []string{"publicity_events=20"}},
		{"handled before the number, 100% resolved", "今年以来，受理的86起纠纷实现了100%化解。",
			[]string{"disputes_handled=86", "mediation_success_rate=100", "disputes_resolved=86*"}},
		{"resolved after handled", "共受理矛盾纠纷30起，化解27件，化解成功率达90%。",
			[]string{"disputes_handled=30", "disputes_resolved=27", "mediation_success_rate=90"}},
		{"a rate of 100% resolves all", "累计化解矛盾纠纷15件，调解成功率达100%。",
			[]string{"disputes_handled=15", "mediation_success_rate=100", "disputes_resolved=15*"}},
		{"化解率 of 100% resolves all", "截至目前，共排查化解矛盾纠纷62起，化解率100%。",
			[]string{"disputes_handled=62", "mediation_success_rate=100", "disputes_resolved=62*"}},
		{"an inspection of publicity is no event", "开展“八五”普法中期检查1次。", nil},
		{"a share of disputes resolved where is no rate", "受理矛盾纠纷23起，90%以上矛盾纠纷化解在村级。",
			[]string{"disputes_handled=23"}},
		{"a court's cases settled by mediation are no disputes resolved", "新华法庭共受理民事案件120件，调解结案45件，调解率37.5%。", nil},
		{"a figure's value before a change is not its value", "持证执法人员从2021年的18人增加到2023年的25人。",
			[]string{"law_enforcement_certified=25"}},
		{"the county's totals", "全县共调处矛盾纠纷1200起，全区共开展普法宣传活动500余场次。", nil},
		{"examinees are not the public reached", "共组织3批次120人参加法律知识考试，合格率100%。", nil},
		{"averages are not totals", "月均受理矛盾纠纷5起，年均开展普法宣传24次，人均发放资料3份。", nil},
		{"letters and visits", "全年共收到群众来信12封、来访35批次。", []string{"petitions=12", "petitions=35"}},
		// Consultations.
		{"answered on the spot", "活动现场解答30人次。", []string{"legal_consultations=30"}},
		{"people who came to ask", "工作人员共接待20余名村民咨询。", []string{"legal_consultations=20"}},
		{"desks set up are not consultations", "在赶集日设立法律咨询台5次，现场解答群众咨询300余人次。",
			[]string{"legal_consultations=300"}},
		{"matters answered are not consultations", "民生服务窗口办理或解答1500件。", nil},
		{"visits received", "共接待群众来访45人次。", []string{"petitions=45"}},
		// Other forms.
		{"lectures counted before the word", "开展宪法、民法典等5场专题法治讲座。", []string{"lectures=5"}},
		{"hotline work orders", "街道12345热线工单总数为356件。", []string{"hotline_cases=356"}},
		{"a list of contents states no problem",
			"本报告包括（一）总体情况；（二）存在的主要问题及改进情况。全年主动公开信息42条。",
			[]string{"info_disclosed=42"}},
		{"a sentence on problems still is one", "但仍存在宣传不足的问题，如全年仅开展普法宣传3次。",
			[]string{"publicity_events=3[problem]"}},
	}
	for _, tt := range tests {
		got := dumpValues(t, tt.text)
		want := append([]string(nil), tt.want...)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s:\n got  %s\n want %s", tt.name, strings.Join(got, " "), strings.Join(want, " "))
		}
	}
}

// TestImplausibleValuesAreFlagged keeps a figure no town can mean, with a
// warning.
func TestImplausibleValuesAreFlagged(t *testing.T) {
	doc, err := corpus.Parse("r.txt", []byte("新华镇2023年法治政府建设工作报告\n全年共排查矛盾纠纷1000000000000000000000起。发放宣传资料3000份。\n"))
	if err != nil {
		t.Fatal(err)
	}
	res := extract.Extract(doc)
	var warned []string
	for _, w := range res.Warnings {
		if w.Code == "implausible_value" {
			warned = append(warned, w.Message)
		}
	}
	if len(res.Indicators) != 2 || len(warned) != 1 || !strings.Contains(warned[0], "矛盾纠纷排查调处数 1000000000000000000000 is more") {
		t.Errorf("records %d, warnings %q", len(res.Indicators), warned)
	}
}
