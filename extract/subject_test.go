package extract_test

import (
	"testing"

	"baogao/corpus"
	"baogao/extract"
)

// extractText reads text as a report file would be read and extracts it.
func extractText(t *testing.T, text string) []extract.Indicator {
	t.Helper()
	doc, err := corpus.Parse("r.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return extract.Extract(doc).Indicators
}

// TestSubjects holds who a value is credited to, on sentences written for
// each rule of subject.go.
func TestSubjects(t *testing.T) {
	const title = "新华镇2023年法治政府建设工作报告\n"
	tests := []struct {
		name, text, id string
		value          float64
		want           string
	}{
		{"body before the number", title + "新华派出所共排查各类矛盾纠纷50起，成功调解40起。\n",
			"disputes_handled", 50, "派出所"},
		{"body in an earlier clause", title + "据了解，新华镇矛调中心运行以来，共接待群众40人次，受理矛盾纠纷18起，化解16件。\n",
			"disputes_handled", 18, "矛调中心"},
		{"long name, common short name", title + "新华镇社会治安综合治理中心全年受理矛盾纠纷21起。\n",
			"disputes_handled", 21, "综治中心"},
		{"a bare 中心 is the centre named before", title + "新华镇社会治安综合治理中心整合综治办、司法所等力量。\n新华镇通过“一窗受理”机制实现诉求闭环管理，中心建立“马上办”工作法。据悉，全年累计办理12345热线工单45件。\n",
			"hotline_cases", 45, "综治中心"},
		{"an activity is its organiser's", "近日，湘潭县司法局联合公安局、市场监管局等部门在新华镇开展“法治赶集”活动。\n据统计，此次活动共发放各类法治宣传资料800余份。\n",
			"materials_distributed", 800, "司法局"},
		{"a nested name ends in its own body", "近日，长沙县司法局新华司法所牵头开展普法宣传活动。\n本次活动共发放宣传资料3000余份。\n",
			"materials_distributed", 3000, "司法所"},
		{"a list of departments is the town", "新华镇宣传办、司法所、综治办等部门联合开展宪法宣传活动。\n此次活动共发放宣传资料300余份。\n",
			"materials_distributed", 300, ""},
		{"the town's government organised it", "6月13日，新华镇政府组织司法所、派出所等部门开展普法宣传活动。\n此次活动共发放宣传资料1000余份。\n",
			"materials_distributed", 1000, ""},
		{"a body as object is not the actor", title + "依托镇司法所，全镇共开展普法宣传20余次。\n",
			"publicity_events", 20, ""},
		{"a committee", title + "新华镇人民调解委员会今年以来共排查矛盾纠纷36起。\n",
			"disputes_handled", 36, "调委会"},
		{"a quoted studio keeps its name", title + "“老李”调解工作室全年排查矛盾纠纷12起。\n",
			"disputes_handled", 12, "老李调解工作室"},
		{"a studio known by a name opening the clause", title + "老李调解室成立三年来，累计排查矛盾纠纷300余起。\n",
			"disputes_handled", 300, "老李调解室"},
		{"a place before a studio is no name", title + "镇调解室全年排查矛盾纠纷20起。\n",
			"disputes_handled", 20, "调解室"},
		{"enumerated clauses", title + "今年以来，我镇各部门联合开展普法宣传40余次、司法所开展专题法治讲座16场次。\n",
			"lectures", 16, "司法所"},
		{"enumerated clauses, the town's part", title + "今年以来，我镇各部门联合开展普法宣传40余次、司法所开展专题法治讲座16场次。\n",
			"publicity_events", 40, ""},
		{"the town as actor stops the topic", title + "新华司法所积极开展人民调解工作。新华镇全年共排查矛盾纠纷48起。\n",
			"disputes_handled", 48, ""},
		{"a sentence without an actor continues the paragraph", title + "新华司法所积极开展人民调解工作。全年共排查矛盾纠纷48起。\n",
			"disputes_handled", 48, "司法所"},
		{"a town's departments together are the town", title + "镇综治中心联合司法所、派出所深入各村开展法治宣传活动，开展法制宣传活动20余次。\n",
			"publicity_events", 20, ""},
		{"a sentence opening with a verb is the town's own item", title + "今年来，村级法律顾问进村解答法律咨询100余人次。培养法律明白人60人。\n",
			"legal_literate_persons", 60, ""},
		{"a body of the list is no actor", title + "今年，镇司法所、村法律顾问到村驻点服务，解答群众咨询200余人次。\n",
			"legal_consultations", 200, ""},
		{"a body things are built around is no actor", title + "坚持“枫桥经验”，以镇调委会为中心、村调委会为基础，建立工作机制。全年共排查调处各类矛盾纠纷136件。\n",
			"disputes_handled", 136, ""},
		{"the town as a place is no actor", title + "县司法局在我镇开展普法宣传活动3次。\n",
			"publicity_events", 3, "司法局"},
		{"a court's tribunal acting with the town is itself", "近日，县法院新华法庭联合新华镇司法所开展“送法进村”活动，现场发放宣传资料600余份。\n",
			"materials_distributed", 600, "法庭"},
		{"a new paragraph starts afresh", title + "新华司法所积极开展人民调解工作。\n全年共排查矛盾纠纷48起。\n",
			"disputes_handled", 48, ""},
	}
	for _, tt := range tests {
		found := false
		for _, ind := range extractText(t, tt.text) {
			if ind.ID != tt.id || ind.Value != tt.value {
				continue
			}
			found = true
			if ind.Subject != tt.want {
				t.Errorf("%s: subject %q, want %q («%s»)", tt.name, ind.Subject, tt.want, ind.Evidence)
			}
		}
		if !found {
			t.Errorf("%s: no %s=%v", tt.name, tt.id, tt.value)
		}
	}
}
