package extract_test

import (
	"path/filepath"
	"sort"
	"testing"

	"baogao/corpus"
	"baogao/extract"
)

// sampleDir holds the real sample reports.
const sampleDir = "../testdata/reports"

// loadSamples reads and extracts every sample report, in name order.
func loadSamples(t testing.TB) []*extract.Report {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(sampleDir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample reports in %s: %v", sampleDir, err)
	}
	sort.Strings(files)
	var l corpus.Loader
	var x extract.Extractor
	var out []*extract.Report
	for _, f := range files {
		doc, err := l.Load(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, x.NewReport(doc))
	}
	return out
}
