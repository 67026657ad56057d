package index

import (
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"baogao/extract"
)

const samples = "../testdata/reports"

func TestVersionMismatchIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.index")
	ix, err := OpenWrite(path, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Ingest([]string{samples}, IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	// Pretend another version built it.
	b, err := bleve.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.SetInternal([]byte(keyVersion), []byte("schema 0; analyzer old")); err != nil {
		t.Fatal(err)
	}
	b.Close()
	for _, open := range []func() error{
		func() error { _, err := Open(path); return err },
		func() error { _, err := OpenWrite(path, false); return err },
	} {
		err := open()
		if !errors.Is(err, ErrVersion) || !strings.Contains(err.Error(), "schema 0; analyzer old") {
			t.Errorf("open of another version's index: %v", err)
		}
	}
	ix, err = OpenWrite(path, true)
	if err != nil {
		t.Fatalf("rebuild: %v", err)
	}
	defer ix.Close()
	sum, err := ix.Ingest([]string{samples}, IngestOptions{})
	if err != nil || sum.Added != 5 {
		t.Fatalf("ingest after rebuild: %+v %v", sum, err)
	}
}

func TestBusyIndexFailsFast(t *testing.T) {
	path := filepath.Join(t.TempDir(), "b.index")
	ix, err := OpenWrite(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for name, open := range map[string]func() error{
		"search": func() error { _, err := Open(path); return err },
		"ingest": func() error { _, err := OpenWrite(path, false); return err },
		"rebuild": func() error {
			_, err := OpenWrite(path, true)
			return err
		},
	} {
		start := time.Now()
		waits := lockWaits.Load()
		err := open()
		if !errors.Is(err, ErrBusy) {
			t.Errorf("%s while another holds the index: %v", name, err)
		}
		// Each wait is lockWait long; waiting twice broke the promise of
		// an answer within 1.5 s.
		if n := lockWaits.Load() - waits; n != 1 {
			t.Errorf("%s waited for the lock %d times; want once", name, n)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s waited %v", name, d)
		}
	}
	// The holder still works.
	if _, err := ix.Ingest([]string{samples}, IngestOptions{}); err != nil {
		t.Fatal(err)
	}
}

func TestParseQuery(t *testing.T) {
	tests := []struct{ in, words, phrases string }{
		{"调解", "调解", ""},
		{"调解 成功率", "调解|成功率", ""},
		{`"成功化解" 调解`, "调解", "成功化解"},
		{`“成功化解”`, "", "成功化解"},
		{`ＡＢＣ　调解`, "ABC|调解", ""},
		{`"未闭合 短语`, "", "未闭合 短语"},
		{`""`, "", ""},
	}
	for _, tt := range tests {
		w, p := ParseQuery(tt.in)
		if strings.Join(w, "|") != tt.words || strings.Join(p, "|") != tt.phrases {
			t.Errorf("ParseQuery(%q) = %q, %q; want %q, %q", tt.in, w, p, tt.words, tt.phrases)
		}
	}
}

func TestSnippetIsClean(t *testing.T) {
	text := "前文\x1b[31m危险\x07内容\n第二行调解成功率达到100%后文"
	i := strings.Index(text, "调解成功率")
	b, m, a := snippet(text, i, i+len("调解成功率"))
	for _, s := range []string{b, m, a} {
		if strings.ContainsAny(s, "\x1b\x07\n") {
			t.Errorf("control characters in snippet %q", s)
		}
	}
	if m != "调解成功率" {
		t.Errorf("match %q", m)
	}
}

// TestStaleRecordTable simulates an ingest cut off after some batches: the
// record table stays marked dirty, compare refuses it, and the next ingest
// rebuilds it even though no file changed.
func TestStaleRecordTable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.index")
	ix, err := OpenWrite(path, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Ingest([]string{samples}, IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	want, err := ix.Records(extract.Filter{})
	if err != nil || len(want) == 0 {
		t.Fatalf("records: %d, %v", len(want), err)
	}
	ix.Close()
	b, err := bleve.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	b.SetInternal([]byte(keyTableState), []byte(tableDirty))
	b.Close()

	ix, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Records(extract.Filter{}); !errors.Is(err, ErrStaleTable) {
		t.Errorf("records from a dirty table: %v", err)
	}
	ix.Close()

	ix, err = OpenWrite(path, false)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := ix.Ingest([]string{samples}, IngestOptions{})
	if err != nil || sum.Unchanged != 5 {
		t.Fatalf("re-ingest: %+v %v", sum, err)
	}
	ix.Close()
	ix, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	got, err := ix.Records(extract.Filter{})
	if err != nil || len(got) != len(want) {
		t.Errorf("records after rebuild: %d (want %d), %v", len(got), len(want), err)
	}
}

func TestTableEncoding(t *testing.T) {
	wang := extract.Source{Path: "/a/王团镇.txt", Town: "王团镇", County: "同心县", Code: "640324105", Year: 2024}
	kai := extract.Source{Path: "/b/开城镇.txt", Town: "开城镇"}
	inds := []extract.Indicator{
		{ID: "mediation_success_rate", Value: 80, Unit: "%", Subject: "派出所", Scope: extract.ScopeAchievement},
		{ID: "disputes_resolved", Value: 129, Unit: "件", Qualifier: ">=", Subject: "司法所", Derived: true, Scope: extract.ScopePlan},
		{ID: "mediation_success_rate", Value: 100, Unit: "%", Derived: true, Scope: extract.ScopeAchievement},
	}
	tab := map[string]tableEntry{wang.Path: newTableEntry(wang, inds), kai.Path: newTableEntry(kai, nil)}
	parts, err := encodeTable(tab, []string{"gone"})
	if err != nil {
		t.Fatal(err)
	}
	reps, err := decodeReports(parts[keyReports])
	if err != nil || len(reps) != 2 || reps[0] != kai || reps[1] != wang {
		t.Fatalf("reports: %+v, %v", reps, err)
	}
	ids, err := decodeIDs(parts[keyRecordIDs])
	if err != nil || strings.Join(ids, ",") != "disputes_resolved,mediation_success_rate" {
		t.Fatalf("ids %v, %v", ids, err)
	}
	rates, repOf, err := decodeRecords(parts[keyRecordsPrefix+"mediation_success_rate"], reps, nil)
	if err != nil || len(rates) != 2 || repOf[0] != 1 || rates[0].Seq != 0 || rates[1].Seq != 2 || rates[1].Value != 100 || !rates[1].Derived ||
		rates[0].Subject != "派出所" || rates[0].Source != wang || rates[0].Label != "调解成功率" {
		t.Errorf("rates: %+v, %v", rates, err)
	}
	resolved, _, err := decodeRecords(parts[keyRecordsPrefix+"disputes_resolved"], reps, []bool{true, false})
	if err != nil || len(resolved) != 0 {
		t.Errorf("a report the filter leaves out: %+v, %v", resolved, err)
	}
	resolved, _, _ = decodeRecords(parts[keyRecordsPrefix+"disputes_resolved"], reps, nil)
	if len(resolved) != 1 || resolved[0].Indicator != (extract.Indicator{ID: "disputes_resolved", Label: resolved[0].Label, Value: 129, Unit: "件", Qualifier: ">=", Subject: "司法所", Derived: true, Scope: extract.ScopePlan}) {
		t.Errorf("resolved: %+v", resolved)
	}
	if gone, _, err := decodeRecords(parts[keyRecordsPrefix+"gone"], reps, nil); err != nil || len(gone) != 0 {
		t.Errorf("an indicator no report states any more: %+v, %v", gone, err)
	}
	// Damaged data is an error, never a panic.
	raw := parts[keyRecordsPrefix+"mediation_success_rate"]
	for i := 0; i < len(raw); i += 7 {
		decodeRecords(append([]byte{}, raw[:i]...), reps, nil)
		decodeReports(append([]byte{}, parts[keyReports][:i%len(parts[keyReports])]...))
	}
	if _, err := decodeReports([]byte("not a table")); err == nil {
		t.Error("garbage decoded")
	}
}

// TestBatchRetriedAfterPanic makes bleve panic on the first attempt of
// every batch: the ingest must still index every report and record once.
func TestBatchRetriedAfterPanic(t *testing.T) {
	want := func() (uint64, int) {
		ix, err := OpenWrite(filepath.Join(t.TempDir(), "ok.index"), false)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		sum, err := ix.Ingest([]string{samples}, IngestOptions{})
		if err != nil {
			t.Fatal(err)
		}
		n, _ := ix.b.DocCount()
		return n, sum.Total
	}
	wantDocs, wantRecs := want()

	var mu sync.Mutex
	calls := 0
	beforeApply = func() {
		mu.Lock()
		calls++
		odd := calls%2 == 1
		mu.Unlock()
		if odd {
			var m map[int]int
			m[0] = 1 // the panic bleve gives
		}
	}
	defer func() { beforeApply = nil }()
	ix, err := OpenWrite(filepath.Join(t.TempDir(), "retry.index"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	sum, err := ix.Ingest([]string{samples}, IngestOptions{})
	if err != nil {
		t.Fatalf("ingest with a panicking first attempt: %v", err)
	}
	n, _ := ix.b.DocCount()
	if n != wantDocs || sum.Total != wantRecs || sum.Added != 5 || calls < 4 {
		t.Errorf("%d documents, %d records, %d added after %d attempts; want %d documents, %d records", n, sum.Total, sum.Added, calls, wantDocs, wantRecs)
	}

	// A batch that always panics fails the ingest with an error, not a crash.
	beforeApply = func() { panic("always") }
	ix2, err := OpenWrite(filepath.Join(t.TempDir(), "fail.index"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer ix2.Close()
	if _, err := ix2.Ingest([]string{samples}, IngestOptions{}); err == nil || !strings.Contains(err.Error(), "always") {
		t.Errorf("always panicking: %v", err)
	}
}
