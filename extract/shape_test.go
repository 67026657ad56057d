package extract_test

import (
	"strings"
	"testing"

	"baogao/corpus"
	"baogao/extract"
)

// TestUnpunctuatedText feeds text whose sentences and clauses are far
// longer than any real one (a flattened table, a damaged conversion): it
// must yield nearly every figure (a cut through a clause may part a number
// from its trigger), with evidence that is its own text span and of
// bounded length.
func TestUnpunctuatedText(t *testing.T) {
	for name, text := range map[string]string{
		"one clause":    strings.Repeat("受理纠纷1件", 3000),
		"one sentence":  strings.Repeat("受理纠纷1件,", 3000),
		"digits only":   strings.Repeat("1", 50000),
		"no separators": strings.Repeat("开展工作", 2000) + "开展普法宣传活动共20次",
		"bodies":        strings.Repeat("新华司法所联合派出所此次活动共发放资料10份", 3000),
	} {
		doc, err := corpus.Parse("shape.txt", []byte("某镇2023年工作报告\n"+text+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		r := extract.Extract(doc)
		for _, i := range r.Indicators {
			if doc.Text[i.Start:i.End] != i.Evidence {
				t.Fatalf("%s: evidence is not its span", name)
			}
			if len(i.Evidence) > 4000 {
				t.Fatalf("%s: evidence of %d bytes", name, len(i.Evidence))
			}
		}
		want := map[string]int{"one clause": 3000, "one sentence": 3000, "digits only": 0, "no separators": 1, "bodies": 3000}[name]
		capped := false
		for _, w := range r.Warnings {
			capped = capped || w.Code == "too_many_figures"
		}
		if want > extract.MaxRecords {
			// Only the first MaxRecords are read, with a warning.
			want = extract.MaxRecords
			if !capped {
				t.Errorf("%s: no too_many_figures warning", name)
			}
		}
		if got := len(r.Indicators); got > want || got < want*98/100 {
			t.Errorf("%s: %d records, want %d", name, got, want)
		}
	}
}

// TestTooManyHeadings: a file of numbered lines past any report's count
// is read as at most MaxSections sections, with a warning that says so.
func TestTooManyHeadings(t *testing.T) {
	text := "某镇2023年工作报告\n" + strings.Repeat("一、调解纠纷3件。\n(一)小节\n", extract.MaxSections)
	doc, err := corpus.Parse("headings.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	r := extract.Extract(doc)
	if len(r.Sections) != extract.MaxSections {
		t.Errorf("%d sections, want %d", len(r.Sections), extract.MaxSections)
	}
	warned := false
	for _, w := range r.Warnings {
		warned = warned || w.Code == "too_many_headings"
	}
	if !warned {
		t.Error("no too_many_headings warning")
	}
	if len(r.Indicators) == 0 {
		t.Error("the text after the last section read was not read")
	}
}
