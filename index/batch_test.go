package index

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"baogao/extract"
)

// TestBatchesHoldFewDocuments: reports dense with figures are indexed in
// batches of about batchDocs documents, not as many as their text allows
// (a batch holds its documents analysed in memory: 833,000 records of one
// batch took 9.7 GB).
func TestBatchesHoldFewDocuments(t *testing.T) {
	dir := t.TempDir()
	phrases := []string{"调解纠纷%d件，", "排查矛盾纠纷%d件，", "开展普法宣传活动%d场，", "发放宣传资料%d份，", "培养法律明白人%d人，"}
	for r := range 12 {
		var b strings.Builder
		fmt.Fprintf(&b, "第%d镇人民政府关于2024年度法治政府建设工作情况的报告\n一、主要成效\n", r)
		for i := range 1500 {
			fmt.Fprintf(&b, phrases[i%len(phrases)], i%97+1)
			if i%8 == 7 {
				b.WriteString("。\n")
			}
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%02d.txt", r)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	batches := 0
	beforeApply = func() {
		mu.Lock()
		batches++
		mu.Unlock()
	}
	defer func() { beforeApply = nil }()
	ix, err := OpenWrite(filepath.Join(t.TempDir(), "dense.index"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	sum, err := ix.Ingest([]string{dir}, IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	docs := sum.Indicators + sum.Added
	// Each batch holds at most batchDocs and one report's documents more;
	// the record table is written in a batch of its own.
	if want := 1 + (docs+batchDocs+extract.MaxRecords-1)/(batchDocs+extract.MaxRecords); batches < want || docs < 12*1000 {
		t.Errorf("%d documents in %d batches; want at least %d batches", docs, batches, want)
	}
}
