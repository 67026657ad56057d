package index

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"baogao/corpus"
	"baogao/extract"
	"baogao/internal/parallel"
	"baogao/segment"
)

// IngestOptions tune an ingest.
type IngestOptions struct {
	MaxSize int64 // largest file read; 0 means corpus.MaxFileSize
	Prune   bool  // remove reports whose files no longer exist
	// FollowLinks reads the files that links inside a folder lead to
	// outside it (see corpus.FindOptions).
	FollowLinks bool
	// Progress, when set, is called after each file with the number of
	// files done and found.
	Progress func(done, total int)
	// Stop, when it is closed, ends the ingest early: the files done so
	// far are saved, with a consistent record table, and the summary says
	// Interrupted. Running the same ingest again finishes the work.
	Stop <-chan struct{}
	// Catalogue reads the figures; nil means the one the index was read
	// with (the built-in one for a new index). When it is not the one the
	// index was read with, every report is read again.
	Catalogue *extract.Catalogue
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
	// ByFormat counts the files found by format ("txt", "pdf"…) and
	// outcome; Skipped are the files in the folders whose types are not
	// read.
	ByFormat map[string]*Outcomes
	Skipped  []corpus.Skipped
	// Reread is how many reports were read again because the catalogue
	// changed, from their files or their stored text.
	Reread int
}

// ingestMemoryLimit is the soft limit of the Go heap during an ingest.
const ingestMemoryLimit = 1 << 30

// batchBytes is about how much text goes into one bleve batch.
const batchBytes = 4 << 20

// batchDocs is about how many documents go into one bleve batch. Each
// record is a document, and bleve holds a batch's documents analysed in
// memory: 4 MB of text dense with figures is tens of thousands of them.
// A batch holds whole reports, so it may exceed this by one report's
// records (extract.MaxRecords at most).
const batchDocs = 8000

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
	// force reads the file even when it did not change (a new catalogue);
	// reread, when set, rebuilds the Doc from the index instead of the
	// file, which is not among those ingested.
	force  bool
	reread func(key string, st FileState) (*corpus.Doc, os.FileInfo, error)
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
	files, skipped, errs := corpus.FindOptions{FollowLinks: opt.FollowLinks}.FindReports(paths)
	sum.Skipped = skipped
	sum.Failures = append(sum.Failures, errs...)
	sum.Found = len(files)
	if err := segment.Preload(); err != nil {
		return nil, err
	}
	tab, err := ix.tableForWrite()
	if err != nil {
		return nil, err
	}

	stored, err := ix.storedCatalogue()
	if err != nil {
		return nil, err
	}
	cat := opt.Catalogue
	if cat == nil {
		// The same user's file over this baogao's built-in rules, which
		// may be newer than those the index was read with.
		if cat, err = ix.parseStored(stored); err != nil {
			return nil, err
		}
	}
	newCatalogue := stored.Version != cat.Version() || stored.Pending
	jobs := make([]*job, len(files))
	aliases := map[string]bool{} // keys of files an older index knows by a path through a link
	for i, f := range files {
		key := keyOf(f)
		old, known := ix.files[key]
		if alias := absKey(f); alias != key {
			if _, ok := ix.files[alias]; ok {
				aliases[alias] = true
			}
		}
		jobs[i] = &job{key: key, path: f, old: old, known: known, force: newCatalogue}
	}
	if newCatalogue {
		for _, j := range ix.rereadJobs(jobs) {
			if !aliases[j.key] { // read again under its real path
				jobs = append(jobs, j)
			}
		}
	}
	// Read and extract on every core; index in order on this goroutine.
	// At most lookahead files are read ahead of the indexer, which bounds
	// memory on any corpus size.
	const lookahead = 32
	loader := &corpus.Loader{MaxSize: opt.MaxSize}
	x := extract.Extractor{Catalogue: cat}
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
	for alias := range aliases {
		w.remove(alias, ix.files[alias])
		sum.Removed++
	}
	if newCatalogue {
		// Pending until every report is read again; stored for good with
		// the record table at the end.
		for _, pending := range []bool{true, false} {
			e, err := catalogueEntry(cat, pending)
			if err != nil {
				return nil, err
			}
			if pending {
				w.batch.internal = append(w.batch.internal, e)
			} else {
				w.final = append(w.final, e)
			}
		}
		w.dirty = true
	}
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
			if j.known && j.info != nil && holdsNoReport(j.err) {
				// The file is there and no longer a report: its old
				// figures would say what the folder does not.
				w.remove(j.key, j.old)
				sum.Removed++
				j.err = fmt.Errorf("%w; its earlier report was removed from the index", j.err)
			}
			sum.Failures = append(sum.Failures, j.err)
			sum.tally(j, func(o *Outcomes) { o.Failed++ })
		case j.unchanged:
			sum.Unchanged++
			sum.tally(j, func(o *Outcomes) { o.Unchanged++ })
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
			switch {
			case j.reread != nil, j.force && j.known && j.hash == j.old.Hash:
				sum.Reread++
			case j.known:
				sum.Updated++
				sum.tally(j, func(o *Outcomes) { o.Updated++ })
			default:
				sum.Added++
				sum.tally(j, func(o *Outcomes) { o.Added++ })
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
			_, err := os.Stat(filepath.FromSlash(key))
			// A file the index also holds under its real path, through a
			// link, is counted once.
			_, twice := ix.files[fileKey(key)]
			if errors.Is(err, os.ErrNotExist) || twice && fileKey(key) != key {
				w.remove(key, st)
				sum.Removed++
			}
		}
	}
	// After a large ingest, merge the small segments: a smaller index and
	// fewer segments to search.
	if sum.Interrupted {
		w.final = nil // the catalogue stays pending
	}
	if err := w.close(!sum.Interrupted && sum.Added+sum.Updated+sum.Reread >= tidyAfter); err != nil {
		return nil, err
	}
	if !sum.Interrupted {
		ix.cat = cat
	}
	for _, st := range ix.files {
		sum.Total += st.Indicators
	}
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// holdsNoReport reports whether err says a file's content is no report
// (empty, binary, undecodable, damaged, without text), rather than that
// it could not be read now (permissions) or is above the size limit of
// this run.
func holdsNoReport(err error) bool {
	for _, e := range []error{corpus.ErrEmpty, corpus.ErrBinary, corpus.ErrUndecodable, corpus.ErrDamaged, corpus.ErrNoText, corpus.ErrNotRead} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// fileKey is the index's name for a file: its absolute, slash-separated
// path with links resolved, the same from any working directory and
// through any link, so that a folder reached by two paths is one.
func fileKey(path string) string {
	abs := absKey(path)
	if real, err := filepath.EvalSymlinks(filepath.FromSlash(abs)); err == nil {
		return filepath.ToSlash(real)
	}
	return abs
}

// keyOf is fileKey; tests make indexes as older versions made them.
var keyOf = fileKey

// absKey is a file's absolute, slash-separated path, links unresolved: the
// key indexes made before keys resolved links gave it.
func absKey(path string) string {
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
	if j.reread != nil {
		j.doc, j.info, j.err = j.reread(j.key, j.old)
		if j.err == nil {
			j.hash = j.doc.Hash
			j.rep = x.NewReport(j.doc)
		}
		return
	}
	info, err := os.Stat(j.path)
	if err != nil {
		_, _, _, j.err = corpus.ReadFile(j.path, 1)
		if j.err == nil {
			j.err = err
		}
		return
	}
	j.info = info
	if j.known && !j.force && info.Size() == j.old.Size && info.ModTime().UnixNano() == j.old.ModTime {
		j.unchanged = true
		return
	}
	if j.known && !j.force && info.Size() == j.old.Size {
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
	if j.known && !j.force && doc.Hash == j.old.Hash {
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

// cloneWarnings copies warnings, whose evidence is a piece of a report's
// text, so that the summary does not keep every text alive.
func cloneWarnings(ws []corpus.Warning) []corpus.Warning {
	out := make([]corpus.Warning, len(ws))
	for i, w := range ws {
		out[i] = corpus.Warning{Code: strings.Clone(w.Code), Message: strings.Clone(w.Message), Evidence: strings.Clone(w.Evidence)}
	}
	return out
}
