package extract_test

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"baogao/corpus"
	"baogao/extract"
)

// BenchmarkExtract measures the whole path a report takes: read from disk,
// decode, normalise, read metadata, extract indicators.
func BenchmarkExtract(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(sampleDir, "*.txt"))
	sort.Strings(files)
	var size int64
	for _, f := range files {
		st, err := os.Stat(f)
		if err != nil {
			b.Fatal(err)
		}
		size += st.Size()
	}
	b.SetBytes(size)
	var l corpus.Loader
	var x extract.Extractor
	for b.Loop() {
		for _, f := range files {
			doc, err := l.Load(f)
			if err != nil {
				b.Fatal(err)
			}
			x.NewReport(doc)
		}
	}
}

// BenchmarkExtractOnly measures extraction alone, on normalised text.
func BenchmarkExtractOnly(b *testing.B) {
	reports := loadSamples(b)
	var docs []*corpus.Doc
	var size int64
	var l corpus.Loader
	for _, r := range reports {
		d, err := l.Load(r.Path)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
		size += int64(len(d.Text))
	}
	b.SetBytes(size)
	var x extract.Extractor
	for b.Loop() {
		for _, d := range docs {
			x.Extract(d)
		}
	}
}

// FuzzExtract feeds arbitrary bytes through decode, normalise and extract:
// nothing may panic, and every record's evidence must be its text span.
func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(sampleDir, "*.txt"))
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err == nil && len(b) > 4000 {
			b = b[len(b)/3 : len(b)/3+4000]
		}
		f.Add(b)
	}
	f.Add([]byte("共受理矛盾纠纷29件,调解成功29件。其中派出所10件。调解成功率100%"))
	f.Add([]byte("\ufeff一、\r\n(一)1.(1)受理纠纷 2 千余份,分别为3件、4件"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		doc, err := corpus.Parse("fuzz.txt", raw)
		if err != nil {
			return
		}
		var x extract.Extractor
		r := x.NewReport(doc)
		for _, i := range r.Indicators {
			if i.Start < 0 || i.End > len(doc.Text) || i.Start > i.End {
				t.Fatalf("record %+v outside the text (%d bytes)", i, len(doc.Text))
			}
			if doc.Text[i.Start:i.End] != i.Evidence {
				t.Fatalf("evidence %q is not text[%d:%d]", i.Evidence, i.Start, i.End)
			}
		}
	})
}
