package index

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
)

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
	// final are internal entries written with the record table, when the
	// ingest is done (the catalogue, no longer pending).
	final [][2][]byte

	queue chan *pendingBatch
	alone sync.RWMutex // held for writing by the commit of a big batch
	wg    sync.WaitGroup
	mu    sync.Mutex
	err   error // the first failed commit
}

func (ix *Index) newWriter() (*writer, error) {
	docs, err := newDocBuilder(ix.b.Mapping())
	if err != nil {
		return nil, ix.damaged(err)
	}
	return &writer{ix: ix, docs: docs, batch: &pendingBatch{}}, nil
}

// pendingBatch is a batch's changes, kept so that the batch can be built
// again: bleve adds to the documents of a batch it was given, so a batch
// it failed on cannot be handed to it twice.
type pendingBatch struct {
	ops      []batchOp
	internal [][2][]byte // key and value of the internal store; a nil value deletes the key
	big      bool        // far more text than batchBytes: one huge report
}

// batchOp indexes doc under id, or deletes id when doc is nil.
type batchOp struct {
	id  string
	doc any
}

func (p *pendingBatch) index(id string, doc any) { p.ops = append(p.ops, batchOp{id, doc}) }

func (p *pendingBatch) delete(id string) { p.ops = append(p.ops, batchOp{id: id}) }

func (p *pendingBatch) size() int { return len(p.ops) + len(p.internal) }

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
		if kv[1] == nil {
			out.DeleteInternal(kv[0])
		} else {
			out.SetInternal(kv[0], kv[1])
		}
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
	stored := &reportInfo{Path: rep.Path, Encoding: rep.Encoding, Meta: m, Warnings: rep.Warnings, Sections: rep.Sections, Indicators: rep.Indicators}
	info, err := packInfo(stored, doc.Text)
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
	w.tab[j.key] = newTableEntry(source(j.key, stored), rep.Indicators)
	w.tabChanged = true
	w.dirty = true
	w.bytes += len(doc.Text) + len(info)
	if w.bytes >= batchBytes || len(w.batch.ops) >= batchDocs {
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
	w.batch.big = w.bytes >= bigBatch
	w.queue <- w.batch
	w.batch = &pendingBatch{}
	w.bytes = 0
	w.dirty = false
	return nil
}

// committers is how many batches may be written at once.
const committers = 2

// bigBatch is the text of a batch that is written with no other: a report
// of several MB (up to --max-size).
const bigBatch = 2 * batchBytes

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
				// A huge report's text is analysed alone: its tokens are
				// hundreds of MB, and two at once doubled the peak.
				lock, unlock := w.alone.RLock, w.alone.RUnlock
				if b.big {
					lock, unlock = w.alone.Lock, w.alone.Unlock
				}
				lock()
				err := w.commit(b)
				unlock()
				if err != nil {
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
	if !w.tabChanged && !w.marked && len(w.final) == 0 {
		state, _ := w.ix.b.GetInternal([]byte(keyTableState))
		if string(state) == tableClean {
			return nil
		}
	}
	old, _ := w.ix.recordIDs() // a damaged list only leaves old parts behind
	parts, err := encodeTable(w.tab, old)
	if err != nil {
		return err
	}
	table := &pendingBatch{}
	for key, raw := range parts {
		table.internal = append(table.internal, [2][]byte{[]byte(key), raw})
	}
	table.internal = append(table.internal, [2][]byte{[]byte(keyOneTable), nil}, [2][]byte{[]byte(keyTableState), []byte(tableClean)})
	table.internal = append(table.internal, w.final...)
	if err := w.commit(table); err != nil {
		return w.ix.writeErr(err)
	}
	w.ix.reports = nil // read again when asked
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

func (ix *Index) writeErr(err error) error { return &Error{ix.path, ErrWrite, err} }
