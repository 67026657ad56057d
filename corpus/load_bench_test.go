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
