package check

import (
	"os"
	"strings"
	"testing"
)

func nearSample(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("../testdata/reports/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestNearDuplicatesAndBoilerplate(t *testing.T) {
	wang := nearSample(t, "004_1113006dcd718aa6.txt")
	copyText := strings.ReplaceAll(wang, "王团", "李家")
	copyText = strings.NewReplacer("129", "77", "50", "61", "40", "33").Replace(copyText) // other figures
	slogan := strings.Repeat("坚持尊崇宪法、学习宪法、遵守宪法、维护宪法、运用宪法，坚持以习近平新时代中国特色社会主义思想为指导，", 3)
	docs := []Doc{
		{ID: "a/王团镇.txt", Town: "王团镇", Year: 2024, Hash: "1", Text: wang},
		{ID: "b/李家镇.txt", Town: "李家镇", Year: 2024, Hash: "2", Text: copyText},
		{ID: "c/沙柳河镇.txt", Town: "沙柳河镇", Year: 2022, Hash: "3", Text: nearSample(t, "001_c359d3da704c1f05.txt")},
		{ID: "d/甲镇.txt", Town: "甲镇", Year: 2023, Hash: "4", Text: slogan + "我镇组织开展宪法宣传周活动,在集市设立咨询台,邀请律师讲解土地承包和婚姻家庭法律知识。"},
		{ID: "e/乙镇.txt", Town: "乙镇", Year: 2023, Hash: "5", Text: slogan + "全镇推进综合行政执法改革,梳理执法事项清单,对餐饮门店开展食品安全检查,督促整改隐患。"},
		{ID: "f/丙镇.txt", Town: "丙镇", Year: 2023, Hash: "6", Text: slogan + "丙镇修建村级文化广场,开展乡村振兴培训班,培训致富带头人。"},
		{ID: "g/沙柳河镇-copy.txt", Town: "沙柳河镇", Year: 2022, Hash: "3", Text: nearSample(t, "001_c359d3da704c1f05.txt")},
	}
	res := FindDuplicates(docs, DupOptions{BoilerplateTowns: 3})
	if len(res.Identical) != 1 || len(res.Identical[0]) != 2 {
		t.Errorf("identical: %v", res.Identical)
	}
	var copyPair *Pair
	for i, p := range res.Near {
		if p.A == "a/王团镇.txt" && p.B == "b/李家镇.txt" {
			copyPair = &res.Near[i]
		}
		for _, id := range []string{"d/甲镇.txt", "e/乙镇.txt", "f/丙镇.txt"} {
			if p.A == id || p.B == id {
				t.Errorf("a shared slogan made a pair: %+v", p)
			}
		}
	}
	if copyPair == nil {
		t.Fatalf("the copy with other figures was not found: %+v", res.Near)
	}
	if copyPair.Similarity < 0.5 || copyPair.SharedLen < 50 || !strings.Contains(copyText, strings.TrimSuffix(copyPair.Shared, "…")[:30]) {
		t.Errorf("copy pair: %.2f, %d runes, %q", copyPair.Similarity, copyPair.SharedLen, copyPair.Shared)
	}
	if res.Boilerplate == 0 {
		t.Error("no boilerplate learnt")
	}
}
