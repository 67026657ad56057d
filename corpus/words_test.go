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
		"根据同心县人民政府安排,同心县司法局和吴忠市人民政府",
		"区区区区区县县县县人民政府",
		"没有县",
		"",
	}
	for _, s := range texts {
		got := countyBodyRE.findAllSubmatch(s)
		want := countyBodyRE.re.FindAllStringSubmatch(s, -1)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got %q, want %q", s, got, want)
		}
	}
}
