package index

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"baogao/corpus"
	"baogao/extract"
)

// TestPackRoundTrip checks that a packed extraction unpacks to exactly what
// was packed, on the samples and on extractions whose headings, paths and
// evidence the text does not give, and that packing saves most of the
// JSON.
func TestPackRoundTrip(t *testing.T) {
	files, errs := corpus.Find([]string{samples})
	if len(errs) > 0 || len(files) == 0 {
		t.Fatalf("samples: %v", errs)
	}
	var l corpus.Loader
	var x extract.Extractor
	var plain, packed int
	for _, f := range files {
		doc, err := l.Load(f)
		if err != nil {
			t.Fatal(err)
		}
		rep := x.NewReport(doc)
		info := &reportInfo{Path: rep.Path, Encoding: rep.Encoding, Meta: rep.Meta, Warnings: rep.Warnings, Sections: rep.Sections, Indicators: rep.Indicators}
		if len(info.Sections) == 0 || len(info.Indicators) == 0 {
			t.Fatalf("%s: no sections or records to pack", f)
		}
		roundTrip(t, f, info, doc.Text)
		raw, _ := json.Marshal(info)
		p, _ := packInfo(info, doc.Text)
		plain += len(raw)
		packed += len(p)

		// What the text does not give is kept as written.
		odd := *info
		odd.Sections = append([]extract.Section(nil), info.Sections...)
		odd.Indicators = append([]extract.Indicator(nil), info.Indicators...)
		odd.Sections[0].Heading = "另写的标题"
		odd.Sections[len(odd.Sections)-1].Path = "不同的路径"
		odd.Sections[len(odd.Sections)-1].HeadEnd = len(doc.Text) + 5
		odd.Indicators[0].Evidence = "不在原文中的句子"
		odd.Indicators[0].Section = "不存在的章节"
		odd.Indicators[len(odd.Indicators)-1].Start = -1
		odd.Indicators[len(odd.Indicators)-1].Section = ""
		roundTrip(t, f+" (altered)", &odd, doc.Text)
	}
	if packed*2 > plain {
		t.Errorf("packed %d bytes of %d bytes of JSON", packed, plain)
	}
	t.Logf("packed %d bytes of %d bytes of JSON", packed, plain)

	// A text that no longer holds the spans is an error, not a panic.
	info := &reportInfo{Sections: []extract.Section{{Start: 0, HeadEnd: 9, Heading: "一、总", Path: "一、总", Parent: -1}}}
	raw, err := packInfo(info, "一、总体")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := unpackInfo(raw, "一", true); err == nil || !strings.Contains(err.Error(), "section 0") {
		t.Errorf("unpack against a short text: %v", err)
	}
}

func roundTrip(t *testing.T, name string, info *reportInfo, text string) {
	t.Helper()
	raw, err := packInfo(info, text)
	if err != nil {
		t.Fatal(err)
	}
	got, err := unpackInfo(raw, text, true)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	norm := func(i *reportInfo) *reportInfo {
		c := *i
		if len(c.Warnings) == 0 {
			c.Warnings = nil
		}
		return &c
	}
	if !reflect.DeepEqual(norm(got), norm(info)) {
		a, _ := json.Marshal(got)
		b, _ := json.Marshal(info)
		t.Errorf("%s: unpacked\n%s\nwant\n%s", name, a, b)
	}
	// Without the text, the table's fields still come back.
	part, err := unpackInfo(raw, "", false)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if !reflect.DeepEqual(newTableEntry(source("k", part), part.Indicators), newTableEntry(source("k", info), info.Indicators)) {
		t.Errorf("%s: table entry differs without the text", name)
	}
}

// TestOutlineRoundTrip checks that an outline stored without the headings
// its text gives back finds the same section paths.
func TestOutlineRoundTrip(t *testing.T) {
	text := "一、总体情况\n正文。\n（一）调解工作\n调解成功率达95%。\n"
	secs := []extract.Section{
		{Heading: "一、总体情况", Start: 0, End: len(text), HeadEnd: len("一、总体情况"), Parent: -1},
		{Heading: "（一）调解工作", Start: strings.Index(text, "（一）"), End: len(text), HeadEnd: strings.Index(text, "\n调解"), Parent: 0},
		{Heading: "另写的标题", Start: 0, End: 3, HeadEnd: 3, Parent: -1},
	}
	raw, err := json.Marshal(newOutline(secs, text))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), "总体情况") || !strings.Contains(string(raw), "另写的标题") {
		t.Errorf("outline %s keeps headings the text gives, or drops one it does not", raw)
	}
	var got []outlineEntry
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	fillHeadings(got, text)
	if p := sectionAt(got, strings.Index(text, "95%")); p != "一、总体情况 > （一）调解工作" {
		t.Errorf("section path %q", p)
	}
	if got[2].Heading != "另写的标题" {
		t.Errorf("literal heading came back as %q", got[2].Heading)
	}
}
