package index

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"
)

// TestDocBuilderIsTheMapping holds the documents docBuilder makes to the
// ones the index mapping makes from the same structs: the same fields in
// the same order, with the same names, options, values and analysis.
func TestDocBuilderIsTheMapping(t *testing.T) {
	m := newMapping()
	b, err := newDocBuilder(m)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"", "调解成功率", "王团镇", "achievement", "plan", "A-1 b", "法律明白人培训", "枫桥经验：坚持和发展", "2024", "１２３"}
	word := func() string { return words[rng.IntN(len(words))] }
	number := func() float64 {
		switch rng.IntN(4) {
		case 0:
			return 0
		case 1:
			return float64(rng.IntN(3000))
		case 2:
			return rng.Float64() * 100
		}
		return -rng.Float64() * 1e6
	}
	for i := range 300 {
		id := fmt.Sprintf("d%d", i)
		var got, want *document.Document
		if i%2 == 0 {
			r := reportDoc{
				Type: typeReport, Path: word(), Hash: word(), Town: word(), County: word(), City: word(), Province: word(),
				Year: number(), Title: word(), Text: word() + "。" + word() + "，" + word(), Size: number(), ModTime: word(),
				N: number(), Info: word(), Outline: word(),
			}
			got = b.reportDocument(id, &r)
			want = document.NewDocument(id)
			if err := m.MapDocument(want, r); err != nil {
				t.Fatal(err)
			}
		} else {
			r := indicatorDoc{
				Type: typeIndicator, Report: word(), Indicator: word(), Value: number(), Scope: word(), Subject: word(),
				Derived: rng.IntN(2) == 0, Town: word(), County: word(), Year: word(),
			}
			got = b.indicatorDocument(id, &r)
			want = document.NewDocument(id)
			if err := m.MapDocument(want, r); err != nil {
				t.Fatal(err)
			}
		}
		if err := sameDocument(got, want); err != nil {
			t.Fatalf("document %d: %v", i, err)
		}
	}
}

func sameDocument(got, want *document.Document) error {
	if got.ID() != want.ID() || got.Indexed() != want.Indexed() || got.HasComposite() != want.HasComposite() {
		return fmt.Errorf("id, indexed or composite differ")
	}
	var gf, wf []bindex.Field
	got.VisitFields(func(f bindex.Field) { gf = append(gf, f) })
	want.VisitFields(func(f bindex.Field) { wf = append(wf, f) })
	if len(gf) != len(wf) {
		return fmt.Errorf("%d fields, want %d", len(gf), len(wf))
	}
	for i := range gf {
		g, w := gf[i], wf[i]
		if g.Name() != w.Name() || g.Options() != w.Options() || string(g.Value()) != string(w.Value()) ||
			g.EncodedFieldType() != w.EncodedFieldType() || !reflect.DeepEqual(g.ArrayPositions(), w.ArrayPositions()) {
			return fmt.Errorf("field %d: %s %v %q %c, want %s %v %q %c", i, g.Name(), g.Options(), g.Value(), g.EncodedFieldType(),
				w.Name(), w.Options(), w.Value(), w.EncodedFieldType())
		}
		if gt, ok := g.(*document.TextField); ok {
			if gt.Analyzer() != w.(*document.TextField).Analyzer() {
				return fmt.Errorf("field %s: another analyzer", g.Name())
			}
		}
		g.Analyze()
		w.Analyze()
		if g.AnalyzedLength() != w.AnalyzedLength() || !reflect.DeepEqual(g.AnalyzedTokenFrequencies(), w.AnalyzedTokenFrequencies()) {
			return fmt.Errorf("field %s: analysed differently", g.Name())
		}
	}
	return nil
}
