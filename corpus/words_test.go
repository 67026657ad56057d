package corpus

import (
	"reflect"
	"testing"
)

func TestWordSetFind(t *testing.T) {
	ws := newWordSet([]string{"宁夏", "宁夏回族自治区", "四川", "bet365", "𠀀字"})
	s := "宁夏回族自治区和四川省,宁夏;bet365 𠀀字"
	var got []string
	for _, m := range ws.find(s) {
		got = append(got, s[m[0]:m[1]])
	}
	want := []string{"宁夏回族自治区", "四川", "宁夏", "bet365", "𠀀字"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if ws.find("") != nil || ws.find("没有") != nil {
		t.Error("found words in text without any")
	}
}

func TestNearREMatchesLikeTheExpression(t *testing.T) {
	texts := []string{
		"宁夏同心县王团镇人民政府,同心县司法局和吴忠市人民政府",
		"镇镇镇镇镇乡乡乡乡街道街道苏木",
		"没有镇",
		"",
	}
	for _, s := range texts {
		got := placeRE.findAllSubmatch(s)
		want := placeRE.re.FindAllStringSubmatch(s, -1)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got %q, want %q", s, got, want)
		}
	}
}
