package extract

import (
	"reflect"
	"testing"

	"baogao/corpus"
)

func TestNameMatches(t *testing.T) {
	for _, c := range []struct {
		want, name string
		ok         bool
	}{
		{"蓝山县", "蓝山县", true},
		{"蓝山", "蓝山县", true},
		{"蓝山县", "蓝山", true},
		{"王团", "王团镇", true},
		{"东华门", "东华门街道", true},
		{" 王团镇 ", "王团镇", true},
		{"蓝山县", "蓝山区", false},
		{"蓝", "蓝山县", false},
		{"和", "和县", false}, // a one-character stem is no name
		{"山县", "蓝山县", false},
		{"", "王团镇", false},
		{"", "", true},
	} {
		if got := NameMatches(c.want, c.name); got != c.ok {
			t.Errorf("NameMatches(%q, %q) = %v, want %v", c.want, c.name, got, c.ok)
		}
	}
}

func TestFilterSelects(t *testing.T) {
	s := Source{Town: "王团镇", County: "同心县", Year: 2023}
	for _, c := range []struct {
		f  Filter
		ok bool
	}{
		{Filter{}, true},
		{Filter{Towns: []string{"开城镇", "王团"}}, true},
		{Filter{Towns: []string{"开城镇"}}, false},
		{Filter{Counties: []string{"同心"}}, true},
		{Filter{Counties: []string{"原州区"}}, false},
		{Filter{From: 2023, To: 2023}, true},
		{Filter{From: 2021, To: 2022}, false},
		{Filter{From: 2024}, false},
		{Filter{To: 2023}, true},
	} {
		if got := c.f.Selects(s); got != c.ok {
			t.Errorf("%+v selects %v, want %v", c.f, got, c.ok)
		}
	}
	if !(Filter{}).IsZero() || (Filter{To: 1}).IsZero() {
		t.Error("IsZero")
	}
}

func TestYearLabel(t *testing.T) {
	if YearLabel(0) != "?" || YearLabel(2024) != "2024" {
		t.Errorf("YearLabel: %q %q", YearLabel(0), YearLabel(2024))
	}
}

func TestReportRecords(t *testing.T) {
	r := &Report{Path: "a/王团镇.txt", Meta: corpus.Meta{Year: 2024}}
	r.Meta.Town.Value, r.Meta.County.Value, r.Meta.DivisionCode.Value = "王团镇", "同心县", "640324105"
	r.Indicators = []Indicator{{ID: "disputes_handled", Value: 50}, {ID: "mediation_success_rate", Value: 80}}
	recs := r.Records()
	want := Source{Path: "a/王团镇.txt", Town: "王团镇", County: "同心县", Code: "640324105", Year: 2024}
	if len(recs) != 2 || recs[0].Source != want || recs[1].Seq != 1 || recs[1].Value != 80 {
		t.Errorf("records %+v", recs)
	}
}

// TestSectionParts: a heading names every part it serves, and the
// section's own part comes first.
func TestSectionParts(t *testing.T) {
	for _, c := range []struct {
		heading string
		part    Part
		want    []Part
	}{
		{"一、主要举措和成效", PartMeasures, []Part{PartMeasures}},
		{"二、存在问题及下一步打算", PartProblems, []Part{PartProblems, PartPlan}},
		{"三、镇长履行法治建设职责情况", "", []Part{PartResponsible}},
		{"四、2024年工作安排", PartMeasures, []Part{PartMeasures, PartPlan}},
		{"五、其他", PartOther, []Part{PartOther}},
	} {
		got := Section{Heading: c.heading, Part: c.part}.Parts()
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %v, want %v", c.heading, got, c.want)
		}
	}
	if n := len(RequiredParts()); n != 4 {
		t.Errorf("%d required parts", n)
	}
}
