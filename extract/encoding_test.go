package extract_test

import (
	"path/filepath"
	"reflect"
	"testing"

	"baogao/corpus"
	"baogao/extract"
)

// TestEncodingsGiveSameRecords reads one report stored in every encoding
// baogao accepts, and with CRLF line ends and full-width digits, and wants
// the same metadata, records and warnings from each.
func TestEncodingsGiveSameRecords(t *testing.T) {
	files := map[string]string{
		"utf8.txt":           corpus.EncUTF8,
		"utf8-bom.txt":       corpus.EncUTF8BOM,
		"utf16le-bom.txt":    corpus.EncUTF16LE,
		"utf16be-bom.txt":    corpus.EncUTF16BE,
		"gb18030.txt":        corpus.EncGB18030,
		"crlf-fullwidth.txt": corpus.EncUTF8,
	}
	var l corpus.Loader
	var x extract.Extractor
	ref, err := l.Load(filepath.Join("../testdata/encodings", "utf8.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := x.NewReport(ref)
	if len(want.Indicators) < 3 {
		t.Fatalf("the excerpt yields only %d records; the test needs figures to compare", len(want.Indicators))
	}
	for name, enc := range files {
		doc, err := l.Load(filepath.Join("../testdata/encodings", name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if doc.Encoding != enc {
			t.Errorf("%s: encoding %q, want %q", name, doc.Encoding, enc)
		}
		if doc.Text != ref.Text {
			t.Errorf("%s: normalised text differs from the UTF-8 file", name)
		}
		got := x.NewReport(doc)
		if !reflect.DeepEqual(got.Meta, want.Meta) {
			t.Errorf("%s: meta\n got %+v\nwant %+v", name, got.Meta, want.Meta)
		}
		if !reflect.DeepEqual(got.Indicators, want.Indicators) {
			t.Errorf("%s: records differ:\n got %+v\nwant %+v", name, got.Indicators, want.Indicators)
		}
		if !reflect.DeepEqual(got.Warnings, want.Warnings) {
			t.Errorf("%s: warnings differ:\n got %+v\nwant %+v", name, got.Warnings, want.Warnings)
		}
	}
}
