package segment

import (
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

func TestBleve(t *testing.T) {
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = AnalyzerName
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	idx, err := bleve.NewMemOnly(m)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	docs := map[string]string{
		"wangtuan":   "王团镇调解成功率为100%",
		"shaliuhe":   "沙柳河镇调解成功29件",
		"chongli":    "崇礼镇成功化解47起",
		"fengqiao":   "坚持和发展新时代枫桥经验",
		"fullwidth":  "１２３４５热线接听群众来电",
		"punctuated": "“法律明白人”培养工程",
	}
	for id, text := range docs {
		if err := idx.Index(id, map[string]string{"body": text}); err != nil {
			t.Fatal(err)
		}
	}

	search := func(q query.Query) []string {
		t.Helper()
		res, err := idx.Search(bleve.NewSearchRequest(q))
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		slices.Sort(ids)
		return ids
	}
	match := func(s, analyzer string) query.Query {
		q := bleve.NewMatchQuery(s)
		q.Analyzer = analyzer
		return q
	}
	phrase := func(s, analyzer string) query.Query {
		q := bleve.NewMatchPhraseQuery(s)
		q.Analyzer = analyzer
		return q
	}
	for _, c := range []struct {
		name string
		q    query.Query
		want []string
	}{
		{"term 调解", bleve.NewTermQuery("调解"), []string{"shaliuhe", "wangtuan"}},
		{"match 调解", match("调解", ""), []string{"shaliuhe", "wangtuan"}},
		{"match 调解 search analyzer", match("调解", SearchAnalyzerName), []string{"shaliuhe", "wangtuan"}},
		{"phrase 成功化解", phrase("成功化解", ""), []string{"chongli"}},
		{"phrase 成功化解 search analyzer", phrase("成功化解", SearchAnalyzerName), []string{"chongli"}},
		{"match 枫桥经验", match("枫桥经验", ""), []string{"fengqiao"}},
		{"match 枫桥", match("枫桥", ""), []string{"fengqiao"}},
		{"match 调解成功率 search analyzer", match("调解成功率", SearchAnalyzerName), []string{"wangtuan"}},
		{"phrase 调解成功率 search analyzer", phrase("调解成功率", SearchAnalyzerName), []string{"wangtuan"}},
		{"match 12345", match("12345", ""), []string{"fullwidth"}},
		{"match full-width １２３４５", match("１２３４５", ""), []string{"fullwidth"}},
		{"phrase 法律明白人培养", phrase("法律明白人培养", ""), []string{"punctuated"}},
	} {
		if got := search(c.q); !slices.Equal(got, c.want) {
			t.Errorf("%s: found %q, want %q", c.name, got, c.want)
		}
	}

	// The analyzer's tokens carry byte offsets into the field and 1-based
	// positions.
	a := m.AnalyzerNamed(AnalyzerName)
	if a == nil {
		t.Fatalf("analyzer %s not registered", AnalyzerName)
	}
	text := "全镇调解成功率达100%"
	for _, tk := range a.Analyze([]byte(text)) {
		if text[tk.Start:tk.End] != string(tk.Term) || tk.Position < 1 {
			t.Errorf("token %v", tk)
		}
	}
	words := m.AnalyzerNamed(SearchAnalyzerName).Analyze([]byte(text))
	var terms []string
	for _, tk := range words {
		terms = append(terms, string(tk.Term))
	}
	if !slices.Equal(terms, Words(text)) {
		t.Errorf("%s analyzer: %q, want %q", SearchAnalyzerName, terms, Words(text))
	}
}
