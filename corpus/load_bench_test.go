package corpus

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// BenchmarkLoadTxt measures reading the sample .txt reports: open, decode,
// normalise, metadata and place. It is the path every .txt report takes,
// and what other formats must not slow down.
func BenchmarkLoadTxt(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "reports", "*.txt"))
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
	b.ReportAllocs()
	var l Loader
	for b.Loop() {
		for _, f := range files {
			if _, err := l.Load(f); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkFormats measures reading the report in each format: detecting
// it, getting its text, normalising it and reading its metadata. MB/s is
// of the file; text-MB/s of the text it holds. PDFium's start is left
// out (it happens once per run; see README).
func BenchmarkFormats(b *testing.B) {
	for _, f := range formatFixtures {
		raw, err := os.ReadFile(filepath.Join(formatsDir, f.name))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(f.name, func(b *testing.B) {
			doc, err := Parse(f.name, raw) // starts PDFium before the clock
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := Parse(f.name, raw); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(doc.Text))*float64(b.N)/b.Elapsed().Seconds()/1e6, "text-MB/s")
		})
	}
}
