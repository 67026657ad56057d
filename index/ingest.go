package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"

	"baogao/corpus"
	"baogao/extract"
	"baogao/internal/parallel"
	"baogao/segment"
)

// IngestOptions tune an ingest.
type IngestOptions struct {
	MaxSize int64 // largest file read; 0 means corpus.MaxFileSize
	Prune   bool  // remove reports whose files no longer exist
	// Progress, when set, is called after each file with the number of
	// files done and found.
	Progress func(done, total int)
	// Stop, when it is closed, ends the ingest early: the files done so
	// far are saved, with a consistent record table, and the summary says
	// Interrupted. Running the same ingest again finishes the work.
	Stop <-chan struct{}
}

// Summary tells what an ingest did.
type Summary struct {
	Found, Added, Updated, Unchanged, Removed, Failed int
	// Indicators is how many records the changed reports gave; Total is
	// how many the index holds now.
	Indicators, Total int
	Bytes             int64 // bytes of the files read and indexed
	Failures          []error
	Interrupted       bool                        // Stop ended the ingest early
	Warnings          map[string][]corpus.Warning // by file, changed files only
	Elapsed           time.Duration
}

// reportInfo is what show needs of a report besides its records; it is
// kept, packed (see packInfo), in a stored field of the report's document.
type reportInfo struct {
	Path     string            `json:"path"`
	Encoding string            `json:"encoding"`
	Meta     corpus.Meta       `json:"meta"`
	Warnings []corpus.Warning  `json:"warnings"`
	Sections []extract.Section `json:"sections"`
	// Indicators are the records, each with where its number stands.
	Indicators []storedIndicator `json:"indicators"`
}

// storedIndicator is a record as the index keeps it: the spec's record and
// where its number stands, for highlighting.
type storedIndicator struct {
	extract.Indicator
	NumStart int `json:"num_start"`
	NumEnd   int `json:"num_end"`
}

// outlineEntry is one section as search needs it. It is stored as a JSON
// array [start, end, parent, headEnd] when the heading is the text from
// start to headEnd, which it nearly always is, else [start, end, parent,
// heading]; the path is rebuilt from the parents, which keeps it small.
type outlineEntry struct {
	Start, End, Parent int
	Heading            string
	HeadEnd            int // -1 when Heading is stored
}

func (o outlineEntry) MarshalJSON() ([]byte, error) {
	if o.HeadEnd >= 0 {
		return json.Marshal([]int{o.Start, o.End, o.Parent, o.HeadEnd})
	}
	return json.Marshal([]any{o.Start, o.End, o.Parent, o.Heading})
}

func (o *outlineEntry) UnmarshalJSON(b []byte) error {
	var a [4]json.RawMessage
	if err := json.Unmarshal(b, &a); err != nil {
		return err
	}
	for i, dst := range []any{&o.Start, &o.End, &o.Parent} {
		if err := json.Unmarshal(a[i], dst); err != nil {
			return err
		}
	}
	if json.Unmarshal(a[3], &o.HeadEnd) == nil {
		return nil
	}
	o.HeadEnd = -1
	return json.Unmarshal(a[3], &o.Heading)
}

// newOutline makes the outline of sections of text.
func newOutline(secs []extract.Section, text string) []outlineEntry {
	out := make([]outlineEntry, len(secs))
	for i, sec := range secs {
		out[i] = outlineEntry{sec.Start, sec.End, sec.Parent, sec.Heading, -1}
		if h, ok := span(text, sec.Start, sec.HeadEnd); ok && h == sec.Heading {
			out[i].Heading, out[i].HeadEnd = "", sec.HeadEnd
		}
	}
	return out
}

// fillHeadings sets the headings an outline takes from text.
func fillHeadings(outline []outlineEntry, text string) {
	for i := range outline {
		if o := &outline[i]; o.HeadEnd >= 0 {
			o.Heading, _ = span(text, o.Start, o.HeadEnd)
		}
	}
}

// ingestMemoryLimit is the soft limit of the Go heap during an ingest.
const ingestMemoryLimit = 1 << 30

// batchBytes is about how much text goes into one bleve batch.
const batchBytes = 4 << 20

// job is one file on its way through the pipeline.
type job struct {
	key, path string
	info      os.FileInfo
	old       FileState
	known     bool
	hash      string
	doc       *corpus.Doc
	rep       *extract.Report
	unchanged bool
	err       error
}

// Ingest finds the reports under paths and brings the index up to date:
// new files are added, changed ones replaced (their report and all their
// records), unchanged ones skipped (same size and time, or same content).
// Files that cannot be read are listed in the summary and the rest go on.
func (ix *Index) Ingest(paths []string, opt IngestOptions) (*Summary, error) {
	if ix.readOnly {
		return nil, errors.New("index opened read-only")
	}
	start := time.Now()
	sum := &Summary{Warnings: map[string][]corpus.Warning{}}
	files, errs := corpus.Find(paths)
	sum.Failures = append(sum.Failures, errs...)
	sum.Found = len(files)
	if err := segment.Preload(); err != nil {
		return nil, err
	}
	tab, err := ix.tableForWrite()
	if err != nil {
		return nil, err
	}

	jobs := make([]*job, len(files))
	for i, f := range files {
		key := fileKey(f)
		old, known := ix.files[key]
		jobs[i] = &job{key: key, path: f, old: old, known: known}
	}
	// Read and extract on every core; index in order on this goroutine.
	// At most lookahead files are read ahead of the indexer, which bounds
	// memory on any corpus size.
	const lookahead = 32
	loader := &corpus.Loader{MaxSize: opt.MaxSize}
	var x extract.Extractor
	pool := parallel.Start(len(jobs), lookahead, func(i int) { prepare(jobs[i], loader, &x) })
	defer pool.Close()
	// Indexing allocates much short-lived memory; collecting less often
	// trades some memory for a good deal of time.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	// ...but not beyond a soft limit: the live heap is a few hundred MB
	// (the read-ahead, the batches in hand, the dictionary, the record
	// table), and the heap a GC percentage alone allows grows with it.
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(ingestMemoryLimit))

	w, err := ix.newWriter()
	if err != nil {
		return nil, err
	}
	w.tab = tab
files:
	for i := range jobs {
		if !pool.Wait(i, opt.Stop) {
			sum.Interrupted = true
			break files
		}
		j := jobs[i]
		jobs[i] = nil // let the text go once indexed
		switch {
		case j.err != nil:
			sum.Failed++
			sum.Failures = append(sum.Failures, j.err)
		case j.unchanged:
			sum.Unchanged++
			if j.info != nil && j.info.ModTime().UnixNano() != j.old.ModTime {
				st := j.old
				st.ModTime = j.info.ModTime().UnixNano()
				ix.files[j.key] = st
				w.dirty = true
			}
		default:
			if err := w.replace(j); err != nil {
				w.close(false)
				return nil, err
			}
			if j.known {
				sum.Updated++
			} else {
				sum.Added++
			}
			sum.Indicators += len(j.rep.Indicators)
			sum.Bytes += j.info.Size()
			if len(j.rep.Warnings) > 0 {
				sum.Warnings[j.path] = cloneWarnings(j.rep.Warnings)
			}
		}
		if opt.Progress != nil {
			opt.Progress(i+1, len(jobs))
		}
	}
	pool.Close() // after an interrupt, the readers finish the files they are on
	if opt.Prune && !sum.Interrupted {
		for key, st := range ix.files {
			if _, err := os.Stat(filepath.FromSlash(key)); errors.Is(err, os.ErrNotExist) {
				w.remove(key, st)
				sum.Removed++
			}
		}
	}
	// After a large ingest, merge the small segments: a smaller index and
	// fewer segments to search.
	if err := w.close(!sum.Interrupted && sum.Added+sum.Updated >= tidyAfter); err != nil {
		return nil, err
	}
	for _, st := range ix.files {
		sum.Total += st.Indicators
	}
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// fileKey is the index's name for a file: its absolute, slash-separated
// path, the same from any working directory.
func fileKey(path string) string {
	if a, err := filepath.Abs(path); err == nil {
		path = a
	}
	return filepath.ToSlash(path)
}

// prepare decides whether j's file changed, and if so reads and extracts it.
func prepare(j *job, loader *corpus.Loader, x *extract.Extractor) {
	defer func() {
		if p := recover(); p != nil {
			j.err = fmt.Errorf("%s: internal error while extracting (%v); please report it with the file", j.path, p)
		}
	}()
	info, err := os.Stat(j.path)
	if err != nil {
		_, _, _, j.err = corpus.ReadFile(j.path, 1)
		if j.err == nil {
			j.err = err
		}
		return
	}
	j.info = info
	if j.known && info.Size() == j.old.Size && info.ModTime().UnixNano() == j.old.ModTime {
		j.unchanged = true
		return
	}
	if j.known && info.Size() == j.old.Size {
		if h, err := hashFile(j.path); err == nil && h == j.old.Hash {
			j.unchanged = true
			return
		}
	}
	doc, err := loader.Load(j.path)
	if err != nil {
		j.err = err
		return
	}
	j.doc = doc
	j.hash = doc.Hash
	if j.known && doc.Hash == j.old.Hash {
		j.unchanged = true
		return
	}
	j.rep = x.NewReport(doc)
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// writer collects changes into bleve batches.
type writer struct {
	ix    *Index
	docs  *docBuilder
	batch *pendingBatch
	bytes int
	dirty bool

	tab        map[string]tableEntry
	tabChanged bool
	marked     bool // the first batch marked the record table dirty

	queue chan *pendingBatch
	wg    sync.WaitGroup
	mu    sync.Mutex
	err   error // the first failed commit
}

func (ix *Index) newWriter() (*writer, error) {
	docs, err := newDocBuilder(ix.b.Mapping())
	if err != nil {
		return nil, &Error{ix.path, ErrDamaged, fmt.Sprintf("index %s: %v; run `baogao ingest --rebuild`", display(ix.path), err)}
	}
	return &writer{ix: ix, docs: docs, batch: &pendingBatch{}}, nil
}

// pendingBatch is a batch's changes, kept so that the batch can be built
// again: bleve adds to the documents of a batch it was given, so a batch
// it failed on cannot be handed to it twice.
type pendingBatch struct {
	ops      []batchOp
	internal [][2][]byte
}

// batchOp indexes doc under id, or deletes id when doc is nil.
type batchOp struct {
	id  string
	doc any
}

func (p *pendingBatch) index(id string, doc any) { p.ops = append(p.ops, batchOp{id, doc}) }
func (p *pendingBatch) delete(id string)         { p.ops = append(p.ops, batchOp{id: id}) }
func (p *pendingBatch) size() int                { return len(p.ops) + len(p.internal) }

// build makes the bleve batch; making the documents happens here, on the
// committer's goroutine.
func (p *pendingBatch) build(b bleve.Index, docs *docBuilder) (*bleve.Batch, error) {
	out := b.NewBatch()
	for _, op := range p.ops {
		var err error
		switch doc := op.doc.(type) {
		case nil:
			out.Delete(op.id)
		case reportDoc:
			err = out.IndexAdvanced(docs.reportDocument(op.id, &doc))
		case indicatorDoc:
			err = out.IndexAdvanced(docs.indicatorDocument(op.id, &doc))
		default:
			err = fmt.Errorf("no document of type %T is indexed", op.doc)
		}
		if err != nil {
			return nil, err
		}
	}
	for _, kv := range p.internal {
		out.SetInternal(kv[0], kv[1])
	}
	return out, nil
}

// commitAttempts is how often a batch is tried when the index library
// panics while applying it. Under concurrent batches and segment merges,
// scorch can read a segment's term dictionary cache just as the segment
// is closed; nothing has been applied when that happens, and the same
// changes succeed when tried again.
const commitAttempts = 4

// commit builds and applies p, again when bleve panicked on it.
func (w *writer) commit(p *pendingBatch) error {
	var err error
	for attempt := range commitAttempts {
		if attempt > 0 {
			time.Sleep(time.Duration(attempt) * 50 * time.Millisecond)
		}
		var b *bleve.Batch
		if b, err = p.build(w.ix.b, w.docs); err != nil {
			return err
		}
		var panicked bool
		if panicked, err = applyBatch(w.ix.b, b); !panicked {
			return err
		}
	}
	return err
}

// applyBatch applies b, turning a panic in bleve into an error.
func applyBatch(ix bleve.Index, b *bleve.Batch) (panicked bool, err error) {
	defer func() {
		if p := recover(); p != nil {
			panicked, err = true, fmt.Errorf("index library failed: %v", p)
		}
	}()
	if beforeApply != nil {
		beforeApply()
	}
	return false, ix.Batch(b)
}

// beforeApply, when set (by tests), runs before each batch is applied.
var beforeApply func()

// Document IDs are short digests of the file key: an index holds tens of
// records per report, and each stores its ID.
func reportID(key string) string { return "r" + shortKey(key) }

// cloneWarnings copies warnings, whose evidence is a piece of a report's
// text, so that the summary does not keep every text alive.
func cloneWarnings(ws []corpus.Warning) []corpus.Warning {
	out := make([]corpus.Warning, len(ws))
	for i, w := range ws {
		out[i] = corpus.Warning{Code: strings.Clone(w.Code), Message: strings.Clone(w.Message), Evidence: strings.Clone(w.Evidence)}
	}
	return out
}

// indicatorIDs returns the document IDs of a file's n records.
func indicatorIDs(key string, n int) []string {
	short := shortKey(key)
	ids := make([]string, n)
	for i := range ids {
		ids[i] = "i" + short + "." + strconv.Itoa(i)
	}
	return ids
}

func shortKey(key string) string {
	h := sha256.Sum256([]byte(key))
	return hex.EncodeToString(h[:8])
}

// remove deletes every document of a file.
func (w *writer) remove(key string, st FileState) {
	w.batch.delete(reportID(key))
	for _, id := range indicatorIDs(key, st.Indicators) {
		w.batch.delete(id)
	}
	delete(w.ix.files, key)
	delete(w.tab, key)
	w.tabChanged = true
	w.dirty = true
}

// replace writes a changed file's report and records in place of its old
// ones.
func (w *writer) replace(j *job) error {
	if j.known {
		w.remove(j.key, j.old)
	}
	rep, doc := j.rep, j.doc
	m := rep.Meta
	recs := make([]storedIndicator, len(rep.Indicators))
	for i, r := range rep.Indicators {
		recs[i] = storedIndicator{r, r.NumStart, r.NumEnd}
	}
	info, err := packInfo(&reportInfo{Path: rep.Path, Encoding: rep.Encoding, Meta: m, Warnings: rep.Warnings, Sections: rep.Sections, Indicators: recs}, doc.Text)
	if err != nil {
		return err
	}
	ol, err := json.Marshal(newOutline(rep.Sections, doc.Text))
	if err != nil {
		return err
	}
	st := FileState{Hash: rep.Hash, Size: j.info.Size(), ModTime: j.info.ModTime().UnixNano(), Indicators: len(rep.Indicators)}
	rid := reportID(j.key)
	ids := indicatorIDs(j.key, len(rep.Indicators))
	w.batch.index(rid, reportDoc{
		Type: typeReport, Path: j.key, Hash: rep.Hash,
		Town: m.Town.Value, County: m.County.Value, City: m.City.Value, Province: m.Province.Value,
		Year: float64(m.Year), Text: doc.Text,
		Size: float64(st.Size), ModTime: strconv.FormatInt(st.ModTime, 10), N: float64(st.Indicators), Info: string(info), Outline: string(ol),
	})
	year := strconv.Itoa(m.Year)
	for i, r := range rep.Indicators {
		w.batch.index(ids[i], indicatorDoc{
			Type: typeIndicator, Report: rid, Indicator: r.ID, Value: r.Value,
			Scope: string(r.Scope), Subject: r.Subject, Derived: r.Derived,
			Town: m.Town.Value, County: m.County.Value, Year: year,
		})
	}
	w.ix.files[j.key] = st
	w.tab[j.key] = newTableEntry(&reportInfo{Meta: m, Indicators: recs})
	w.tabChanged = true
	w.dirty = true
	w.bytes += len(doc.Text) + len(info)
	if w.bytes >= batchBytes {
		return w.flush()
	}
	return nil
}

// flush hands the batch to a committer and starts a new one. A report, its
// records and its file state are in one batch, so they never disagree.
// Batches are analysed and written while the next one fills: up to
// committers of them at once.
func (w *writer) flush() error {
	if err := w.commitErr(); err != nil {
		return err
	}
	if !w.dirty && w.batch.size() == 0 {
		return nil
	}
	if !w.marked {
		w.batch.internal = append(w.batch.internal, [2][]byte{[]byte(keyTableState), []byte(tableDirty)})
		w.marked = true
	}
	w.start()
	w.queue <- w.batch
	w.batch = &pendingBatch{}
	w.bytes = 0
	w.dirty = false
	return nil
}

// committers is how many batches may be written at once.
const committers = 2

func (w *writer) start() {
	if w.queue != nil {
		return
	}
	w.queue = make(chan *pendingBatch)
	for range committers {
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			for b := range w.queue {
				if err := w.commit(b); err != nil {
					w.mu.Lock()
					if w.err == nil {
						w.err = w.ix.writeErr(err)
					}
					w.mu.Unlock()
				}
			}
		}()
	}
}

func (w *writer) commitErr() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// close flushes the last batch, waits for every commit, merges segments
// when asked, then writes the record table and marks it clean.
func (w *writer) close(merge bool) error {
	err := w.flush()
	if w.queue != nil {
		close(w.queue)
		w.wg.Wait()
		w.queue = nil
	}
	if err != nil {
		return err
	}
	if err := w.commitErr(); err != nil {
		return err
	}
	if merge {
		if err := w.ix.tidy(); err != nil {
			return err
		}
	}
	if !w.tabChanged && !w.marked {
		state, _ := w.ix.b.GetInternal([]byte(keyTableState))
		if string(state) == tableClean {
			return nil
		}
	}
	raw, err := encodeTable(w.tab)
	if err != nil {
		return err
	}
	if err := w.commit(&pendingBatch{internal: [][2][]byte{{[]byte(keyTable), raw}, {[]byte(keyTableState), []byte(tableClean)}}}); err != nil {
		return w.ix.writeErr(err)
	}
	if merge {
		w.ix.awaitCleanup()
	}
	return nil
}

// awaitCleanup gives the index's background persister a moment to delete
// the segment files a merge replaced (it does so between writes), so that
// the index is at its size when ingest returns. It returns once no more
// files are on disk than segments in the index, or after at most 3 s.
func (ix *Index) awaitCleanup() {
	s := ix.scorch()
	if s == nil {
		return
	}
	zapFiles := func() int {
		entries, _ := os.ReadDir(filepath.Join(ix.path, "store"))
		n := 0
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".zap") {
				n++
			}
		}
		return n
	}
	for i := 0; i < 300; i++ {
		segs, ok := s.StatsMap()["num_root_filesegments"].(uint64)
		if !ok || zapFiles() <= int(segs) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (ix *Index) writeErr(err error) error {
	return &Error{ix.path, ErrDamaged, fmt.Sprintf("cannot write index %s: %v", display(ix.path), err)}
}

// tidyAfter is how many new or changed reports make ingest tidy the
// index's segments before it returns.
const tidyAfter = 500

// tidy merges the index's small segments into one. Merging as it goes
// leaves a few large segments and a tail of small ones (at 10,000 reports,
// three of about 40 MB and seven of about 4.6 MB); the tail carries most of
// what many segments cost in size, and rewriting only the tail takes a
// quarter of the time of merging everything into one segment. A segment is
// small when it holds less than a sixth of the index's documents.
func (ix *Index) tidy() error {
	s := ix.scorch()
	if s == nil {
		return nil
	}
	n, err := ix.b.DocCount()
	if err != nil {
		return ix.writeErr(err)
	}
	if err := s.ForceMerge(context.Background(), tidyPlan(n)); err != nil {
		return ix.writeErr(err)
	}
	return nil
}

// tidyPlan is the merge plan of tidy for an index of docs documents: the
// planner takes segments of fewer than MaxSegmentSize/2 live documents, and
// merges them, as few tasks as it can, into segments of fewer than
// MaxSegmentSize.
func tidyPlan(docs uint64) *mergeplan.MergePlanOptions {
	o := mergeplan.SingleSegmentMergePlanOptions
	o.MaxSegmentSize = max(int64(docs)/3, 2)
	o.FloorSegmentSize = 1
	o.CalcBudget = func(int64, int64, *mergeplan.MergePlanOptions) int { return 1 }
	return &o
}

// scorch is the index's scorch engine, or nil.
func (ix *Index) scorch() *scorch.Scorch {
	adv, err := ix.b.Advanced()
	if err != nil {
		return nil
	}
	s, _ := adv.(*scorch.Scorch)
	return s
}
